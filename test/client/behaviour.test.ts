// The client against a real HTTP server on 127.0.0.1: success, every modeled error,
// unknown and malformed errors, retries, timeouts, aborts and a refused connection.
import {
  CodePipelineClient,
  createCodePipelineClient,
  inputValidators,
  putThirdPartyJobSuccessResult,
  putThirdPartyJobSuccessResultOperation,
  InputValidationError,
  InvalidClientTokenException,
  InvalidJobStateException,
  JobNotFoundException,
  RequestError,
  ServiceException,
  ValidationException,
} from "@codepipeline-partner/client";
import { createServer } from "node:net";
import { invoke } from "../../packages/client/src/runtime/client.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reply, scriptedServer, type ScriptedServer } from "../support/http-server.js";
import { TEST_CREDENTIALS } from "../support/sdk.js";

let server: ScriptedServer;
const INPUT = { jobId: "job-1", clientToken: "token-1" };

beforeAll(async () => {
  server = await scriptedServer();
});
afterAll(() => server.close());

const client = (config: ConstructorParameters<typeof CodePipelineClient>[0] = {}) =>
  new CodePipelineClient({ endpoint: server.url, region: "us-east-1", credentials: TEST_CREDENTIALS, retryBaseDelayMs: 1, ...config });

const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail("the call should have failed"), (error: unknown) => error);

describe("success", () => {
  it.each([
    ["an empty body", undefined],
    ["{}", {}],
  ])("200 with %s resolves with the response metadata", async (_, body) => {
    server.script(reply(200, body));
    const output = await client().putThirdPartyJobSuccessResult(INPUT);
    expect(output.$metadata).toEqual({ httpStatusCode: 200, requestId: "req-200", attempts: 1, totalRetryDelay: 0 });
    const [request] = server.received;
    expect(request).toMatchObject({ method: "POST", url: "/", body: '{"jobId":"job-1","clientToken":"token-1"}' });
    expect(request!.headers).toMatchObject({
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "CodePipeline_20150709.PutThirdPartyJobSuccessResult",
      host: server.url.replace("http://", ""),
    });
    expect(request!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/codepipeline\/aws4_request, SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target;x-amz-user-agent, Signature=[0-9a-f]{64}$/);
  });
});

describe("modeled errors", () => {
  it.each([
    ["InvalidClientTokenException", InvalidClientTokenException],
    ["InvalidJobStateException", InvalidJobStateException],
    ["JobNotFoundException", JobNotFoundException],
    ["ValidationException", ValidationException],
  ] as const)("%s becomes its class, not retried", async (name, ErrorClass) => {
    server.script(reply(400, { __type: name, message: `about ${name}` }));
    const error = await failure(client().putThirdPartyJobSuccessResult(INPUT));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ServiceException);
    expect(error).toMatchObject({ name, message: `about ${name}`, $fault: "client", $metadata: { httpStatusCode: 400, requestId: "req-400", attempts: 1 } });
    expect(server.received).toHaveLength(1);
  });

  it.each([
    ["the X-Amzn-Errortype header wins over the body", { code: "Other", __type: "Other" }, { "x-amzn-errortype": "JobNotFoundException:http://internal.amazon.com/coral/com.amazonaws.codepipeline/" }],
    ["the body's code wins over __type", { code: "JobNotFoundException", __type: "Other" }, {}],
    ["a namespace prefix is dropped", { __type: "com.amazonaws.codepipeline#JobNotFoundException" }, {}],
    ["a namespace and a URI suffix are dropped", { __type: "com.amazonaws.codepipeline#JobNotFoundException:http://internal.amazon.com/x" }, {}],
  ])("%s", async (_, body, headers) => {
    server.script(reply(400, body, headers));
    expect(await failure(client().putThirdPartyJobSuccessResult(INPUT))).toBeInstanceOf(JobNotFoundException);
  });
});

describe("other errors", () => {
  it("an unknown error code comes back as ServiceException carrying the code", async () => {
    server.script(reply(400, { __type: "SomethingNewException", message: "new" }));
    const error = await failure(client().putThirdPartyJobSuccessResult(INPUT));
    expect(error).toBeInstanceOf(ServiceException);
    expect(error).toMatchObject({ name: "SomethingNewException", message: "new", $fault: "client" });
  });

  it.each([
    ["an empty body", "", "HTTP 400 with an empty body"],
    ["a body that is not JSON", "<html>Bad Gateway</html>", 'HTTP 400 with a body that is not JSON: "<html>Bad Gateway</html>"'],
    ["JSON without an error type", { message: "?" }, "HTTP 400 with no error type"],
  ])("400 with %s still gives a clear error", async (_, body, message) => {
    server.script(reply(400, body));
    const error = await failure(client().putThirdPartyJobSuccessResult(INPUT));
    expect(error).toMatchObject({ name: "UnknownError", message, $fault: "client", $metadata: { httpStatusCode: 400 } });
  });
});

describe("retries", () => {
  it("503 then 200: retried, and the second attempt succeeds", async () => {
    server.script(reply(503, { __type: "ServiceUnavailableException" }), reply(200));
    const output = await client().putThirdPartyJobSuccessResult(INPUT);
    expect(output.$metadata.attempts).toBe(2);
    expect(server.received.map((request) => request.headers["amz-sdk-request"])).toEqual(["attempt=1; max=3", "attempt=2; max=3"]);
    // One invocation ID across attempts, each attempt signed anew.
    expect(new Set(server.received.map((request) => request.headers["amz-sdk-invocation-id"])).size).toBe(1);
  });

  it("throttling is retried", async () => {
    server.script(reply(400, { __type: "ThrottlingException" }), reply(200));
    expect((await client({ retryBaseDelayMs: 1, maxRetryDelayMs: 5 }).putThirdPartyJobSuccessResult(INPUT)).$metadata.attempts).toBe(2);
  });

  it("gives up after maxAttempts, with the last error", async () => {
    server.script(reply(500, { __type: "InternalFailure", message: "down" }));
    const error = await failure(client({ maxAttempts: 3 }).putThirdPartyJobSuccessResult(INPUT));
    expect(error).toMatchObject({ name: "InternalFailure", $fault: "server", $metadata: { attempts: 3, httpStatusCode: 500 } });
    expect(server.received).toHaveLength(3);
  });

  it("a 501 is an answer, not an outage: not retried", async () => {
    server.script(reply(501, { __type: "NotImplementedException" }), reply(200));
    await failure(client().putThirdPartyJobSuccessResult(INPUT));
    expect(server.received).toHaveLength(1);
  });

  it("an empty X-Amzn-Errortype header falls back to the body", async () => {
    server.script(reply(400, { __type: "JobNotFoundException" }, { "x-amzn-errortype": "" }));
    expect(await failure(client().putThirdPartyJobSuccessResult(INPUT))).toBeInstanceOf(JobNotFoundException);
  });

  it("a 2xx answer that cannot be read is a ProtocolError, never a reason to send the call again", async () => {
    server.script(reply(200, "null"));
    const op = { ...putThirdPartyJobSuccessResultOperation, deserialize: (wire: unknown) => ({ value: (wire as { x: string }).x }) };
    const error = await failure(invoke(createCodePipelineClient({ endpoint: server.url, credentials: TEST_CREDENTIALS }), op as never, INPUT));
    expect(error).toMatchObject({ name: "ProtocolError" });
    expect(server.received).toHaveLength(1);
  });

  it("a 400 is never retried", async () => {
    server.script(reply(400, { __type: "ValidationException", message: "bad" }), reply(200));
    await failure(client().putThirdPartyJobSuccessResult(INPUT));
    expect(server.received).toHaveLength(1);
  });
});

describe("time limits and cancellation", () => {
  it("a slow server is cut off by the per-attempt timeout", async () => {
    server.script((_, response) => void setTimeout(() => response.writeHead(200).end(), 2_000));
    const started = Date.now();
    const error = await failure(client({ requestTimeoutMs: 100, maxAttempts: 2 }).putThirdPartyJobSuccessResult(INPUT));
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ name: "TimeoutError", $metadata: { attempts: 2 } });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("an aborted call rejects with the abort reason and is not retried", async () => {
    server.script((_, response) => void setTimeout(() => response.writeHead(200).end(), 2_000));
    const controller = new AbortController();
    const call = client().putThirdPartyJobSuccessResult(INPUT, { abortSignal: controller.signal });
    setTimeout(() => controller.abort(new Error("user gave up")), 50);
    const error = await failure(call);
    expect(error).toEqual(new Error("user gave up"));
    expect(server.received).toHaveLength(1);
  });

  it("an abort while credentials are being fetched sends nothing", async () => {
    server.script(reply(200));
    const controller = new AbortController();
    const slowCredentials = async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return TEST_CREDENTIALS;
    };
    const call = client({ credentials: slowCredentials }).putThirdPartyJobSuccessResult(INPUT, { abortSignal: controller.signal });
    setTimeout(() => controller.abort(new Error("stop")), 10);
    expect(await failure(call)).toEqual(new Error("stop"));
    expect(server.received).toHaveLength(0);
  });

  it("an already aborted signal sends nothing", async () => {
    server.script(reply(200));
    const error = await failure(client().putThirdPartyJobSuccessResult(INPUT, { abortSignal: AbortSignal.abort() }));
    expect((error as Error).name).toBe("AbortError");
    expect(server.received).toHaveLength(0);
  });

  it("a refused connection is a NetworkError, retried, then reported", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const error = await failure(client({ endpoint: `http://127.0.0.1:${port}` }).putThirdPartyJobSuccessResult(INPUT));
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ name: "NetworkError", $metadata: { attempts: 3 } });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });
});

describe("configuration", () => {
  it("does not enforce constraints by default: the service does", async () => {
    server.script(reply(200));
    await client().putThirdPartyJobSuccessResult({ jobId: "", clientToken: "t" });
    expect(server.received).toHaveLength(1);
  });

  it("validateInput: true checks the input first and sends nothing when it breaks a constraint", async () => {
    server.script(reply(200));
    const error = await failure(client({ validateInput: true }).putThirdPartyJobSuccessResult({ jobId: "", clientToken: "t" }));
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as Error).message).toBe("1 validation error detected: Value '' at 'jobId' failed to satisfy constraint: Member must have length greater than or equal to 1");
    expect(server.received).toHaveLength(0);
  });

  it("the standalone functions take the validators themselves (validateInput: inputValidators); true is refused, saying so", async () => {
    server.script(reply(200));
    const config = { endpoint: server.url, region: "us-east-1", credentials: TEST_CREDENTIALS };
    const error = await failure(putThirdPartyJobSuccessResult(createCodePipelineClient({ ...config, validateInput: inputValidators }), { jobId: "", clientToken: "t" }));
    expect(error).toBeInstanceOf(InputValidationError);
    expect(server.received).toHaveLength(0);
    expect(() => createCodePipelineClient({ ...config, validateInput: true })).toThrow(/^validateInput takes the validators here: pass `validateInput: inputValidators`/);
  });

  it("credentials come from a provider function, such as @aws-sdk/credential-providers gives", async () => {
    server.script(reply(200));
    let calls = 0;
    const provider = async () => {
      calls++;
      return { accessKeyId: "ASIAPROVIDED", secretAccessKey: "s", sessionToken: "session", expiration: new Date(Date.now() + 3_600_000) };
    };
    const c = client({ credentials: provider });
    await c.putThirdPartyJobSuccessResult(INPUT);
    await c.putThirdPartyJobSuccessResult(INPUT);
    expect(calls).toBe(1);
    expect(server.received[0]!.headers.authorization).toContain("Credential=ASIAPROVIDED/");
    expect(server.received[0]!.headers["x-amz-security-token"]).toBe("session");
  });

  it("a failed refresh keeps using credentials that have not expired yet", async () => {
    server.script(reply(200));
    let calls = 0;
    const provider = async () => {
      if (++calls > 1) throw new Error("metadata service unreachable");
      return { accessKeyId: "ASIAREFRESH", secretAccessKey: "s", expiration: new Date(Date.now() + 60_000) }; // inside the refresh window
    };
    const c = client({ credentials: provider });
    await c.putThirdPartyJobSuccessResult(INPUT);
    await c.putThirdPartyJobSuccessResult(INPUT);
    expect(calls).toBe(2);
    expect(server.received.map((request) => request.headers.authorization)).toEqual([expect.stringContaining("ASIAREFRESH/"), expect.stringContaining("ASIAREFRESH/")]);
  });

  it("credentials come from the environment when none are given", async () => {
    server.script(reply(200));
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: "AKIAFROMENV", AWS_SECRET_ACCESS_KEY: "secret", AWS_SESSION_TOKEN: "envtoken" });
    try {
      await new CodePipelineClient({ endpoint: server.url }).putThirdPartyJobSuccessResult(INPUT);
    } finally {
      process.env = saved;
    }
    expect(server.received[0]!.headers.authorization).toContain("Credential=AKIAFROMENV/");
    expect(server.received[0]!.headers["x-amz-security-token"]).toBe("envtoken");
  });

  it("no credentials anywhere: a clear error, nothing sent", async () => {
    server.script(reply(200));
    const saved = { ...process.env };
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    try {
      const error = await failure(new CodePipelineClient({ endpoint: server.url }).putThirdPartyJobSuccessResult(INPUT));
      expect((error as Error).message).toMatch(/No AWS credentials: pass `credentials`/);
    } finally {
      process.env = saved;
    }
    expect(server.received).toHaveLength(0);
  });

  it("region sets the endpoint; a bad region or endpoint is refused at once", () => {
    expect(new CodePipelineClient({ region: "eu-west-1", credentials: TEST_CREDENTIALS }).client.resolved.url).toBe("https://codepipeline.eu-west-1.amazonaws.com/");
    expect(() => new CodePipelineClient({ region: "eu west 1" })).toThrow(/not a valid AWS Region/);
    expect(() => new CodePipelineClient({})).toThrow(/Give the client a `region`/);
    expect(() => new CodePipelineClient({ endpoint: "ftp://x" })).toThrow(/http or https URL/);
  });
});
