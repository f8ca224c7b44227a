// Wire exactness: with the same input, credentials and clock, our client sends what
// @aws-sdk/client-codepipeline sends: method, path, headers, body bytes, and a SigV4
// signature over the same signed headers.
import { PutThirdPartyJobSuccessResultCommand } from "@aws-sdk/client-codepipeline";
import { createCodePipelineClient, putThirdPartyJobSuccessResult } from "@codepipeline-partner/client";
import type { PutThirdPartyJobSuccessResultInput } from "@codepipeline-partner/types";
import { afterEach, describe, expect, it, vi } from "vitest";
import { signRequest } from "../../packages/client/src/runtime/sigv4.js";
import { referenceSign } from "../support/reference-signer.js";
import { sdkClient, TEST_CREDENTIALS } from "../support/sdk.js";

const NOW = new Date("2026-01-02T03:04:05.678Z");
const SESSION = { ...TEST_CREDENTIALS, sessionToken: "FwoGZXIvYXdzEXAMPLE//token+with/slashes==" };

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

async function sentBySdk(input: PutThirdPartyJobSuccessResultInput, credentials = TEST_CREDENTIALS): Promise<Sent> {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  try {
    const { client, requests } = sdkClient();
    (client.config as { credentials: unknown }).credentials = async () => credentials;
    await client.send(new PutThirdPartyJobSuccessResultCommand(input));
    const { request, body } = requests[0]!;
    return { method: request.method, path: request.path, headers: { ...request.headers } as Record<string, string>, body };
  } finally {
    vi.useRealTimers();
  }
}

async function sentByUs(input: PutThirdPartyJobSuccessResultInput, credentials = TEST_CREDENTIALS): Promise<Sent> {
  let sent: Sent | undefined;
  const client = createCodePipelineClient({
    region: "us-east-1",
    credentials,
    now: () => NOW,
    maxAttempts: 1,
    fetch: async (url, init) => {
      const target = new URL(url);
      // fetch adds Host and Content-Length from the URL and body, as signed.
      const headers = { ...(init.headers as Record<string, string>), host: target.host, "content-length": String(Buffer.byteLength(String(init.body))) };
      sent = { method: String(init.method), path: target.pathname, headers, body: String(init.body) };
      return new Response(null, { status: 200 });
    },
  });
  await putThirdPartyJobSuccessResult(client, input);
  return sent!;
}

const signedHeaders = (sent: Sent) => /SignedHeaders=([^,]+)/.exec(sent.headers.authorization!)![1]!.split(";");

const INPUTS: Array<[string, PutThirdPartyJobSuccessResultInput]> = [
  ["the required members only", { jobId: "j", clientToken: "tok" }],
  [
    "every member, timestamp with milliseconds",
    {
      jobId: "j",
      clientToken: "tok",
      currentRevision: { revision: "r1", changeIdentifier: "c1", created: new Date(1_700_000_000_123), revisionSummary: "sum" },
      continuationToken: "cont",
      executionDetails: { summary: "ok", externalExecutionId: "x", percentComplete: 100 },
    },
  ],
  ["a whole-second timestamp", { jobId: "j", clientToken: "t", currentRevision: { revision: "r", changeIdentifier: "c", created: new Date(1_700_000_000_000) } }],
  [
    "members given out of model order",
    { executionDetails: { percentComplete: 5, summary: "s" }, clientToken: "t", jobId: "j", continuationToken: "c" } as PutThirdPartyJobSuccessResultInput,
  ],
  ["Unicode, quotes and control characters", { jobId: "jöb-😀", clientToken: 'a"b\\c\n\u0001', executionDetails: { summary: "Résumé 中文 \u2028" } }],
  ["absent members given as undefined", { jobId: "j", clientToken: "t", currentRevision: undefined, executionDetails: { summary: undefined, percentComplete: 0 } }],
];

afterEach(() => vi.useRealTimers());

describe("requests match the official SDK's", () => {
  it.each(INPUTS)("%s: same method, path, content type, target and body bytes", async (_, input) => {
    const [sdk, ours] = await Promise.all([sentBySdk(input), sentByUs(input)]);
    expect(ours.method).toBe(sdk.method);
    expect(ours.path).toBe(sdk.path);
    for (const header of ["content-type", "x-amz-target", "host", "content-length", "x-amz-date", "x-amz-content-sha256"]) {
      expect(ours.headers[header], header).toBe(sdk.headers[header]);
    }
    expect(ours.body).toBe(sdk.body);
  });

  it.each([
    ["long-term credentials", TEST_CREDENTIALS],
    ["a session token", SESSION],
  ] as const)("with %s: the same signed headers, and the same signature over them", async (_, credentials) => {
    const input = INPUTS[1]![1];
    const [sdk, ours] = await Promise.all([sentBySdk(input, credentials), sentByUs(input, credentials)]);
    expect(signedHeaders(ours)).toEqual(signedHeaders(sdk));
    expect(ours.headers["x-amz-security-token"]).toBe(sdk.headers["x-amz-security-token"]);

    // Our signer, given the SDK's request, signs it exactly as the SDK did.
    const { authorization, ...unsigned } = sdk.headers;
    const resigned = await signRequest({ headers: { ...unsigned }, body: sdk.body, credentials, region: "us-east-1", service: "codepipeline", now: NOW });
    expect(resigned.authorization).toBe(authorization);

    // And what our client sent verifies with the reference implementation.
    const { authorization: ourAuthorization, ...ourUnsigned } = ours.headers;
    const reference = await referenceSign({ hostname: ours.headers.host!, headers: ourUnsigned, body: ours.body, credentials, region: "us-east-1", service: "codepipeline", now: NOW });
    expect(ourAuthorization).toBe(reference.authorization);
  });

  it("an empty input is {}", async () => {
    const ours = await sentByUs({} as PutThirdPartyJobSuccessResultInput);
    expect(ours.body).toBe("{}");
  });
});
