// Answers the adapters give before the handler runs, as real clients receive them:
// a 413 that Node's fetch and the generated client read (rather than EPIPE or "fetch
// failed") from a server in another process, node:http's own 400, 408 and 431 with a JSON
// body in the protocol's envelope, and a Fetch request stream that breaks off.
import { createCodePipelineClient, putThirdPartyJobSuccessResult, ServiceException } from "@codepipeline-partner/client";
import { createCodePipelineServiceHandler, listen, toFetchHandler, type RunningServer } from "@codepipeline-partner/server";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { successResultOnly } from "../support/one-operation.js";
import { TEST_CREDENTIALS } from "../support/sdk.js";
import { eventually, startServe, type ServeProcess } from "../support/serve-process.js";

const TARGET = "CodePipeline_20150709.PutThirdPartyJobSuccessResult";
const JSON_TYPE = "application/x-amz-json-1.1";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MiB = 1024 * 1024;

describe("413 from a server in another process (the reference server, 1 MiB limit)", () => {
  let serve: ServeProcess;
  beforeAll(async () => {
    serve = await startServe(["--port", "0"]);
    expect(serve.url, serve.stderr()).toBeDefined();
  });
  afterAll(() => serve.stop());

  const body = (bytes: number) => JSON.stringify({ jobId: "j", clientToken: "t", continuationToken: "x".repeat(bytes) });

  // Before draining, 10 MB uploads got EPIPE about 60% of the time and 2 MB ones about 1%.
  it.each([
    ["2 MB", 2 * MiB, 40],
    ["10 MB", 10 * MiB, 25],
  ])("Node's fetch reads the 413 for every one of many %s uploads", async (_, size, times) => {
    const text = body(size);
    const seen: string[] = [];
    for (let i = 0; i < times; i++) {
      try {
        const response = await fetch(serve.url!, { method: "POST", headers: { "content-type": JSON_TYPE, "x-amz-target": TARGET }, body: text });
        const answer = await response.json();
        expect(response.headers.get("x-amzn-requestid")).toMatch(UUID);
        expect(response.headers.get("x-amzn-errortype")).toBe("RequestEntityTooLargeException");
        expect(answer).toEqual({ __type: "RequestEntityTooLargeException", message: `The body is larger than ${MiB} bytes.` });
        seen.push(String(response.status));
      } catch (error) {
        seen.push(`${(error as Error).message} (${String((error as { cause?: { code?: string } }).cause?.code)})`);
      }
    }
    expect(seen).toEqual(Array(times).fill("413"));
  });

  it("the generated client reads the 413 at its first attempt and never uploads again", async () => {
    const client = createCodePipelineClient({ endpoint: serve.url!, credentials: TEST_CREDENTIALS, retryBaseDelayMs: 1 });
    const logged = () => serve.stderr().split("\n").filter((line) => / 413 /.test(line)).length;
    // The earlier tests' log lines come from another process and may still be arriving:
    // count from once the log has stopped growing.
    let before = logged();
    for (let previous = -1; before !== previous; before = logged()) {
      previous = before;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    for (let i = 0; i < 10; i++) {
      const error = await putThirdPartyJobSuccessResult(client, { jobId: "j", clientToken: "t", continuationToken: "x".repeat(10 * MiB) }).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(ServiceException);
      expect(error).toMatchObject({ name: "RequestEntityTooLargeException", $fault: "client", $metadata: { httpStatusCode: 413, attempts: 1 } });
      expect((error as ServiceException).$metadata.requestId).toMatch(UUID);
    }
    // The request log: one 413 per call, so no call was sent twice.
    expect(await eventually(() => logged() - before >= 10)).toBe(true);
    expect(logged() - before).toBe(10);
  });
});

describe("node:http's own refusals, in the protocol's envelope", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await listen(createCodePipelineServiceHandler(successResultOnly({ async putThirdPartyJobSuccessResult() {} })), { headersTimeoutMs: 300, requestTimeoutMs: 1_000 });
  });
  afterAll(() => server.close());

  /** Writes raw bytes; resolves with what comes back by the time the server closes. */
  function raw(data: string, limitMs = 3_000): Promise<string> {
    return new Promise((resolve) => {
      const socket = connect(server.port, "127.0.0.1");
      let received = "";
      const finish = () => {
        clearTimeout(timer);
        socket.destroy();
        resolve(received);
      };
      const timer = setTimeout(finish, limitMs);
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => (received += chunk));
      socket.on("close", finish);
      socket.on("error", finish);
      if (data) socket.write(data);
    });
  }

  function parse(answer: string) {
    const [head = "", body = ""] = answer.split("\r\n\r\n");
    const [statusLine, ...lines] = head.split("\r\n");
    const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]));
    return { statusLine, headers, body };
  }

  it.each([
    ["a request line that is not HTTP", "HTTP/1.1 400 Bad Request", "GARBAGE\r\n\r\n", "BadRequestException"],
    ["a header line with no colon", "HTTP/1.1 400 Bad Request", `POST / HTTP/1.1\r\nHost: x\r\nbroken header\r\n\r\n`, "BadRequestException"],
    ["headers over 16 KiB", "HTTP/1.1 431 Request Header Fields Too Large", `POST / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`, "RequestHeaderFieldsTooLargeException"],
    ["headers that never finish", "HTTP/1.1 408 Request Timeout", `POST / HTTP/1.1\r\nHost: x\r\n`, "RequestTimeoutException"],
  ])("%s gets %s with a JSON body and a request ID", async (_, statusLine, data, type) => {
    const answer = parse(await raw(data));
    expect(answer.statusLine).toBe(statusLine);
    expect(answer.headers["content-type"]).toBe(JSON_TYPE);
    expect(answer.headers["x-amzn-errortype"]).toBe(type);
    expect(answer.headers["x-amzn-requestid"]).toMatch(UUID);
    expect(answer.headers["connection"]).toBe("close");
    expect(Number(answer.headers["content-length"])).toBe(Buffer.byteLength(answer.body));
    expect(JSON.parse(answer.body)).toMatchObject({ __type: type, message: expect.any(String) });
  });

  it("Node's fetch reads the 431 too", async () => {
    const response = await fetch(server.url, { method: "POST", headers: { "content-type": JSON_TYPE, "x-amz-target": TARGET, "x-big": "a".repeat(20_000) }, body: "{}" });
    expect(response.status).toBe(431);
    expect(await response.json()).toMatchObject({ __type: "RequestHeaderFieldsTooLargeException" });
  });

  it("answers once, however much garbage follows, and keeps serving", async () => {
    const answer = await raw(`GARBAGE\r\n\r\n${"more garbage\r\n".repeat(2_000)}`);
    expect(answer.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    const ok = await fetch(server.url, { method: "POST", headers: { "content-type": JSON_TYPE, "x-amz-target": TARGET }, body: '{"jobId":"j","clientToken":"t"}' });
    expect(ok.status).toBe(200);
  });
});

describe("the Fetch adapter, when the request stream breaks off", () => {
  const calls: unknown[] = [];
  const fetchHandler = toFetchHandler(createCodePipelineServiceHandler(successResultOnly({ async putThirdPartyJobSuccessResult(input) { calls.push(input); } })));

  it("answers 400 in the protocol's envelope and never runs the handler", async () => {
    const breaking = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"jobId":"j",'));
      },
      pull(controller) {
        controller.error(new Error("connection reset by peer"));
      },
    });
    const request = new Request("http://example.test/", {
      method: "POST",
      body: breaking,
      headers: { "content-type": JSON_TYPE, "x-amz-target": TARGET },
      duplex: "half",
    } as RequestInit);
    const response = await fetchHandler(request);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe(JSON_TYPE);
    expect(response.headers.get("x-amzn-errortype")).toBe("SerializationException");
    expect(response.headers.get("x-amzn-requestid")).toMatch(UUID);
    expect(await response.json()).toEqual({ __type: "SerializationException", message: "The request body broke off before its end." });
    expect(calls).toEqual([]);
  });

  it("still answers a whole body", async () => {
    const response = await fetchHandler(
      new Request("http://example.test/", { method: "POST", body: '{"jobId":"j","clientToken":"t"}', headers: { "content-type": JSON_TYPE, "x-amz-target": TARGET } }),
    );
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
  });
});
