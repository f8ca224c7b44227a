// A rule set's endpoint may ask for headers SigV4 never signs (user-agent, x-amzn-trace-id,
// ...): the client sends them but leaves them out of SignedHeaders, as @smithy/signature-v4
// does, because proxies and load balancers change them on the way. Here the client, given
// such a rule set, calls our server with SigV4 verification on over a real connection; the
// request it sent is signed again by @smithy/signature-v4, which must agree byte for byte;
// and a load balancer that rewrites the trace header on the way does not break the call.
import { createCodePipelineServiceHandler, listen, type RunningServer } from "@codepipeline-partner/server";
import { customEndpointFunctions, resolveEndpoint as evaluateRuleSet, type RuleSetObject } from "@smithy/core/endpoints";
import { HttpRequest as SmithyRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { awsEndpointFunctions } from "@aws-sdk/core/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { putThirdPartyJobSuccessResult, service } from "../../packages/client/src/generated/operations.js";
import { createClient } from "../../packages/client/src/runtime/client.js";
import { ruleSetResolver } from "../../packages/client/src/runtime/endpoint-rules.js";
import { Sha256 } from "../../packages/server/src/runtime/auth.js";
import { successResultOnly } from "../support/one-operation.js";
import { TEST_CREDENTIALS } from "../support/sdk.js";

customEndpointFunctions.aws = awsEndpointFunctions;

const USER_AGENT = "partner-agent/1.0 (rules)";
const TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1";

/** The explicit endpoint, with headers as AWS rule sets write them: two SigV4 never signs, one it signs. */
const ruleSet: RuleSetObject = {
  version: "1.0",
  parameters: {
    Region: { type: "String", builtIn: "AWS::Region", required: true },
    Endpoint: { type: "String", builtIn: "SDK::Endpoint", required: false },
  },
  rules: [
    {
      type: "endpoint",
      conditions: [{ fn: "isSet", argv: [{ ref: "Endpoint" }] }],
      endpoint: {
        url: { ref: "Endpoint" },
        properties: { authSchemes: [{ name: "sigv4", signingName: "codepipeline", signingRegion: "{Region}" }] },
        headers: { "User-Agent": [USER_AGENT], "X-Amzn-Trace-Id": [TRACE], "X-Amz-Repository": ["build-outputs"] },
      },
    },
    { type: "error", conditions: [], error: "This test's rule set needs an endpoint" },
  ],
};

const received: Array<Record<string, string | undefined>> = [];
const handler = createCodePipelineServiceHandler(
  successResultOnly({
    async putThirdPartyJobSuccessResult(_input, context) {
      received.push({ caller: context.caller?.accessKeyId });
    },
  }),
  { authenticate: { secretFor: (id) => (id === TEST_CREDENTIALS.accessKeyId ? TEST_CREDENTIALS.secretAccessKey : undefined) } },
);

let server: RunningServer;
beforeAll(async () => {
  // What arrived, before the handler verifies it.
  const recording = async (request: Parameters<typeof handler>[0]) => {
    received.push({ "user-agent": request.headers["user-agent"], "x-amzn-trace-id": request.headers["x-amzn-trace-id"], "x-amz-repository": request.headers["x-amz-repository"] });
    return handler(request);
  };
  server = await listen(Object.assign(recording, { protocol: handler.protocol }));
});
afterAll(() => server.close());

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A client of the rule set against our server; `onTheWay` changes the request as a proxy would, after the client signed it. */
function clientOf(sent: Sent[], onTheWay: (headers: Record<string, string>) => Record<string, string> = (headers) => headers) {
  return createClient(
    {
      region: "us-east-1",
      endpoint: `http://127.0.0.1:${server.port}`,
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
      fetch: (url, init) => {
        const headers = init.headers as Record<string, string>;
        sent.push({ url, headers: { ...headers }, body: init.body as string });
        return fetch(url, { ...init, headers: onTheWay(headers) });
      },
    },
    { ...service, resolveEndpoint: ruleSetResolver(evaluateRuleSet, ruleSet, { region: "Region", endpoint: "Endpoint" }) },
  );
}

const INPUT = { jobId: "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", clientToken: "f0e1d2c3-token-EXAMPLE" };

describe("an endpoint's headers that SigV4 leaves unsigned", () => {
  it("are sent, left out of SignedHeaders, and the server verifies the call", async () => {
    received.length = 0;
    const sent: Sent[] = [];
    await putThirdPartyJobSuccessResult(clientOf(sent), INPUT);
    // The server saw every endpoint header and accepted the signature.
    expect(received).toEqual([{ "user-agent": USER_AGENT, "x-amzn-trace-id": TRACE, "x-amz-repository": "build-outputs" }, { caller: TEST_CREDENTIALS.accessKeyId }]);
    const signedHeaders = /SignedHeaders=([^,]+),/.exec(sent[0]!.headers.authorization!)![1]!.split(";");
    expect(signedHeaders).toContain("x-amz-repository");
    expect(signedHeaders).not.toContain("user-agent");
    expect(signedHeaders).not.toContain("x-amzn-trace-id");
  });

  it("are signed as @smithy/signature-v4 signs the same request", async () => {
    const sent: Sent[] = [];
    await putThirdPartyJobSuccessResult(clientOf(sent), INPUT);
    const { url, headers, body } = sent[0]!;
    const { authorization, "x-amz-date": amzDate, ...rest } = headers;
    // fetch adds Host and Content-Length itself; the client signed them with these values.
    const request = new SmithyRequest({
      method: "POST",
      protocol: "http:",
      hostname: "127.0.0.1",
      port: server.port,
      path: new URL(url).pathname,
      headers: { ...rest, host: `127.0.0.1:${server.port}`, "content-length": String(Buffer.byteLength(body)) },
      body,
    });
    const signingDate = new Date(amzDate!.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
    const signer = new SignatureV4({ credentials: TEST_CREDENTIALS, region: "us-east-1", service: "codepipeline", sha256: Sha256, applyChecksum: true });
    const smithy = await signer.sign(request, { signingDate });
    expect(smithy.headers.authorization).toBe(authorization);
  });

  it("may be changed on the way, as a load balancer adds to the trace header, and the call still verifies", async () => {
    received.length = 0;
    const sent: Sent[] = [];
    const balancer = (headers: Record<string, string>) => ({ ...headers, "x-amzn-trace-id": `${headers["x-amzn-trace-id"]};Parent=53995c3f42cd8ad8`, "user-agent": `${headers["user-agent"]} via-proxy` });
    const output = await putThirdPartyJobSuccessResult(clientOf(sent, balancer), INPUT);
    expect(output.$metadata.attempts).toBe(1);
    expect(received[0]!["x-amzn-trace-id"]).toBe(`${TRACE};Parent=53995c3f42cd8ad8`);
    expect(received[1]).toEqual({ caller: TEST_CREDENTIALS.accessKeyId });
  });
});
