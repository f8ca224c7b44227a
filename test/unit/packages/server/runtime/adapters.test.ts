// What the adapters answer themselves, in both awsJson versions: a body over the limit (413),
// a body that breaks off (400), a handler that fails (500), and node:http's own refusals. Each
// answer is the protocol's: its Content-Type, a request ID, X-Amzn-Errortype and the JSON
// envelope, whichever version the handler speaks, through toFetchHandler, toLambdaHandler
// and the node:http adapter on 127.0.0.1. So are a success and a failing implementation's
// 500, which the handler writes and each adapter must pass on as they are.
import { connect } from "node:net";
import { gzipSync } from "node:zlib";
import { awsJson1_0, awsJson1_1 } from "@codepipeline-partner/protocol-aws-json";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServiceHandler, listen, toFetchHandler, toLambdaHandler, type RunningServer, type ServerServiceDescription, type ServiceHandler } from "../../../../../packages/server/src/runtime/index.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LIMIT = 1024;
const TARGET = "Echo_20240101.Echo";

/** An answer as any adapter gives it: status, a header by its name, the body's text. */
interface Answer {
  status: number;
  header(name: string): string | null | undefined;
  body: string;
}

const fromResponse = async (response: Response): Promise<Answer> => ({ status: response.status, header: (name) => response.headers.get(name), body: await response.text() });

describe.each([awsJson1_0, awsJson1_1])("$name", (protocol) => {
  // What generated code would say about a one-operation service; the handler is the real one.
  const spec: ServerServiceDescription = {
    protocol,
    targetPrefix: "Echo_20240101",
    signingName: "echo",
    operations: {
      Echo: { method: "echo", validate: () => ({ ok: true }), deserialize: (wire) => wire, serialize: (output: never) => output },
    },
  };
  const handler = createServiceHandler(
    spec,
    {
      async echo(input: { crash?: boolean }) {
        if (input.crash) throw new Error("a bug behind the handler");
        return input;
      },
    },
    { logger: { error: () => {} }, maxDecompressedBodyBytes: LIMIT },
  );
  /** A handler that fails itself (a wrapper around the service's, say): the adapter's own 500. */
  const failing: ServiceHandler = Object.assign(async () => Promise.reject(new Error("the handler itself failed")), { protocol });

  /** The protocol's error answer: its media type, a request ID, the error's name in the header and the envelope. */
  function expectError(answer: Answer, status: number, name: string): void {
    expect({ status: answer.status, contentType: answer.header("content-type"), errorType: answer.header("x-amzn-errortype") }).toEqual({ status, contentType: protocol.contentType, errorType: name });
    expect(answer.header("x-amzn-requestid")).toMatch(UUID);
    expect(JSON.parse(answer.body)).toEqual({ __type: name, message: expect.any(String) });
  }

  describe("toFetchHandler", () => {
    const fetchHandler = toFetchHandler(handler, { maxBodyBytes: LIMIT });
    const request = (body: BodyInit, init: RequestInit = {}) =>
      new Request("http://example.test/", { method: "POST", body, headers: { "content-type": protocol.contentType, "x-amz-target": TARGET }, ...init });

    it("a success, in the protocol's media type", async () => {
      const answer = await fromResponse(await fetchHandler(request('{"said":"hi"}')));
      expect([answer.status, answer.header("content-type"), JSON.parse(answer.body)]).toEqual([200, protocol.contentType, { said: "hi" }]);
      expect(answer.header("x-amzn-requestid")).toMatch(UUID);
    });

    it("413 for a body declared over the limit, and for a stream that passes it", async () => {
      expectError(await fromResponse(await fetchHandler(request(JSON.stringify({ said: "x".repeat(LIMIT) })))), 413, "RequestEntityTooLargeException");
      const stream = new ReadableStream<Uint8Array>({
        pull: (controller) => controller.enqueue(new Uint8Array(256).fill(0x20)),
      });
      expectError(await fromResponse(await fetchHandler(request(stream, { duplex: "half" } as RequestInit))), 413, "RequestEntityTooLargeException");
    });

    it("400 for a body that breaks off", async () => {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"said":'));
          controller.error(new Error("connection reset"));
        },
      });
      expectError(await fromResponse(await fetchHandler(request(stream, { duplex: "half" } as RequestInit))), 400, "SerializationException");
    });

    it("500 for a failing implementation and for a handler that fails", async () => {
      expectError(await fromResponse(await fetchHandler(request('{"crash":true}'))), 500, "InternalFailure");
      expectError(await fromResponse(await toFetchHandler(failing)(request("{}"))), 500, "InternalFailure");
    });
  });

  describe("toLambdaHandler", () => {
    const event = (body: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) => ({
      rawPath: "/",
      headers: { "Content-Type": protocol.contentType, "X-Amz-Target": TARGET, ...headers },
      requestContext: { http: { method: "POST", path: "/" } },
      body,
      isBase64Encoded: false,
      ...extra,
    });
    const fromResult = (result: { statusCode: number; headers: Record<string, string>; body: string }): Answer => ({ status: result.statusCode, header: (name) => result.headers[name], body: result.body });

    it("a success, in the protocol's media type", async () => {
      const answer = fromResult(await toLambdaHandler(handler)(event('{"said":"hi"}')));
      expect([answer.status, answer.header("content-type"), JSON.parse(answer.body)]).toEqual([200, protocol.contentType, { said: "hi" }]);
    });

    it("413 for a gzip body that inflates past the limit (the platform bounds the body as sent)", async () => {
      const inflated = gzipSync(JSON.stringify({ said: "x".repeat(4 * LIMIT) })).toString("base64");
      expectError(fromResult(await toLambdaHandler(handler)(event(inflated, { isBase64Encoded: true }, { "Content-Encoding": "gzip" }))), 413, "RequestEntityTooLargeException");
    });

    it("500 for a failing implementation and for a handler that fails", async () => {
      expectError(fromResult(await toLambdaHandler(handler)(event('{"crash":true}'))), 500, "InternalFailure");
      expectError(fromResult(await toLambdaHandler(failing)(event("{}"))), 500, "InternalFailure");
    });
  });

  describe("the node:http adapter on 127.0.0.1", () => {
    let server: RunningServer;
    let failingServer: RunningServer;
    beforeAll(async () => {
      server = await listen(handler, { maxBodyBytes: LIMIT });
      failingServer = await listen(failing);
    });
    afterAll(() => Promise.all([server?.close(), failingServer?.close()]));

    const post = async (url: string, body: BodyInit, init: RequestInit = {}) =>
      fromResponse(await fetch(url, { method: "POST", body, headers: { "content-type": protocol.contentType, "x-amz-target": TARGET }, ...init }));

    it("a success, in the protocol's media type", async () => {
      const answer = await post(server.url, '{"said":"hi"}');
      expect([answer.status, answer.header("content-type"), JSON.parse(answer.body)]).toEqual([200, protocol.contentType, { said: "hi" }]);
    });

    it("413 for a body declared over the limit, and for a chunked one that passes it", async () => {
      expectError(await post(server.url, JSON.stringify({ said: "x".repeat(LIMIT) })), 413, "RequestEntityTooLargeException");
      let sent = 0;
      const chunked = new ReadableStream<Uint8Array>({
        pull(controller) {
          if ((sent += 512) > 4 * LIMIT) controller.close();
          else controller.enqueue(new Uint8Array(512).fill(0x20));
        },
      });
      expectError(await post(server.url, chunked, { duplex: "half" } as RequestInit), 413, "RequestEntityTooLargeException");
    });

    it("500 for a failing implementation and for a handler that fails", async () => {
      expectError(await post(server.url, '{"crash":true}'), 500, "InternalFailure");
      expectError(await post(failingServer.url, "{}"), 500, "InternalFailure");
    });

    it("400 for a request that is not HTTP/1.1 (node:http's own refusal)", async () => {
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(server.port, "127.0.0.1", () => socket.write("NOT HTTP\r\n\r\n"));
        let text = "";
        socket.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
        socket.on("close", () => resolve(text)).on("error", reject);
      });
      const [head = "", body = ""] = raw.split("\r\n\r\n");
      const headers = new Map(head.split("\r\n").slice(1).map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]));
      expectError({ status: Number(head.split(" ")[1]), header: (name) => headers.get(name), body }, 400, "BadRequestException");
    });
  });
});
