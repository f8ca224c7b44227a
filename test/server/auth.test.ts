// SigV4 verification answers each kind of failure with AWS's 403 codes, and lets in
// only callers it knows, with clocks in step and bodies as signed.
import { createCodePipelineClient, putThirdPartyJobSuccessResult } from "@codepipeline-partner/client";
import { createCodePipelineServiceHandler, listen, type RunningServer } from "@codepipeline-partner/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_CREDENTIALS } from "../support/sdk.js";
import { successResultOnly } from "../support/one-operation.js";

let server: RunningServer;
const callers: unknown[] = [];

beforeAll(async () => {
  server = await listen(
    createCodePipelineServiceHandler(
      successResultOnly({ async putThirdPartyJobSuccessResult(_, context) { callers.push(context.caller); } }),
      { authenticate: { secretFor: (id) => (id === TEST_CREDENTIALS.accessKeyId ? TEST_CREDENTIALS.secretAccessKey : undefined) } },
    ),
  );
});
afterAll(() => server.close());

/** Signs with our client, then lets the test alter the request before it goes out. */
async function sendSigned(alter: (init: RequestInit & { headers: Record<string, string> }) => void = () => {}, now?: () => Date) {
  let answer: { status: number; type: string | null } | undefined;
  const client = createCodePipelineClient({
    endpoint: server.url,
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
    ...(now ? { now } : {}),
    fetch: async (url, init) => {
      const changed = { ...init, headers: { ...(init.headers as Record<string, string>) } };
      alter(changed);
      const response = await fetch(url, changed);
      answer = { status: response.status, type: response.headers.get("x-amzn-errortype") };
      return response;
    },
  });
  await putThirdPartyJobSuccessResult(client, { jobId: "j", clientToken: "t" }).catch(() => {});
  return answer!;
}

describe("SigV4 verification", () => {
  it("lets in a correctly signed request and tells the handler who called", async () => {
    expect(await sendSigned()).toEqual({ status: 200, type: null });
    expect(callers.at(-1)).toEqual({ accessKeyId: TEST_CREDENTIALS.accessKeyId, region: "us-east-1" });
  });

  it.each([
    ["no Authorization header", (init: { headers: Record<string, string> }) => delete init.headers.authorization, "MissingAuthenticationTokenException"],
    ["an Authorization header that is not SigV4", (init: { headers: Record<string, string> }) => (init.headers.authorization = "Bearer abc"), "IncompleteSignatureException"],
    ["a signature cut short", (init: { headers: Record<string, string> }) => (init.headers.authorization = init.headers.authorization!.slice(0, -2)), "IncompleteSignatureException"],
    ["no X-Amz-Date", (init: { headers: Record<string, string> }) => delete init.headers["x-amz-date"], "IncompleteSignatureException"],
    ["one signed header changed", (init: { headers: Record<string, string> }) => (init.headers["x-amz-user-agent"] = "someone-else"), "InvalidSignatureException"],
    ["a body that is not the one signed", (init: { body?: unknown }) => (init.body = '{"jobId":"other","clientToken":"t"}'), "InvalidSignatureException"],
    ["a body hash that is not the body's", (init: { headers: Record<string, string> }) => (init.headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD"), "InvalidSignatureException"],
    ["a signature for another service", (init: { headers: Record<string, string> }) => (init.headers.authorization = init.headers.authorization!.replace("/codepipeline/", "/s3/")), "InvalidSignatureException"],
    ["an x-amz-* header added after signing", (init: { headers: Record<string, string> }) => (init.headers["x-amz-meta-extra"] = "1"), "IncompleteSignatureException"],
    ["an unknown access key", (init: { headers: Record<string, string> }) => (init.headers.authorization = init.headers.authorization!.replace("AKIDEXAMPLE", "AKIDUNKNOWN")), "UnrecognizedClientException"],
  ] as const)("refuses %s with 403 %s", async (_, alter, type) => {
    expect(await sendSigned(alter as (init: RequestInit & { headers: Record<string, string> }) => void)).toEqual({ status: 403, type });
  });

  it("answers an unauthenticated caller 403 before anything else, even for a wrong method or operation", async () => {
    const get = await fetch(server.url, { method: "GET" });
    expect([get.status, get.headers.get("x-amzn-errortype")]).toEqual([403, "MissingAuthenticationTokenException"]);
    const unknown = await fetch(server.url, { method: "POST", headers: { "x-amz-target": "CodePipeline_20150709.Nope", "content-type": "application/x-amz-json-1.1" }, body: "{}" });
    expect([unknown.status, unknown.headers.get("x-amzn-errortype")]).toEqual([403, "MissingAuthenticationTokenException"]);
  });

  it("refuses a request signed more than 5 minutes away from the server's clock", async () => {
    expect(await sendSigned(undefined, () => new Date(Date.now() - 6 * 60_000))).toEqual({ status: 403, type: "InvalidSignatureException" });
    expect(await sendSigned(undefined, () => new Date(Date.now() + 6 * 60_000))).toEqual({ status: 403, type: "InvalidSignatureException" });
    expect(await sendSigned(undefined, () => new Date(Date.now() - 4 * 60_000))).toEqual({ status: 200, type: null });
  });
});
