// The client against servers and proxies that misbehave, on 127.0.0.1: bodies cut short,
// stalled or huge, redirects, hostile error names, resets and garbage on the wire, and
// storms of 429s, 503s and timeouts. For each: how many requests reached the server and
// what the caller got. The rule under test: once a status has arrived, only that status
// decides whether the call is sent again, and a 2xx never is.
import {
  CodePipelineClient,
  createCodePipelineClient,
  putThirdPartyJobSuccessResultOperation,
  InputValidationError,
  JobNotFoundException,
  RequestError,
  ServiceException,
} from "@codepipeline-partner/client";
import { toDateTime, toEpochSeconds, toHttpDate } from "@codepipeline-partner/protocol-aws-json";
import { createServer, type Server, type Socket } from "node:net";
import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoke } from "../../packages/client/src/runtime/client.js";
import { reply, scriptedServer, type Handler, type ScriptedServer } from "../support/http-server.js";
import { TEST_CREDENTIALS } from "../support/sdk.js";

let server: ScriptedServer;
let elsewhere: ScriptedServer; // another origin, for redirects
const INPUT = { jobId: "job-1", clientToken: "token-1" };
const MiB = 1024 * 1024;

beforeAll(async () => {
  [server, elsewhere] = await Promise.all([scriptedServer(), scriptedServer()]);
});
afterAll(() => Promise.all([server.close(), elsewhere.close()]));

type Config = ConstructorParameters<typeof CodePipelineClient>[0];
const client = (config: Config = {}) =>
  new CodePipelineClient({ endpoint: server.url, credentials: TEST_CREDENTIALS, retryBaseDelayMs: 1, maxRetryDelayMs: 2, ...config });

const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail("the call should have failed"), (error: unknown) => error);

/** Status and headers, then `body`, then the connection is destroyed (`reset`: with a TCP RST). */
const cutShort =
  (status: number, headers: Record<string, string>, body: string, how: "close" | "reset" = "close"): Handler =>
  (_, response) => {
    response.writeHead(status, { "content-type": "application/x-amz-json-1.1", ...headers });
    response.write(body);
    setTimeout(() => (how === "reset" ? response.socket?.resetAndDestroy() : response.socket?.destroy()), 20);
  };

/** Status and headers and the first bytes of the body, then nothing, ever. */
const stalled =
  (status: number, headers: Record<string, string> = {}): Handler =>
  (_, response) => {
    response.writeHead(status, { "content-type": "application/x-amz-json-1.1", "content-length": "100", ...headers });
    response.write('{"__type":');
  };

/** Streams `total` bytes lazily, as fast as the client reads and no faster; counts what it managed to write. */
function huge(status: number, total: number, declareLength: boolean, written: { bytes: number }, headers: Record<string, string> = {}): Handler {
  const chunk = Buffer.alloc(64 * 1024, 0x20); // spaces: valid JSON whitespace, all 600 MB of it
  return (_, response: ServerResponse) => {
    response.writeHead(status, { "content-type": "application/x-amz-json-1.1", ...(declareLength ? { "content-length": String(total) } : {}), ...headers });
    const pump = () => {
      while (!response.destroyed && written.bytes < total) {
        written.bytes += chunk.length;
        if (!response.write(chunk)) return void response.once("drain", pump);
      }
      if (!response.destroyed) response.end();
    };
    pump();
  };
}

describe("a body that fails after a 2xx: never sent again, and the caller is told the call may have been applied", () => {
  it.each([
    ["cut before the last byte of its Content-Length", cutShort(200, { "content-length": "100" }, '{"a":')],
    ["cut before the last chunk of a chunked body", cutShort(200, {}, '{"a":')],
    ["reset (TCP RST) mid-response", cutShort(200, { "content-length": "100" }, '{"a":', "reset")],
  ])("a 200 %s", async (_, handler) => {
    server.script(handler, reply(200));
    const error = await failure(client().putThirdPartyJobSuccessResult(INPUT));
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ name: "ResponseBodyError", $metadata: { httpStatusCode: 200, attempts: 1 } });
    expect((error as Error).message).toMatch(/^PutThirdPartyJobSuccessResult: the service answered HTTP 200, so it may have applied the call, but the response body could not be read \(terminated .*\)\. The call was not sent again\.$/);
    expect(server.received).toHaveLength(1);
  });

  it("a 200 whose body stalls past requestTimeoutMs", async () => {
    server.script(stalled(200), reply(200));
    const started = Date.now();
    const error = await failure(client({ requestTimeoutMs: 200 }).putThirdPartyJobSuccessResult(INPUT));
    expect(error).toMatchObject({ name: "ResponseBodyError", $metadata: { httpStatusCode: 200, attempts: 1 } });
    expect((error as Error).message).toContain("no complete response within 200 ms");
    expect(((error as Error).cause as Error).name).toBe("TimeoutError");
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(server.received).toHaveLength(1);
  });

  it("a 200 whose body is cut is never retried, even with attempts to spare and a fresh retry quota", async () => {
    server.script(cutShort(200, {}, "{"), reply(200));
    const c = client({ maxAttempts: 10 });
    await failure(c.putThirdPartyJobSuccessResult(INPUT));
    expect(server.received).toHaveLength(1);
    expect(c.client.resolved.retryQuota.available).toBe(500);
  });

  it("the caller's abort while the body is read rejects with the abort reason, nothing re-sent", async () => {
    server.script(stalled(200), reply(200));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user gave up")), 100);
    expect(await failure(client().putThirdPartyJobSuccessResult(INPUT, { abortSignal: controller.signal }))).toEqual(new Error("user gave up"));
    expect(server.received).toHaveLength(1);
  });

  it("a body that arrives in many chunks is read whole", async () => {
    server.script((_, response) => {
      response.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
      const text = JSON.stringify({ x: "é".repeat(40_000) }); // two-byte characters split across chunks
      let at = 0;
      const next = () => {
        if (at >= text.length) return void response.end();
        response.write(text.slice(at, (at += 7_001)));
        setImmediate(next);
      };
      next();
    });
    const op = { ...putThirdPartyJobSuccessResultOperation, deserialize: (wire: unknown) => ({ x: (wire as { x: string }).x }) };
    const output = (await invoke(createCodePipelineClient({ endpoint: server.url, credentials: TEST_CREDENTIALS }), op as never, INPUT)) as { x: string };
    expect(output.x).toBe("é".repeat(40_000));
  });
});

describe("a body that fails after an error status: the status decides, as in the SDKs", () => {
  it("a 503 whose body is cut: the service said it failed, so it is retried; the error names what happened", async () => {
    server.script(cutShort(503, { "content-length": "100" }, '{"__type":'));
    const error = await failure(client().putThirdPartyJobSuccessResult(INPUT));
    expect(error).toBeInstanceOf(ServiceException);
    expect(error).toMatchObject({ name: "UnknownError", $fault: "server", $metadata: { httpStatusCode: 503, attempts: 3 } });
    expect((error as Error).message).toMatch(/^HTTP 503 with a body that could not be read \(terminated/);
    expect(server.received).toHaveLength(3);
  });

  it("a 503 whose body stalls: retried; the error code still comes from X-Amzn-Errortype", async () => {
    server.script(stalled(503, { "x-amzn-errortype": "ServiceUnavailableException" }), stalled(503, { "x-amzn-errortype": "ServiceUnavailableException" }), reply(200));
    const output = await client({ requestTimeoutMs: 100 }).putThirdPartyJobSuccessResult(INPUT);
    expect(output.$metadata).toMatchObject({ attempts: 3, httpStatusCode: 200 });
    expect(server.received).toHaveLength(3);

    server.script(stalled(503, { "x-amzn-errortype": "ServiceUnavailableException" }));
    const error = await failure(client({ requestTimeoutMs: 100, maxAttempts: 2 }).putThirdPartyJobSuccessResult(INPUT));
    expect(error).toMatchObject({ name: "ServiceUnavailableException", message: expect.stringMatching(/^HTTP 503, with a body that could not be read \(no complete response within 100 ms\)$/) });
    expect(server.received).toHaveLength(2);
  });

  it("a 400 whose body is reset: not retried, still a ServiceException with its status", async () => {
    server.script(cutShort(400, { "x-amzn-errortype": "JobNotFoundException", "content-length": "100" }, "{", "reset"), reply(200));
    const error = await failure(client().putThirdPartyJobSuccessResult(INPUT));
    expect(error).toBeInstanceOf(JobNotFoundException);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 400, attempts: 1 } });
    expect(server.received).toHaveLength(1);
  });
});

describe("redirects: never followed, never retried", () => {
  it.each([301, 302, 303, 307, 308])("a %i to another origin reaches nobody else, and is an error", async (status) => {
    server.script(reply(status, "", { location: `${elsewhere.url}/` }), reply(200));
    elsewhere.script(reply(200));
    const error = await failure(client({ credentials: { ...TEST_CREDENTIALS, sessionToken: "session-token" } }).putThirdPartyJobSuccessResult(INPUT));
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ name: "ProtocolError", $metadata: { httpStatusCode: status, attempts: 1 } });
    expect((error as Error).message).toBe(
      `PutThirdPartyJobSuccessResult: the service answered with a redirect (HTTP ${status} to "${elsewhere.url}/"); AWS JSON services never redirect, so the client neither follows nor retries it.`,
    );
    expect(server.received).toHaveLength(1);
    expect(elsewhere.received).toHaveLength(0); // neither the body nor x-amz-security-token went there
  });

  it("a 302 to the same origin, which fetch would follow in a loop, is one request", async () => {
    server.script(reply(302, "", { location: "/" }));
    const error = await failure(client().putThirdPartyJobSuccessResult(INPUT));
    expect(error).toMatchObject({ name: "ProtocolError", $metadata: { httpStatusCode: 302, attempts: 1 } });
    expect(server.received).toHaveLength(1);
  });

  it("a transport that follows redirects anyway: the caller is not told the call succeeded", async () => {
    server.script(reply(307, "", { location: `${elsewhere.url}/` }));
    elsewhere.script(reply(200));
    const following = (url: string, init: RequestInit) => fetch(url, { ...init, redirect: "follow" });
    const error = await failure(client({ fetch: following }).putThirdPartyJobSuccessResult(INPUT));
    expect(error).toMatchObject({ name: "ProtocolError", $metadata: { httpStatusCode: 200, attempts: 1 } });
    expect((error as Error).message).toMatch(/the transport followed a redirect to "http:\/\/127\.0\.0\.1:\d+\/"/);
    expect(server.received).toHaveLength(1);
  });
});

describe("unbounded responses: maxResponseBytes", () => {
  const total = 600 * MiB;

  it("a 600 MB 200 that declares its length is refused unread: one request, a ResponseBodyError", async () => {
    const written = { bytes: 0 };
    server.script(huge(200, total, true, written), reply(200));
    const error = await failure(client().putThirdPartyJobSuccessResult(INPUT));
    expect(error).toMatchObject({ name: "ResponseBodyError", $metadata: { httpStatusCode: 200, attempts: 1 } });
    expect((error as Error).message).toContain(`its Content-Length, ${total} bytes, is more than maxResponseBytes (${10 * MiB})`);
    expect(server.received).toHaveLength(1);
    expect(written.bytes).toBeLessThan(64 * MiB);
  });

  it("a 600 MB chunked 200 is read up to the 10 MiB default and no further", async () => {
    const written = { bytes: 0 };
    server.script(huge(200, total, false, written), reply(200));
    const before = process.memoryUsage();
    const error = await failure(client().putThirdPartyJobSuccessResult(INPUT));
    const after = process.memoryUsage();
    expect(error).toMatchObject({ name: "ResponseBodyError", $metadata: { httpStatusCode: 200, attempts: 1 } });
    expect((error as Error).message).toContain(`it is more than maxResponseBytes (${10 * MiB} bytes); reading stopped there`);
    expect(server.received).toHaveLength(1);
    expect(written.bytes).toBeGreaterThan(10 * MiB);
    expect(written.bytes).toBeLessThan(64 * MiB);
    expect(after.arrayBuffers + after.heapUsed - before.arrayBuffers - before.heapUsed).toBeLessThan(200 * MiB);
  });

  it("a 600 MB 400 error body is cut off too: the error code still comes from its header, not retried", async () => {
    const written = { bytes: 0 };
    server.script(huge(400, total, false, written, { "x-amzn-errortype": "JobNotFoundException" }), reply(200));
    const error = await failure(client().putThirdPartyJobSuccessResult(INPUT));
    expect(error).toBeInstanceOf(JobNotFoundException);
    expect((error as Error).message).toMatch(/^HTTP 400, with a body that could not be read \(it is more than maxResponseBytes/);
    expect(server.received).toHaveLength(1);
    expect(written.bytes).toBeLessThan(64 * MiB);
  });

  it("the bound is exact and configurable", async () => {
    const body = JSON.stringify({ __type: "JobNotFoundException", message: "m" });
    server.script(reply(400, body));
    expect(await failure(client({ maxResponseBytes: body.length }).putThirdPartyJobSuccessResult(INPUT))).toMatchObject({ name: "JobNotFoundException", message: "m" });
    server.script(reply(400, body));
    expect(await failure(client({ maxResponseBytes: body.length - 1 }).putThirdPartyJobSuccessResult(INPUT))).toMatchObject({ name: "UnknownError" });
    expect(() => client({ maxResponseBytes: Number.NaN })).toThrow(/maxResponseBytes must be a number of bytes/);
  });
});

describe("hostile error types", () => {
  const NAMES = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf", "isPrototypeOf", "__defineGetter__", "propertyIsEnumerable"];

  it.each(NAMES)("X-Amzn-Errortype: %s is a ServiceException with that name", async (name) => {
    server.script(reply(400, { message: "hostile" }, { "x-amzn-errortype": name }));
    const error = await failure(client().putThirdPartyJobSuccessResult(INPUT));
    expect(error).toBeInstanceOf(ServiceException);
    expect(error).not.toBeInstanceOf(JobNotFoundException);
    expect(error).toMatchObject({ name, message: "hostile", $fault: "client", $metadata: { httpStatusCode: 400, requestId: "req-400", attempts: 1 } });
    expect(server.received).toHaveLength(1);
  });

  it.each(NAMES)('{"__type": "%s"} in the body is a ServiceException with that name', async (name) => {
    server.script(reply(400, `{"__type":${JSON.stringify(name)}}`));
    const error = await failure(client().putThirdPartyJobSuccessResult(INPUT));
    expect(error).toBeInstanceOf(ServiceException);
    expect(error).toMatchObject({ name, $metadata: { httpStatusCode: 400, attempts: 1 } });
  });

  it("a modeled error whose body carries __proto__ and constructor members stays what it is", async () => {
    server.script(reply(400, '{"__type":"JobNotFoundException","message":"gone","__proto__":{"polluted":true},"constructor":"evil","$metadata":"forged"}'));
    const error = await failure(client().putThirdPartyJobSuccessResult(INPUT));
    expect(error).toBeInstanceOf(JobNotFoundException);
    expect((error as object).constructor).toBe(JobNotFoundException);
    expect(error).toMatchObject({ message: "gone", $metadata: { httpStatusCode: 400 } });
    expect((error as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe("raw bytes on the wire", () => {
  /** A TCP server that answers each request with `answer`, then ends or resets the connection. */
  async function rawServer(answer: string, then: "end" | "reset" | "hold"): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
    let requests = 0;
    const sockets = new Set<Socket>();
    const raw: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
      let head = "";
      socket.on("data", (data) => {
        head += data.toString("latin1");
        if (!head.includes("\r\n\r\n")) return;
        head = "";
        requests++;
        socket.write(answer);
        if (then === "end") socket.end();
        else if (then === "reset") setTimeout(() => socket.resetAndDestroy(), 20);
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
    return {
      url: `http://127.0.0.1:${(raw.address() as { port: number }).port}`,
      requests: () => requests,
      close: () =>
        new Promise((resolve) => {
          for (const socket of sockets) socket.destroy();
          raw.close(() => resolve());
        }),
    };
  }

  it.each([
    ["a Content-Length longer than what comes before the connection ends", "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{}", "end"],
    ["a malformed chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", "end"],
    ["a reset after the status line and part of the body", "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{\"a\":", "reset"],
  ] as const)("a 200 with %s: one request, ResponseBodyError", async (_, answer, then) => {
    const raw = await rawServer(answer, then);
    try {
      const error = await failure(client({ endpoint: raw.url }).putThirdPartyJobSuccessResult(INPUT));
      expect(error).toMatchObject({ name: "ResponseBodyError", $metadata: { httpStatusCode: 200, attempts: 1 } });
      expect(raw.requests()).toBe(1);
    } finally {
      await raw.close();
    }
  });

  it.each([
    ["garbage instead of a status line", "garbage\r\n\r\n", "end"],
    ["a reset before any status", "", "reset"],
  ] as const)("%s: no status arrived, so it is a NetworkError, retried", async (_, answer, then) => {
    const raw = await rawServer(answer, then);
    try {
      const error = await failure(client({ endpoint: raw.url }).putThirdPartyJobSuccessResult(INPUT));
      expect(error).toBeInstanceOf(RequestError);
      expect(error).toMatchObject({ name: "NetworkError", $metadata: { attempts: 3 } });
      expect(error).not.toHaveProperty("$metadata.httpStatusCode");
      expect(raw.requests()).toBe(3);
    } finally {
      await raw.close();
    }
  });
});

describe("an Invalid Date is refused before sending", () => {
  it("as an InputValidationError naming the member; nothing sent", async () => {
    server.script(reply(200));
    const error = await failure(
      client().putThirdPartyJobSuccessResult({ ...INPUT, currentRevision: { revision: "r", changeIdentifier: "c", created: new Date("not a date") } }),
    );
    expect(error).toBeInstanceOf(InputValidationError);
    expect(error).toMatchObject({
      message: "PutThirdPartyJobSuccessResult: Invalid Date at 'currentRevision.created': not a timestamp that can be sent; nothing was sent.",
      issues: [{ path: "currentRevision.created", message: "Invalid Date at 'currentRevision.created': not a timestamp that can be sent" }],
    });
    expect(((error as Error).cause as Error).name).toBe("TypeError");
    expect(server.received).toHaveLength(0);
  });

  it("a value JSON cannot hold is refused the same way, with the serializer's reason and no path", async () => {
    server.script(reply(200));
    // A bigint where the model has a string: the serializer copies it, JSON.stringify refuses it.
    const error = await failure(client().putThirdPartyJobSuccessResult({ ...INPUT, jobId: 1n as unknown as string }));
    expect(error).toBeInstanceOf(InputValidationError);
    expect(error).toMatchObject({
      message: expect.stringMatching(/^PutThirdPartyJobSuccessResult: the input cannot be serialized: .*BigInt.*; nothing was sent\.$/),
      issues: [{ path: "", message: expect.stringMatching(/^the input cannot be serialized: .*BigInt/) }],
    });
    expect(((error as Error).cause as Error).name).toBe("TypeError");
    expect(server.received).toHaveLength(0);
  });

  it("the wire helpers throw rather than write null", () => {
    const invalid = new Date(Number.NaN);
    expect(() => toEpochSeconds(invalid)).toThrow(new TypeError("Invalid Date is not a timestamp that can be sent"));
    expect(() => toEpochSeconds(Number.NaN)).toThrow(TypeError);
    expect(() => toEpochSeconds(Number.POSITIVE_INFINITY)).toThrow(TypeError);
    expect(() => toDateTime(invalid)).toThrow(TypeError);
    expect(() => toHttpDate(invalid)).toThrow(TypeError);
    expect(toEpochSeconds(new Date(1_500))).toBe(1.5);
    expect(toDateTime(new Date(0))).toBe("1970-01-01T00:00:00Z");
    expect(toHttpDate(new Date(0))).toBe("Thu, 01 Jan 1970 00:00:00 GMT");
  });
});

describe("the retry quota (standard mode: 500 tokens per client)", () => {
  it("a 503 storm drains it 5 tokens a retry; then each call is one request; successes refill it", async () => {
    server.script(reply(503, { __type: "ServiceUnavailableException" }));
    const c = client();
    const quota = c.client.resolved.retryQuota;
    expect(quota.available).toBe(500);
    for (let call = 0; call < 50; call++) await failure(c.putThirdPartyJobSuccessResult(INPUT));
    expect(server.received).toHaveLength(150); // 50 calls, 2 retries each, 5 tokens a retry
    expect(quota.available).toBe(0);

    const error = await failure(c.putThirdPartyJobSuccessResult(INPUT));
    expect(error).toMatchObject({ name: "ServiceUnavailableException", $fault: "server", $metadata: { httpStatusCode: 503, attempts: 1 } });
    expect(server.received).toHaveLength(151);

    // The service recovers: each success without a retry puts 1 token back.
    server.script(reply(200));
    for (let call = 0; call < 5; call++) await c.putThirdPartyJobSuccessResult(INPUT);
    expect(quota.available).toBe(5);
    // Enough for one retry, whose cost the success then puts back.
    server.script(reply(503, { __type: "ServiceUnavailableException" }), reply(200));
    expect((await c.putThirdPartyJobSuccessResult(INPUT)).$metadata.attempts).toBe(2);
    expect(quota.available).toBe(5);
    // Never above 500.
    const fresh = client();
    server.script(reply(200));
    await fresh.putThirdPartyJobSuccessResult(INPUT);
    expect(fresh.client.resolved.retryQuota.available).toBe(500);
  });

  it("a 429 storm from 100 concurrent calls: 100 retries in all, not 200", async () => {
    server.script(reply(429, { __type: "ThrottlingException", message: "slow down" }));
    const c = client({ maxRetryDelayMs: 50 });
    const errors = await Promise.all(Array.from({ length: 100 }, () => failure(c.putThirdPartyJobSuccessResult(INPUT))));
    expect(server.received).toHaveLength(200);
    expect(c.client.resolved.retryQuota.available).toBe(0);
    for (const error of errors) expect(error).toMatchObject({ name: "ThrottlingException", $metadata: { httpStatusCode: 429 } });

    // 10 successes buy two retries.
    server.script(reply(200));
    for (let call = 0; call < 10; call++) await c.putThirdPartyJobSuccessResult(INPUT);
    server.script(reply(429, { __type: "ThrottlingException" }));
    expect(await failure(c.putThirdPartyJobSuccessResult(INPUT))).toMatchObject({ $metadata: { attempts: 3 } });
    expect(await failure(c.putThirdPartyJobSuccessResult(INPUT))).toMatchObject({ $metadata: { attempts: 1 } });
    expect(server.received).toHaveLength(4);
  });

  it("timeouts cost 10 tokens a retry: 50 concurrent calls that time out make 100 requests, not 150", async () => {
    server.script(() => {}); // never answers
    const c = client({ requestTimeoutMs: 250 });
    const errors = await Promise.all(Array.from({ length: 50 }, () => failure(c.putThirdPartyJobSuccessResult(INPUT))));
    for (const error of errors) expect(error).toMatchObject({ name: "TimeoutError" });
    expect(server.received).toHaveLength(100);
    expect(c.client.resolved.retryQuota.available).toBe(0);
  });

  it("each client has its own quota", async () => {
    server.script(reply(503, { __type: "ServiceUnavailableException" }));
    const drained = client({ maxAttempts: 101 });
    await failure(drained.putThirdPartyJobSuccessResult(INPUT));
    expect(drained.client.resolved.retryQuota.available).toBe(0);
    expect(server.received).toHaveLength(101);
    const other = client();
    await failure(other.putThirdPartyJobSuccessResult(INPUT));
    expect(server.received).toHaveLength(104);
  });
});
