// Web Fetch API adapter: `(Request) => Promise<Response>`, for Hono, Bun, Deno and workers.
import type { ServiceHandler } from "./http.js";

export function toFetchHandler(handler: ServiceHandler, options: { maxBodyBytes?: number } = {}) {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  return async (request: Request): Promise<Response> => {
    const declared = Number(request.headers.get("content-length"));
    const body = Number.isFinite(declared) && declared > limit ? undefined : new Uint8Array(await request.arrayBuffer());
    if (!body || body.length > limit) {
      return new Response(JSON.stringify({ __type: "RequestEntityTooLargeException", message: `The body is larger than ${limit} bytes.` }), {
        status: 413,
        headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": "RequestEntityTooLargeException" },
      });
    }
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const answer = await handler({ method: request.method, path: new URL(request.url).pathname, headers, body });
    return new Response(answer.body === "" ? null : answer.body, { status: answer.status, headers: answer.headers });
  };
}
