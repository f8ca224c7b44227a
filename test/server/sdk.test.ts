// The server stub proven against clients no one here wrote (the official AWS SDK) and
// against our generated client, with and without SigV4 verification.
import {
  CodePipelineClient as SdkClient,
  InvalidClientTokenException as SdkInvalidClientToken,
  InvalidJobStateException as SdkInvalidJobState,
  JobNotFoundException as SdkJobNotFound,
  PutThirdPartyJobSuccessResultCommand,
  ValidationException as SdkValidation,
} from "@aws-sdk/client-codepipeline";
import * as ours from "@codepipeline-partner/client";
import { createCodePipelineServiceHandler, listen, type CodePipelineService, type RunningServer } from "@codepipeline-partner/server";
import { createReferenceService, JobStore } from "@codepipeline-partner/server/reference";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TEST_CREDENTIALS } from "../support/sdk.js";

let store: JobStore;
let open: RunningServer;
let signed: RunningServer;

const JOBS = () =>
  JobStore.fromJson([
    { id: "job-in-progress", clientToken: "token-1", status: "InProgress" },
    { id: "job-queued", clientToken: "token-2", status: "Queued" },
  ]);

beforeAll(async () => {
  // The service reads the store through this indirection, so each test can start afresh.
  const reference = () => createReferenceService(store);
  const service: CodePipelineService = {
    pollForThirdPartyJobs: (input, context) => reference().pollForThirdPartyJobs(input, context),
    getThirdPartyJobDetails: (input, context) => reference().getThirdPartyJobDetails(input, context),
    acknowledgeThirdPartyJob: (input, context) => reference().acknowledgeThirdPartyJob(input, context),
    putThirdPartyJobSuccessResult: (input, context) => reference().putThirdPartyJobSuccessResult(input, context),
    putThirdPartyJobFailureResult: (input, context) => reference().putThirdPartyJobFailureResult(input, context),
  };
  open = await listen(createCodePipelineServiceHandler(service));
  signed = await listen(
    createCodePipelineServiceHandler(service, {
      authenticate: { secretFor: (id) => (id === TEST_CREDENTIALS.accessKeyId ? TEST_CREDENTIALS.secretAccessKey : undefined) },
    }),
  );
});
beforeEach(() => {
  store = JOBS();
});
afterAll(async () => {
  await open.close();
  await signed.close();
});

const sdk = (server: RunningServer, credentials = TEST_CREDENTIALS) => new SdkClient({ endpoint: server.url, region: "us-east-1", credentials, maxAttempts: 1 });
const client = (server: RunningServer, credentials = TEST_CREDENTIALS) => new ours.CodePipelineClient({ endpoint: server.url, region: "us-east-1", credentials, maxAttempts: 1 });
const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail("the call should have failed"), (error: unknown) => error);

describe("@aws-sdk/client-codepipeline against the stub", () => {
  it.each([["without", () => open], ["with SigV4 verification", () => signed]] as const)("%s authentication: success moves the job to Succeeded", async (_, server) => {
    const output = await sdk(server()).send(
      new PutThirdPartyJobSuccessResultCommand({
        jobId: "job-in-progress",
        clientToken: "token-1",
        currentRevision: { revision: "r1", changeIdentifier: "c1", created: new Date(1_700_000_000_123) },
        executionDetails: { summary: "done", percentComplete: 100 },
      }),
    );
    expect(output.$metadata.httpStatusCode).toBe(200);
    expect(output.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(store.get("job-in-progress")).toMatchObject({
      status: "Succeeded",
      result: { currentRevision: { revision: "r1", changeIdentifier: "c1", created: new Date(1_700_000_000_123) }, executionDetails: { summary: "done", percentComplete: 100 } },
    });
  });

  it.each([
    ["JobNotFoundException", SdkJobNotFound, { jobId: "no-such-job", clientToken: "token-1" }, "No job with ID no-such-job exists."],
    ["InvalidClientTokenException", SdkInvalidClientToken, { jobId: "job-in-progress", clientToken: "wrong" }, "The client token is not the one issued for job job-in-progress."],
    ["InvalidJobStateException", SdkInvalidJobState, { jobId: "job-queued", clientToken: "token-2" }, "Job job-queued is Queued; only an InProgress job can succeed."],
    ["ValidationException", SdkValidation, { jobId: "", clientToken: "token-1" }, "1 validation error detected: Value '' at 'jobId' failed to satisfy constraint: Member must have length greater than or equal to 1"],
  ] as const)("%s arrives as the SDK's own class, with our message", async (name, ErrorClass, input, message) => {
    const error = await failure(sdk(signed).send(new PutThirdPartyJobSuccessResultCommand(input)));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ name, message, $fault: "client", $metadata: { httpStatusCode: 400 } });
  });

  it("a value of the wrong type arrives as SerializationException", async () => {
    const input = { jobId: "job-in-progress", clientToken: "token-1", executionDetails: { percentComplete: "most" } } as never;
    const error = await failure(sdk(open).send(new PutThirdPartyJobSuccessResultCommand(input)));
    expect(error).toMatchObject({ name: "SerializationException", message: "Expected a 32-bit integer at 'executionDetails.percentComplete', but found a string.", $metadata: { httpStatusCode: 400 } });
  });

  it("a wrong secret is refused with InvalidSignatureException, an unknown key with UnrecognizedClientException", async () => {
    const wrongSecret = await failure(sdk(signed, { ...TEST_CREDENTIALS, secretAccessKey: "not-the-secret" }).send(new PutThirdPartyJobSuccessResultCommand({ jobId: "job-in-progress", clientToken: "token-1" })));
    expect(wrongSecret).toMatchObject({ name: "InvalidSignatureException", $metadata: { httpStatusCode: 403 } });
    const unknown = await failure(sdk(signed, { accessKeyId: "AKIAUNKNOWN", secretAccessKey: "x" }).send(new PutThirdPartyJobSuccessResultCommand({ jobId: "job-in-progress", clientToken: "token-1" })));
    expect(unknown).toMatchObject({ name: "UnrecognizedClientException", $metadata: { httpStatusCode: 403 } });
    expect(store.get("job-in-progress")!.status).toBe("InProgress");
  });
});

describe("our generated client against the stub", () => {
  it("succeeds, signed, and the server verifies it", async () => {
    await client(signed).putThirdPartyJobSuccessResult({ jobId: "job-in-progress", clientToken: "token-1", continuationToken: "deploy-1" });
    expect(store.get("job-in-progress")).toMatchObject({ status: "Succeeded", result: { continuationToken: "deploy-1" } });
  });

  it.each([
    ["JobNotFoundException", ours.JobNotFoundException, { jobId: "no-such-job", clientToken: "token-1" }],
    ["InvalidClientTokenException", ours.InvalidClientTokenException, { jobId: "job-in-progress", clientToken: "wrong" }],
    ["InvalidJobStateException", ours.InvalidJobStateException, { jobId: "job-queued", clientToken: "token-2" }],
    ["ValidationException", ours.ValidationException, { jobId: "x".repeat(513), clientToken: "token-1" }],
  ] as const)("%s arrives as our class", async (name, ErrorClass, input) => {
    const error = await failure(client(signed).putThirdPartyJobSuccessResult(input));
    expect(error).toBeInstanceOf(ErrorClass);
    expect((error as Error).name).toBe(name);
  });

  it("a wrong secret is refused", async () => {
    const error = await failure(client(signed, { ...TEST_CREDENTIALS, secretAccessKey: "wrong" }).putThirdPartyJobSuccessResult({ jobId: "job-in-progress", clientToken: "token-1" }));
    expect(error).toBeInstanceOf(ours.ServiceException);
    expect(error).toMatchObject({ name: "InvalidSignatureException", $fault: "client", $metadata: { httpStatusCode: 403 } });
  });

  it("session tokens are signed and verified", async () => {
    await client(signed, { ...TEST_CREDENTIALS, sessionToken: "a-session-token" } as never).putThirdPartyJobSuccessResult({ jobId: "job-in-progress", clientToken: "token-1" });
    expect(store.get("job-in-progress")!.status).toBe("Succeeded");
  });
});
