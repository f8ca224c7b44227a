// The verifier checks exactly the headers a request lists in SignedHeaders, whatever they
// are: other SDKs sign User-Agent, proxies sign X-Amzn-Trace-Id, uploads send Expect.
// Requests are signed here by a signer written from the SigV4 specification on
// node:crypto (sharing no code with the server), anchored to the AWS SigV4 test suite's
// get-vanilla vector and cross-checked against @smithy/signature-v4 told to sign those
// headers. Authentication also comes before any look at the body's encoding.
import { createCodePipelineServiceHandler, listen, type RunningServer } from "@codepipeline-partner/server";
import { HttpRequest as SmithyRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { createHash, createHmac } from "node:crypto";
import { request as httpRequest } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Sha256, verifySigV4 } from "../../packages/server/src/runtime/auth.js";
import { successResultOnly } from "../support/one-operation.js";
import { TEST_CREDENTIALS } from "../support/sdk.js";

const TARGET = "CodePipeline_20150709.PutThirdPartyJobSuccessResult";
const JSON_TYPE = "application/x-amz-json-1.1";
const BODY = '{"jobId":"j","clientToken":"t"}';

const sha256Hex = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();

interface HandSignInput {
  method?: string;
  path?: string;
  /** Every header listed here is signed, in any letter case. */
  headers: Record<string, string>;
  body: string | Uint8Array;
  accessKeyId?: string;
  secretAccessKey?: string;
  region?: string;
  service?: string;
  now: Date;
  /** Put the time in a Date header (HTTP-date) instead of X-Amz-Date. */
  dateHeader?: boolean;
}

/**
 * SigV4 by the book (docs.aws.amazon.com, "Create a signed AWS API request"): canonical
 * request, string to sign, signing key, signature. Returns the headers to send.
 */
function handSign(input: HandSignInput): Record<string, string> {
  const { method = "POST", path = "/", accessKeyId = TEST_CREDENTIALS.accessKeyId, secretAccessKey = TEST_CREDENTIALS.secretAccessKey } = input;
  const { region = "us-east-1", service = "codepipeline" } = input;
  const longDate = input.now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const shortDate = longDate.slice(0, 8);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) headers[name.toLowerCase()] = value;
  if (input.dateHeader) headers["date"] = input.now.toUTCString();
  else headers["x-amz-date"] = longDate;
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((name) => `${name}:${headers[name]!.trim().replace(/\s+/g, " ")}\n`).join("");
  const signedHeaders = names.join(";");
  const canonicalRequest = [method, path, "", canonicalHeaders, signedHeaders, sha256Hex(input.body)].join("\n");
  const scope = `${shortDate}/${region}/${service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", longDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, shortDate), region), service), "aws4_request");
  const signature = createHmac("sha256", key).update(stringToSign).digest("hex");
  return { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}` };
}

/** The headers of a PutThirdPartyJobSuccessResult call, with `extra` ones, all signed. */
function signedCall(extra: Record<string, string>, options: Partial<HandSignInput> = {}): Record<string, string> {
  return handSign({
    headers: { host: "127.0.0.1", "content-type": JSON_TYPE, "x-amz-target": TARGET, "x-amz-content-sha256": sha256Hex(options.body ?? BODY), ...extra },
    body: BODY,
    now: new Date(),
    ...options,
  });
}

const EXTRA = { "user-agent": "aws-sdk-go-v2/1.30.0 os/linux lang/go#1.22", expect: "100-continue", "x-amzn-trace-id": "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1" };

describe("the independent signer", () => {
  afterEach(() => vi.useRealTimers());

  it("reproduces the AWS SigV4 test suite's get-vanilla signature", () => {
    const headers = handSign({
      method: "GET",
      headers: { host: "example.amazonaws.com" },
      body: "",
      region: "us-east-1",
      service: "service",
      now: new Date("2015-08-30T12:36:00Z"),
    });
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    );
  });

  it("agrees with @smithy/signature-v4 told to sign user-agent, expect and x-amzn-trace-id", async () => {
    const now = new Date("2026-03-01T10:20:30Z");
    const ours = signedCall(EXTRA, { now });
    const signer = new SignatureV4({ credentials: TEST_CREDENTIALS, region: "us-east-1", service: "codepipeline", sha256: Sha256, applyChecksum: true });
    const { authorization: _, "x-amz-date": __, ...unsigned } = ours;
    const smithy = await signer.sign(new SmithyRequest({ method: "POST", protocol: "https:", hostname: "127.0.0.1", path: "/", headers: unsigned, body: BODY }), {
      signingDate: now,
      signableHeaders: new Set(Object.keys(EXTRA)),
    });
    expect(ours.authorization).toContain("SignedHeaders=content-type;expect;host;user-agent;x-amz-content-sha256;x-amz-date;x-amz-target;x-amzn-trace-id,");
    expect(smithy.headers.authorization).toBe(ours.authorization);
  });

  it("the verifier accepts get-vanilla as signed by the test suite (the time set to then)", async () => {
    vi.useFakeTimers({ now: new Date("2015-08-30T12:36:30Z"), toFake: ["Date"] });
    const headers = handSign({ method: "GET", headers: { host: "example.amazonaws.com" }, body: "", service: "service", now: new Date("2015-08-30T12:36:00Z") });
    const secretFor = (id: string) => (id === TEST_CREDENTIALS.accessKeyId ? TEST_CREDENTIALS.secretAccessKey : undefined);
    await expect(verifySigV4({ method: "GET", path: "/", headers, body: new Uint8Array() }, new Uint8Array(), "service", { secretFor })).resolves.toEqual({
      accessKeyId: "AKIDEXAMPLE",
      region: "us-east-1",
    });
    const tampered = { ...headers, host: "example.amazonaws.com.evil" };
    await expect(verifySigV4({ method: "GET", path: "/", headers: tampered, body: "" }, "", "service", { secretFor })).rejects.toMatchObject({ status: 403, name: "InvalidSignatureException" });
  });
});

const calls: unknown[] = [];
const handler = createCodePipelineServiceHandler(
  successResultOnly({ async putThirdPartyJobSuccessResult(input, context) { calls.push([input, context.caller]); } }),
  { authenticate: { secretFor: (id) => (id === TEST_CREDENTIALS.accessKeyId ? TEST_CREDENTIALS.secretAccessKey : undefined) } },
);
const call = (headers: Record<string, string>, body: string | Uint8Array = BODY) => handler({ method: "POST", path: "/", headers, body });
const outcome = async (headers: Record<string, string>, body?: string | Uint8Array) => {
  const answer = await call(headers, body);
  return [answer.status, answer.headers["x-amzn-errortype"] ?? null];
};

describe("headers SigV4 signers disagree about", () => {
  it.each([
    ["user-agent", { "user-agent": EXTRA["user-agent"] }],
    ["expect", { expect: EXTRA.expect }],
    ["x-amzn-trace-id", { "x-amzn-trace-id": EXTRA["x-amzn-trace-id"] }],
    ["all three, and cache-control", { ...EXTRA, "cache-control": "no-cache" }],
  ])("accepts a request that signs %s", async (_, extra) => {
    expect(await outcome(signedCall(extra))).toEqual([200, null]);
  });

  it.each([
    ["user-agent", "user-agent", "curl/8.0"],
    ["x-amzn-trace-id", "x-amzn-trace-id", "Root=1-00000000-000000000000000000000000"],
    ["expect", "expect", "nothing"],
  ])("refuses it when the signed %s is changed after signing", async (_, name, value) => {
    const headers = signedCall(EXTRA);
    expect(await outcome({ ...headers, [name]: value })).toEqual([403, "InvalidSignatureException"]);
  });

  it("refuses a request whose signed header is missing", async () => {
    const { "x-amzn-trace-id": _, ...headers } = signedCall(EXTRA);
    expect(await outcome(headers)).toEqual([403, "IncompleteSignatureException"]);
  });

  it("leaves unsigned headers other than x-amz-* alone", async () => {
    expect(await outcome({ ...signedCall({}), "user-agent": "anything", "x-amzn-trace-id": "Root=1-2-3" })).toEqual([200, null]);
  });

  it("accepts the time in a signed Date header when there is no X-Amz-Date", async () => {
    expect(await outcome(signedCall({}, { dateHeader: true }))).toEqual([200, null]);
    // ...but only signed, and only in GMT.
    const headers = signedCall({}, { dateHeader: true });
    expect(await outcome({ ...headers, authorization: headers.authorization!.replace("date;", "") })).toEqual([403, "IncompleteSignatureException"]);
  });

  it("refuses an access key it does not know, even for a signature over those headers", async () => {
    expect(await outcome(signedCall(EXTRA, { accessKeyId: "AKIDUNKNOWN" }))).toEqual([403, "UnrecognizedClientException"]);
  });
});

describe("over a real connection", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await listen(handler);
  });
  afterAll(() => server.close());

  /** node:http, which sends Expect: 100-continue and waits for the 100 before the body. */
  function post(headers: Record<string, string>, body: string): Promise<{ status: number; type: string | undefined; continued: boolean }> {
    return new Promise((resolve, reject) => {
      let continued = false;
      const req = httpRequest({ host: "127.0.0.1", port: server.port, method: "POST", path: "/", headers }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode!, type: res.headers["x-amzn-errortype"] as string | undefined, continued }));
      });
      req.on("error", reject);
      if (headers.expect) {
        req.on("continue", () => {
          continued = true;
          req.end(body);
        });
        req.flushHeaders();
      } else req.end(body);
    });
  }

  it("accepts user-agent, expect: 100-continue and x-amzn-trace-id signed by the caller", async () => {
    const signed = signedCall({ ...EXTRA, host: `127.0.0.1:${server.port}` });
    expect(await post(signed, BODY)).toEqual({ status: 200, type: undefined, continued: true });
    expect(await post({ ...signed, "user-agent": "tampered" }, BODY)).toEqual({ status: 403, type: "InvalidSignatureException", continued: true });
  });
});

describe("authentication before the body's encoding", () => {
  const invalidUtf8 = new Uint8Array([0x7b, 0x22, 0x6a, 0x6f, 0x62, 0x49, 0x64, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
  const signedBytes = (options: Partial<HandSignInput> = {}) => signedCall({}, { body: invalidUtf8, ...options });

  it("answers an unsigned body that is not UTF-8 with 403, not 400", async () => {
    expect(await outcome({ "content-type": JSON_TYPE, "x-amz-target": TARGET }, invalidUtf8)).toEqual([403, "MissingAuthenticationTokenException"]);
  });

  it("answers an unknown caller's body that is not UTF-8 with 403", async () => {
    expect(await outcome(signedBytes({ accessKeyId: "AKIDUNKNOWN" }), invalidUtf8)).toEqual([403, "UnrecognizedClientException"]);
  });

  it("verifies the signature over the bytes as sent, then tells a known caller its body is not UTF-8", async () => {
    const answer = await call(signedBytes(), invalidUtf8);
    expect([answer.status, answer.headers["x-amzn-errortype"]]).toEqual([400, "SerializationException"]);
    expect(JSON.parse(answer.body).message).toMatch(/not valid UTF-8/);
  });

  it("refuses bytes other than the ones signed, even when both are not UTF-8", async () => {
    const other = invalidUtf8.slice();
    other[10] = 0xfd;
    expect(await outcome(signedBytes(), other)).toEqual([403, "InvalidSignatureException"]);
  });

  it("does the same over a real connection", async () => {
    const server = await listen(handler);
    try {
      const headers = signedCall({ host: `127.0.0.1:${server.port}` }, { body: invalidUtf8 });
      const { host: _, ...sent } = headers; // fetch sets Host itself, to the same value
      const signed = await fetch(server.url, { method: "POST", headers: sent, body: invalidUtf8 });
      expect([signed.status, signed.headers.get("x-amzn-errortype")]).toEqual([400, "SerializationException"]);
      const unsigned = await fetch(server.url, { method: "POST", headers: { "content-type": JSON_TYPE, "x-amz-target": TARGET }, body: invalidUtf8 });
      expect([unsigned.status, unsigned.headers.get("x-amzn-errortype")]).toEqual([403, "MissingAuthenticationTokenException"]);
    } finally {
      await server.close();
    }
  });
});
