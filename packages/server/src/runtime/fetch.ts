// Web Fetch API adapter: `(Request) => Promise<Response>`, for Hono, Bun, Deno and workers.
import { encodeError } from "@codepipeline-partner/protocol-aws-json";
import { tooLargeError } from "./errors.js";
import { INTERNAL_FAILURE } from "./handler.js";
import type { HttpResponse, ServiceHandler } from "./http.js";
import { newRequestId } from "./request-id.js";
import { readBounded } from "./streams.js";

export function toFetchHandler(handler: ServiceHandler, options: { maxBodyBytes?: number } = {}) {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  return async (request: Request): Promise<Response> => {
    const body = await readBody(request, limit);
    if (body === "too large" || body === "broken") {
      // Refused before the handler runs, in the protocol's envelope with a request ID.
      const error = body === "too large" ? { status: 413, ...tooLargeError(limit) } : { status: 400, ...BROKEN_BODY };
      const answer = encodeError(handler.protocol, { ...error, requestId: newRequestId() });
      return new Response(answer.body, { status: answer.status, headers: answer.headers });
    }
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    let answer: HttpResponse;
    try {
      answer = await handler({ method: request.method, path: new URL(request.url).pathname, headers, body: body ?? new Uint8Array() });
    } catch {
      // As the node:http adapter does: the caller gets the protocol's 500, not the framework's own error page.
      answer = encodeError(handler.protocol, { status: 500, ...INTERNAL_FAILURE, requestId: newRequestId() });
    }
    return new Response(answer.body === "" ? null : answer.body, { status: answer.status, headers: answer.headers });
  };
}

/** The answer to a request whose body stream failed before its end. */
const BROKEN_BODY = { name: "SerializationException", message: "The request body broke off before its end." } as const;

/**
 * The body, read a chunk at a time and abandoned as soon as it passes `limit`. A body
 * that breaks off mid-way is not the request the caller meant: the handler never runs on
 * the part that arrived (or on none of it).
 */
async function readBody(request: Request, limit: number): Promise<Uint8Array | "too large" | "broken" | undefined> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return "too large";
  return request.body ? readBounded(request.body, limit) : undefined;
}
