// node:http adapter: a request listener (for node:http, Express, Fastify, Koa) and a
// small `listen` helper. It enforces the body size limit and cuts off slow clients.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { encodeError } from "@codepipeline-partner/protocol-aws-json";
import { tooLargeError } from "./errors.js";
import { INTERNAL_FAILURE } from "./handler.js";
import type { HttpResponse, ServiceHandler } from "./http.js";

export interface NodeAdapterOptions {
  /** Largest body accepted, in bytes (default 1 MiB); larger ones get 413 unread. */
  maxBodyBytes?: number;
}

export function toRequestListener(handler: ServiceHandler, options: NodeAdapterOptions = {}) {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  return (request: IncomingMessage, response: ServerResponse): void => {
    const declared = Number(request.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) {
      tooLarge(handler, response, limit);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        tooLarge(handler, response, limit);
        return;
      }
      chunks.push(chunk);
    });
    request.on("error", () => response.destroy());
    request.on("end", () => {
      if (refused) return;
      // Node already lower-cases header names; only set-cookie (never sent here) is an array.
      const headers = request.headers as Record<string, string | undefined>;
      const url = request.url ?? "/";
      const query = url.indexOf("?");
      const path = query < 0 ? url : url.slice(0, query);
      handler({ method: request.method ?? "", path, headers, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) })
        .then((answer) => send(response, answer))
        .catch(() => {
          // Whatever failed (even writing the answer), the process lives and the client hears back.
          try {
            send(response, encodeError(handler.protocol, { status: 500, ...INTERNAL_FAILURE, requestId: crypto.randomUUID() }));
          } catch {
            response.destroy();
          }
        });
    });
  };
}

function tooLarge(handler: ServiceHandler, response: ServerResponse, limit: number): void {
  // Answer at once and close: the rest of the body is never read.
  const answer = encodeError(handler.protocol, { status: 413, ...tooLargeError(limit), requestId: crypto.randomUUID() });
  send(response, { ...answer, headers: { ...answer.headers, connection: "close" } });
}

function send(response: ServerResponse, answer: HttpResponse): void {
  if (response.headersSent) return;
  // A flat [name, value, ...] list is the cheapest form writeHead takes.
  const headers: string[] = [];
  for (const name in answer.headers) headers.push(name, answer.headers[name]!);
  headers.push("content-length", String(Buffer.byteLength(answer.body)));
  response.writeHead(answer.status, headers);
  // end("") costs a second write of an empty chunk; end() sends the head alone.
  if (answer.body === "") response.end();
  else response.end(answer.body);
}

export interface ListenOptions extends NodeAdapterOptions {
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Time allowed to receive the headers (default 10 s). */
  headersTimeoutMs?: number;
  /** Time allowed for the whole request (default 30 s). */
  requestTimeoutMs?: number;
}

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function listen(handler: ServiceHandler, options: ListenOptions = {}): Promise<RunningServer> {
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout,
      // Node checks both timeouts only this often (30 s by default): check often enough to honour them.
      connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.floor(Math.min(headersTimeout, requestTimeout) / 4))),
    },
    toRequestListener(handler, options),
  );
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
