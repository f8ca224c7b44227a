// Malformed requests, each with the exact status and error name it must get, sent raw
// to a real server on 127.0.0.1; the server keeps answering afterwards. Then the
// hardening: body limits, prototype keys, deep nesting, slow clients, internal failures.
import { createCodePipelineServiceHandler, listen, ModeledError, type RunningServer } from "@codepipeline-partner/server";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { successResultOnly } from "../support/one-operation.js";

const TARGET = "CodePipeline_20150709.PutThirdPartyJobSuccessResult";
const JSON_TYPE = "application/x-amz-json-1.1";
const calls: unknown[] = [];
const logged: unknown[] = [];
let server: RunningServer;

beforeAll(async () => {
  const handler = createCodePipelineServiceHandler(
    successResultOnly({
      async putThirdPartyJobSuccessResult(input) {
        calls.push(input);
        if (input.jobId === "explode") throw new Error("database password is hunter2");
        if (input.jobId === "explode-late") throw Object.assign(new TypeError("cannot read x of undefined"), { stack: "at secret.ts:1" });
        // A modeled error built from bad data: an impossible status, a name with a line break.
        if (input.jobId === "bad-status") throw new ModeledError("UpstreamError", "server", Number.NaN);
        if (input.jobId === "bad-name") throw new ModeledError("Upstream\r\nSet-Cookie: x=1", "server", 502);
      },
    }),
    { logger: { error: (message, detail) => logged.push([message, detail]) } },
  );
  server = await listen(handler, { maxBodyBytes: 64 * 1024, headersTimeoutMs: 500, requestTimeoutMs: 1_000 });
});
afterAll(() => server.close());

interface Case {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

async function send({ method = "POST", path = "/", headers = {}, body }: Case) {
  const response = await fetch(server.url + path, {
    method,
    headers: { "content-type": JSON_TYPE, "x-amz-target": TARGET, ...headers },
    ...(body !== undefined && method !== "GET" && method !== "HEAD" ? { body: body as BodyInit } : {}),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get("x-amzn-errortype"), requestId: response.headers.get("x-amzn-requestid"), text };
}

const ok = (extra: object = {}) => JSON.stringify({ jobId: "j", clientToken: "t", ...extra });
const deep = (n: number) => `{"jobId":"j","clientToken":"t","x":${"[".repeat(n)}${"]".repeat(n)}}`;

const CASES: Array<[string, Case, number, string | null]> = [
  ["a valid request", { body: ok() }, 200, null],
  ["an empty body is {} (required members missing)", { body: "" }, 400, "ValidationException"],
  ["{} (required members missing)", { body: "{}" }, 400, "ValidationException"],
  ["GET", { method: "GET" }, 405, "MethodNotAllowedException"],
  ["PUT", { method: "PUT", body: ok() }, 405, "MethodNotAllowedException"],
  ["DELETE", { method: "DELETE" }, 405, "MethodNotAllowedException"],
  ["a path other than /", { path: "/PutThirdPartyJobSuccessResult", body: ok() }, 404, "UnknownOperationException"],
  ["no X-Amz-Target", { headers: { "x-amz-target": "" }, body: ok() }, 400, "UnknownOperationException"],
  ["an unknown operation", { headers: { "x-amz-target": "CodePipeline_20150709.DeletePipeline" }, body: ok() }, 400, "UnknownOperationException"],
  ["another service's prefix", { headers: { "x-amz-target": "DynamoDB_20120810.PutThirdPartyJobSuccessResult" }, body: ok() }, 400, "UnknownOperationException"],
  ["an operation named like Object.prototype", { headers: { "x-amz-target": "CodePipeline_20150709.constructor" }, body: ok() }, 400, "UnknownOperationException"],
  ["an operation named __proto__", { headers: { "x-amz-target": "CodePipeline_20150709.__proto__" }, body: ok() }, 400, "UnknownOperationException"],
  ["Content-Type application/json", { headers: { "content-type": "application/json" }, body: ok() }, 415, "UnsupportedMediaTypeException"],
  ["Content-Type text/plain", { headers: { "content-type": "text/plain" }, body: ok() }, 415, "UnsupportedMediaTypeException"],
  ["Content-Type with a charset parameter", { headers: { "content-type": `${JSON_TYPE}; charset=utf-8` }, body: ok() }, 200, null],
  ["Content-Type in upper case", { headers: { "content-type": JSON_TYPE.toUpperCase() }, body: ok() }, 200, null],
  ["truncated JSON", { body: '{"jobId":"j"' }, 400, "SerializationException"],
  ["not JSON at all", { body: "jobId=j&clientToken=t" }, 400, "SerializationException"],
  ["trailing garbage", { body: `${ok()}x` }, 400, "SerializationException"],
  ["a JSON array", { body: "[]" }, 400, "SerializationException"],
  ["a JSON string", { body: '"{}"' }, 400, "SerializationException"],
  ["JSON null", { body: "null" }, 400, "SerializationException"],
  ["a number where a string belongs", { body: JSON.stringify({ jobId: 1, clientToken: "t" }) }, 400, "SerializationException"],
  ["a string where an integer belongs", { body: ok({ executionDetails: { percentComplete: "50" } }) }, 400, "SerializationException"],
  ["a fraction where an integer belongs", { body: ok({ executionDetails: { percentComplete: 50.5 } }) }, 400, "SerializationException"],
  ["a string where a timestamp belongs", { body: ok({ currentRevision: { revision: "r", changeIdentifier: "c", created: "yesterday" } }) }, 400, "SerializationException"],
  ["an array where a structure belongs", { body: ok({ currentRevision: ["r"] }) }, 400, "SerializationException"],
  ["jobId of 0 characters", { body: ok({ jobId: "" }) }, 400, "ValidationException"],
  ["jobId of 513 characters", { body: ok({ jobId: "j".repeat(513) }) }, 400, "ValidationException"],
  ["jobId of 512 astral characters", { body: ok({ jobId: "😀".repeat(512) }) }, 200, null],
  ["clientToken of 257 astral characters", { body: ok({ clientToken: "😀".repeat(257) }) }, 400, "ValidationException"],
  ["percentComplete 101", { body: ok({ executionDetails: { percentComplete: 101 } }) }, 400, "ValidationException"],
  ["percentComplete -1", { body: ok({ executionDetails: { percentComplete: -1 } }) }, 400, "ValidationException"],
  ["a missing required nested member", { body: ok({ currentRevision: { revision: "r" } }) }, 400, "ValidationException"],
  ["escaped lone surrogates", { body: '{"jobId":"\\ud800","clientToken":"\\udfff"}' }, 200, null],
  ["invalid UTF-8 bytes", { body: new Uint8Array([0x7b, 0x22, 0x6a, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) }, 400, "SerializationException"],
  ["a byte-order mark before the JSON (what is signed is what is parsed)", { body: `\ufeff${ok()}` }, 400, "SerializationException"],
  ["unknown members are ignored", { body: ok({ futureMember: { a: [1, 2, 3] } }) }, 200, null],
  ["__proto__ and constructor keys", { body: '{"jobId":"j","clientToken":"t","__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}' }, 200, null],
  ["JSON nested 64 deep (the limit)", { body: deep(63) }, 200, null],
  ["JSON nested 65 deep", { body: deep(64) }, 400, "SerializationException"],
  ["JSON nested 30,000 deep", { body: deep(30_000) }, 400, "SerializationException"],
  ["brackets inside strings do not count as nesting", { body: ok({ continuationToken: "[".repeat(500) }) }, 200, null],
  ["a body just over 64 KiB", { body: ok({ continuationToken: "x".repeat(64 * 1024) }) }, 413, "RequestEntityTooLargeException"],
  ["a handler that throws an unexpected error", { body: ok({ jobId: "explode" }) }, 500, "InternalFailure"],
  ["a modeled error with an impossible status", { body: ok({ jobId: "bad-status" }) }, 500, "InternalFailure"],
  ["a modeled error whose name would split headers", { body: ok({ jobId: "bad-name" }) }, 500, "InternalFailure"],
];

describe("malformed requests", () => {
  it.each(CASES.map(([name, request, status, type]) => [`${name} -> ${status} ${type ?? ""}`, request, status, type] as const))("%s", async (_, request, status, type) => {
    const response = await send(request);
    expect(response.status, response.text).toBe(status);
    expect(response.type).toBe(type);
    // Every answer carries a request ID; every error body names itself.
    expect(response.requestId ?? (status === 413 ? "none for 413" : null)).toBeTruthy();
    if (type) expect(JSON.parse(response.text).__type).toBe(type);
    else expect(response.text).toBe("");
  });

  it("the server still answers a good request after all of them", async () => {
    expect((await send({ body: ok() })).status).toBe(200);
  });

  it("prototype keys in a body pollute nothing", () => {
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    const input = calls.find((call) => JSON.stringify(call) === '{"jobId":"j","clientToken":"t"}');
    expect(input).toBeDefined();
  });

  it("an unexpected failure leaves no detail on the wire, and is logged", async () => {
    const response = await send({ body: ok({ jobId: "explode-late" }) });
    expect(response.status).toBe(500);
    expect(response.text).toBe('{"__type":"InternalFailure","message":"The server could not complete the request."}');
    expect(response.text).not.toMatch(/secret|undefined|hunter2/);
    expect(logged.some((entry) => String((entry as unknown[])[1]).includes("cannot read x of undefined"))).toBe(true);
  });
});

describe("slow and oversized clients", () => {
  it("a declared body over the limit gets 413 at once, without the body being read", async () => {
    const answer = await rawExchange(
      `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: ${JSON_TYPE}\r\nX-Amz-Target: ${TARGET}\r\nContent-Length: 104857600\r\n\r\n{"jobId":`,
      2_000,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain("RequestEntityTooLargeException");
  });

  it("a client that never finishes its headers is cut off", async () => {
    const started = Date.now();
    const answer = await rawExchange(`POST / HTTP/1.1\r\nHost: x\r\nContent-Type: ${JSON_TYPE}\r\n`, 5_000);
    expect(Date.now() - started).toBeLessThan(4_500);
    expect(answer === "" || /^HTTP\/1\.1 408 /.test(answer)).toBe(true);
  });

  it("a client that stalls mid-body is cut off", async () => {
    const started = Date.now();
    const answer = await rawExchange(`POST / HTTP/1.1\r\nHost: x\r\nContent-Type: ${JSON_TYPE}\r\nX-Amz-Target: ${TARGET}\r\nContent-Length: 100\r\n\r\n{"jobId"`, 5_000);
    expect(Date.now() - started).toBeLessThan(4_500);
    expect(answer === "" || /^HTTP\/1\.1 408 /.test(answer)).toBe(true);
  });
});

/** Writes raw bytes, then collects what comes back until the server closes or `limitMs` passes. */
function rawExchange(data: string, limitMs: number): Promise<string> {
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
    socket.write(data);
  });
}
