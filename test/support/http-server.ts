// A real HTTP server on 127.0.0.1 whose answers a test scripts, one per request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Handler = (request: Received, response: ServerResponse) => void | Promise<void>;

export interface ScriptedServer {
  url: string;
  received: Received[];
  /** Answers for the next requests, in order; the last one repeats. */
  script(...handlers: Handler[]): void;
  close(): Promise<void>;
}

export async function scriptedServer(): Promise<ScriptedServer> {
  const received: Received[] = [];
  let handlers: Handler[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const entry = { method: request.method ?? "", url: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(entry);
      const handler = handlers.length > 1 ? handlers.shift()! : handlers[0];
      if (!handler) {
        response.writeHead(500).end();
        return;
      }
      void handler(entry, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    script: (...next) => {
      handlers = next;
      received.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An awsJson1_1 answer. */
export function reply(status: number, body?: unknown, headers: Record<string, string> = {}): Handler {
  return (_, response) => {
    const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
    response.writeHead(status, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": `req-${status}`, ...headers });
    response.end(text);
  };
}
