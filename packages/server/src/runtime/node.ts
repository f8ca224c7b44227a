// node:http adapter: a request listener (for node:http, Express, Fastify, Koa) and a
// small `listen` helper. It enforces the body size limit, cuts off slow clients, caps the
// connections open at once, and answers every refusal (its own and node:http's) in the
// protocol's error envelope with a request ID.
import { isAscii } from "node:buffer";
import { readFileSync } from "node:fs";
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Duplex } from "node:stream";
import { encodeError, REQUEST_ID_HEADER, TARGET_HEADER } from "@codepipeline-partner/protocol-aws-json";
import { tooLargeError } from "./errors.js";
import { INTERNAL_FAILURE } from "./handler.js";
import type { HttpResponse, ServiceHandler } from "./http.js";
import { newRequestId } from "./request-id.js";

/** One answered request, for a request log. */
export interface ResponseLogEntry {
  method: string;
  /** The request's path, without the query string. */
  path?: string;
  /** The X-Amz-Target header as sent, when there was one. */
  target: string | undefined;
  status: number;
  /** From the end of the request's headers to the end of the answer. */
  durationMs: number;
  requestId: string | undefined;
  /** True when the connection closed before the answer was fully sent. */
  aborted: boolean;
}

export interface NodeAdapterOptions {
  /** Largest body accepted, in bytes (default 1 MiB); larger ones get 413. */
  maxBodyBytes?: number;
  /**
   * After answering 413, how many more body bytes are read and thrown away before the
   * connection is closed (default 16 MiB). Closing with unread bytes resets the connection,
   * and a client still uploading then sees EPIPE or ECONNRESET instead of the 413.
   */
  maxDrainBytes?: number;
  /** How long, in milliseconds, that draining may take (default 5 s). */
  drainTimeoutMs?: number;
  /** Called once per request when its answer is sent (or its connection closes first). */
  onResponse?: (entry: ResponseLogEntry) => void;
}

const DEFAULT_LIMIT = 1024 * 1024;
const DEFAULT_DRAIN_BYTES = 16 * 1024 * 1024;
const DEFAULT_DRAIN_MS = 5_000;

export function toRequestListener(handler: ServiceHandler, options: NodeAdapterOptions = {}) {
  const limit = options.maxBodyBytes ?? DEFAULT_LIMIT;
  const onResponse = options.onResponse;
  return (request: IncomingMessage, response: ServerResponse): void => {
    if (onResponse) logWhenDone(request, response, onResponse);
    const declared = Number(request.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) {
      refuse(handler, request, response, { status: 413, ...tooLargeError(limit) }, options);
      return;
    }
    // A body of one chunk (most of them) is used as it is: no list, no copy.
    let first: Buffer | undefined;
    let chunks: Buffer[] | undefined;
    let size = 0;
    let refused = false;
    request.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        first = chunks = undefined;
        refuse(handler, request, response, { status: 413, ...tooLargeError(limit) }, options);
        return;
      }
      if (first === undefined) first = chunk;
      else (chunks ??= [first]).push(chunk);
    });
    request.on("error", destroySocket);
    request.on("end", () => {
      if (refused) return;
      // Node already lower-cases header names; only set-cookie (never sent here) is an array.
      const headers = request.headers as Record<string, string | undefined>;
      const url = request.url ?? "/";
      const query = url.indexOf("?");
      const path = query < 0 ? url : url.slice(0, query);
      const bytes = chunks ? Buffer.concat(chunks, size) : (first ?? EMPTY);
      // An ASCII body (most JSON) goes as text: the same bytes once encoded, so signatures
      // still verify, and a latin1 copy is cheaper than the handler's checked UTF-8 decode.
      const body = headers["content-encoding"] === undefined && isAscii(bytes) ? bytes.toString("latin1") : bytes;
      // One then with both callbacks: a .catch after it would cost another promise per request.
      handler({ method: request.method ?? "", path, headers, body }).then(
        (answer) => {
          try {
            if (onResponse) requestIds.set(response, answer.headers[REQUEST_ID_HEADER]);
            send(response, answer);
          } catch {
            answerFailure(handler, response, onResponse);
          }
        },
        () => answerFailure(handler, response, onResponse),
      );
    });
  };
}

const EMPTY = Buffer.alloc(0);

/** A request stream that failed (a reset mid-body) ends its connection: one listener shared by all. */
function destroySocket(this: IncomingMessage): void {
  this.socket.destroy();
}

/** Whatever failed (even writing the answer), the process lives and the client hears back. */
function answerFailure(handler: ServiceHandler, response: ServerResponse, onResponse: NodeAdapterOptions["onResponse"]): void {
  try {
    const answer = encodeError(handler.protocol, { status: 500, ...INTERNAL_FAILURE, requestId: newRequestId() });
    if (onResponse) requestIds.set(response, answer.headers[REQUEST_ID_HEADER]);
    send(response, answer);
  } catch {
    response.destroy();
  }
}

/**
 * Answers a request the adapter refuses before reading its body (413, or 503 when the
 * server is full), then closes the connection, but only after reading the rest of the body
 * (up to `maxDrainBytes` and `drainTimeoutMs`): the client gets the whole answer before
 * the connection closes, and reads it, instead of an EPIPE on its next write.
 */
function refuse(
  handler: ServiceHandler,
  request: IncomingMessage,
  response: ServerResponse,
  error: { status: number; name: string; message: string },
  options: NodeAdapterOptions,
  extraHeaders: Record<string, string> = {},
): void {
  if (response.headersSent) return;
  const answer = encodeError(handler.protocol, { ...error, requestId: newRequestId() });
  const headers: string[] = [];
  for (const name in answer.headers) headers.push(name, answer.headers[name]!);
  for (const name in extraHeaders) headers.push(name, extraHeaders[name]!);
  headers.push("content-length", String(Buffer.byteLength(answer.body)), "connection", "close");
  response.writeHead(answer.status, headers);
  // The whole answer goes out now; ending the response (which closes the connection,
  // having said `connection: close`) waits until the body has been read.
  response.write(answer.body);
  answeredEarly.add(response);
  requestIds.set(response, answer.headers[REQUEST_ID_HEADER]);
  const maxBytes = options.maxDrainBytes ?? DEFAULT_DRAIN_BYTES;
  let discarded = 0;
  const finish = () => {
    clearTimeout(timer);
    request.off("data", discard);
    if (!response.writableEnded) response.end();
  };
  const discard = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > maxBytes) finish();
  };
  const timer = setTimeout(finish, options.drainTimeoutMs ?? DEFAULT_DRAIN_MS);
  response.once("close", () => clearTimeout(timer));
  if (request.complete) {
    finish();
    return;
  }
  request.on("data", discard);
  request.once("end", finish);
  request.resume();
}

/** Responses whose whole answer was written before the request's body was read. */
const answeredEarly = new WeakSet<ServerResponse>();
/** The request ID of each answer, for the request log (writeHead's header list is not readable back). */
const requestIds = new WeakMap<ServerResponse, string | undefined>();

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

function logWhenDone(request: IncomingMessage, response: ServerResponse, onResponse: (entry: ResponseLogEntry) => void): void {
  const started = performance.now();
  response.once("close", () => {
    const target = request.headers[TARGET_HEADER];
    const requestId = requestIds.get(response);
    try {
      onResponse({
        method: request.method ?? "",
        path: (request.url ?? "").split("?", 1)[0],
        target: typeof target === "string" ? target : undefined,
        status: response.statusCode,
        durationMs: performance.now() - started,
        requestId: typeof requestId === "string" ? requestId : undefined,
        // A client that read a refusal and hung up before its upload ended did not abort it.
        aborted: !response.writableFinished && !answeredEarly.has(response),
      });
    } catch {
      // A failing log must not take the server down.
    }
  });
}

export interface ListenOptions extends NodeAdapterOptions {
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Time allowed to receive the headers (default 10 s). */
  headersTimeoutMs?: number;
  /** Time allowed for the whole request (default 30 s). */
  requestTimeoutMs?: number;
  /**
   * Most connections served at once (default: 1,000, or three quarters of the process's
   * file-descriptor limit when that is lower; `Infinity` for no cap). At the cap a new
   * connection takes the place of the longest-idle one (connected, but with no request in
   * progress); when every connection is busy it is answered 503 ServiceUnavailableException.
   * A few more (1/16 of the cap, at least 8) are accepted only to be told so; beyond those,
   * node:http closes new connections as it accepts them.
   */
  maxConnections?: number;
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
  const limit = options.maxBodyBytes ?? DEFAULT_LIMIT;
  const cap = options.maxConnections ?? defaultMaxConnections();
  if (!(cap === Number.POSITIVE_INFINITY || (Number.isInteger(cap) && cap >= 1))) {
    throw new RangeError(`maxConnections must be a whole number of at least 1, or Infinity; got ${cap}.`);
  }
  const listener = toRequestListener(handler, options);
  const connections = trackConnections(cap);

  const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
    if (connections.isRefused(request.socket)) {
      connections.answering(request.socket);
      if (options.onResponse) logWhenDone(request, response, options.onResponse);
      refuse(handler, request, response, { status: 503, ...SERVER_FULL }, options, { "retry-after": "1" });
      return;
    }
    connections.busy(request.socket, response);
    listener(request, response);
  };
  const server = createServer(
    {
      headersTimeout,
      requestTimeout,
      // Node checks both timeouts only this often (30 s by default): check often enough to honour them.
      connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.floor(Math.min(headersTimeout, requestTimeout) / 4))),
    },
    onRequest,
  );
  if (Number.isFinite(cap)) server.maxConnections = cap + spareFor(cap);
  // Before node:http's own listener, so a refused socket is known as such from the start.
  server.prependListener("connection", (socket: Socket) => connections.accept(socket, Math.min(headersTimeout, 2_000)));
  // Expect: 100-continue: a body over the limit is refused before the client sends it.
  server.on("checkContinue", (request: IncomingMessage, response: ServerResponse) => {
    const declared = Number(request.headers["content-length"]);
    if (!(Number.isFinite(declared) && declared > limit) && !connections.isRefused(request.socket)) response.writeContinue();
    onRequest(request, response);
  });
  server.on("clientError", clientErrorListener(handler, options.onResponse));

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

const SERVER_FULL = { name: "ServiceUnavailableException", message: "The server has too many connections open; try again shortly." } as const;

/** Connections accepted beyond the cap only to be answered 503. */
function spareFor(cap: number): number {
  return Math.max(8, Math.ceil(cap / 16));
}

/**
 * The connection cap: which sockets are open, which have a request in progress, and which
 * were accepted over the cap only to be refused.
 */
function trackConnections(cap: number) {
  /** Accepted sockets and their requests in progress. */
  const inFlight = new Map<Socket, number>();
  /** Accepted sockets with no request in progress, longest idle first. */
  const idle = new Set<Socket>();
  /** Sockets accepted over the cap, and the timer that closes them unless a request comes. */
  const refused = new WeakMap<Socket, NodeJS.Timeout>();
  const forget = (socket: Socket) => {
    inFlight.delete(socket);
    idle.delete(socket);
  };
  // One listener for every response, not a closure and a once() wrapper per request; the
  // response has left its socket by then, its request has not.
  function answered(this: ServerResponse): void {
    const socket = this.req.socket;
    const left = inFlight.get(socket);
    if (left === undefined) return;
    inFlight.set(socket, left - 1);
    if (left === 1) idle.add(socket); // the most recently idle goes last
  }
  return {
    accept(socket: Socket, refusedGraceMs: number): void {
      if (inFlight.size >= cap) {
        // Idle connections (a slow or silent client, a keep-alive connection between
        // requests) make room for new ones: holding sockets open cannot lock clients out.
        const oldest = idle.values().next().value;
        if (oldest) {
          forget(oldest);
          oldest.destroy();
        } else {
          // Every connection is busy: this one is told so (503) if its request comes soon.
          const timer = setTimeout(() => socket.destroy(), refusedGraceMs);
          refused.set(socket, timer);
          socket.once("close", () => clearTimeout(timer));
          return;
        }
      }
      inFlight.set(socket, 0);
      idle.add(socket);
      socket.once("close", () => forget(socket));
    },
    isRefused: (socket: Socket) => refused.has(socket),
    /** A refused socket's request came: the 503 and its draining bound its life from now. */
    answering: (socket: Socket) => clearTimeout(refused.get(socket)),
    busy(socket: Socket, response: ServerResponse): void {
      const count = inFlight.get(socket);
      if (count === undefined) return;
      inFlight.set(socket, count + 1);
      idle.delete(socket);
      response.on("close", answered);
    },
  };
}

/** 1,000, or three quarters of the soft file-descriptor limit where that can be read (Linux) and is lower. */
export function defaultMaxConnections(): number {
  let limit: number | undefined;
  try {
    const soft = /^Max open files\s+(\d+)/m.exec(readFileSync("/proc/self/limits", "utf8"))?.[1];
    if (soft !== undefined) limit = Number(soft);
  } catch {
    // Not Linux: no limit to read.
  }
  return limit === undefined ? 1_000 : Math.max(1, Math.min(1_000, Math.floor(limit * 0.75)));
}

/** node:http's own refusals, each as the protocol's error. */
const CLIENT_ERRORS: Record<string, { status: number; name: string; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, name: "RequestHeaderFieldsTooLargeException", message: "The request's headers are larger than the server accepts." },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, name: "RequestEntityTooLargeException", message: "The request's chunk extensions are larger than the server accepts." },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, name: "RequestTimeoutException", message: "The request did not arrive in time." },
};
const BAD_HTTP = { status: 400, name: "BadRequestException", message: "The request is not valid HTTP/1.1." } as const;

/**
 * A `clientError` listener for a node:http server: where Node would write a bare 400, 408
 * or 431 (bad HTTP, a timeout, headers too large), this writes the same status with a JSON
 * body in the protocol's envelope and a request ID, then closes the connection.
 */
export function clientErrorListener(handler: ServiceHandler, onResponse?: (entry: ResponseLogEntry) => void) {
  const answered = new WeakSet<Duplex>();
  return (error: NodeJS.ErrnoException, socket: Duplex): void => {
    // The parser reports its error again for every later chunk: answer once.
    if (answered.has(socket)) return;
    answered.add(socket);
    const code = error.code ?? "";
    const known = CLIENT_ERRORS[code] ?? (code.startsWith("HPE_") ? BAD_HTTP : undefined);
    // As node:http does: no answer when the connection is gone or an answer has begun.
    const current = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (!known || !socket.writable || current?.headersSent) {
      socket.destroy();
      return;
    }
    const requestId = newRequestId();
    const answer = encodeError(handler.protocol, { ...known, requestId });
    let head = `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ""}\r\n`;
    for (const name in answer.headers) head += `${name}: ${answer.headers[name]}\r\n`;
    head += `content-length: ${Buffer.byteLength(answer.body)}\r\nconnection: close\r\n\r\n`;
    socket.end(head + answer.body);
    // Reading goes on for a moment, so the client is not reset before it reads the answer.
    const timer = setTimeout(() => socket.destroy(), 1_000);
    socket.once("close", () => clearTimeout(timer));
    try {
      onResponse?.({ method: "-", target: undefined, status: answer.status, durationMs: 0, requestId, aborted: false });
    } catch {
      // A failing log must not take the server down.
    }
  };
}
