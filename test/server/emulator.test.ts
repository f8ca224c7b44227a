// The emulator (`npm run serve`, createEmulator) driven the way a job worker drives
// CodePipeline: both clients round-trip every operation; the AWS SDK walks the job
// lifecycle through every transition and every modeled error, timeouts on an injected
// clock and continuation tokens included; the admin routes create and show jobs. Every
// answer to the five operations is checked, as it goes out, against the model's generated
// output and error validators.
import {
  AcknowledgeThirdPartyJobCommand,
  ActionTypeNotFoundException,
  CodePipelineClient as SdkClient,
  GetThirdPartyJobDetailsCommand,
  InvalidClientTokenException,
  InvalidJobException,
  InvalidJobStateException,
  InvalidNonceException,
  JobNotFoundException,
  PollForThirdPartyJobsCommand,
  PutThirdPartyJobFailureResultCommand,
  PutThirdPartyJobSuccessResultCommand,
  ValidationException,
  type ActionTypeId,
} from "@aws-sdk/client-codepipeline";
import * as ours from "@codepipeline-partner/client";
import { listen, type HttpRequest, type RunningServer, type ServiceHandler } from "@codepipeline-partner/server";
import { clientIdFor, createEmulator, DEFAULT_ACTION_TYPE, jobIdFor, ManualClock, type Emulator, type JobEntry } from "@codepipeline-partner/server/reference";
import * as validators from "@codepipeline-partner/validators";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { TEST_CREDENTIALS } from "../support/sdk.js";

const BUILD = { category: "Build", owner: "ThirdParty", provider: "AcmeCI", version: "1" } as const satisfies ActionTypeId;
const DEPLOY = { category: "Deploy", owner: "ThirdParty", provider: "AcmeDeploy", version: "2" } as const satisfies ActionTypeId;
const TIMEOUTS = { dispatchMs: 60_000, jobMs: 600_000 };

/** A job that says everything a jobs file can say. */
const FULL_JOB = {
  id: "job-full",
  clientToken: "token-full",
  actionTypeId: BUILD,
  actionConfiguration: { configuration: { ProjectName: "web", Secret: "s3cr3t" } },
  pipelineContext: { pipelineName: "release", stage: { name: "Build" }, action: { name: "Compile", actionExecutionId: "exec-1" } },
  inputArtifacts: [{ name: "Source", revision: "8f4bc9a", location: { type: "S3", s3Location: { bucketName: "artifacts", objectKey: "release/Source/src.zip" } } }],
  outputArtifacts: [{ name: "Built", location: { type: "S3", s3Location: { bucketName: "artifacts", objectKey: "release/Built/out.zip" } } }],
  artifactCredentials: { accessKeyId: "ASIAEXAMPLE", secretAccessKey: "artifact-secret", sessionToken: "artifact-session" },
  encryptionKey: { id: "arn:aws:kms:us-east-1:111122223333:key/abcd", type: "KMS" },
} as const satisfies JobEntry;

/** The ID the emulator gives a job its jobs file names `name`. */
const ID = jobIdFor;

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

const OPERATIONS = ["PollForThirdPartyJobs", "GetThirdPartyJobDetails", "AcknowledgeThirdPartyJob", "PutThirdPartyJobSuccessResult", "PutThirdPartyJobFailureResult"] as const;
/** Answers that broke the model, and what was checked: `<operation> <status> <__type>`. */
const invalidAnswers: string[] = [];
const checkedAnswers = new Set<string>();
afterEach(() => {
  expect(invalidAnswers.splice(0)).toEqual([]);
});
afterAll(() => {
  // The check saw a success of every operation and each modeled error.
  for (const operation of OPERATIONS) expect([...checkedAnswers], operation).toContain(`${operation} 200`);
  for (const error of ["ActionTypeNotFoundException", "InvalidJobException", "InvalidNonceException", "InvalidClientTokenException", "InvalidJobStateException", "JobNotFoundException", "ValidationException"]) {
    expect([...checkedAnswers].some((answer) => answer.endsWith(` 400 ${error}`)), error).toBe(true);
  }
});

/**
 * `service` with each answer to the five operations checked against the generated
 * validators, in its wire form: an output against `validate<Operation>Output` (the two
 * results have none: their output is empty), a modeled error against its own validator.
 */
function checkingAnswers(service: ServiceHandler): ServiceHandler {
  const validator = (name: string) => (validators as unknown as Record<string, ((value: unknown) => validators.ValidationResult) | undefined>)[`validate${name}`];
  const check = async (request: HttpRequest) => {
    const response = await service(request);
    const operation = (request.headers["x-amz-target"] ?? "").split(".")[1] ?? "";
    if (request.path !== "/" || !(OPERATIONS as readonly string[]).includes(operation)) return response;
    const text = typeof response.body === "string" ? response.body : new TextDecoder().decode(response.body);
    const body = (text === "" ? {} : JSON.parse(text)) as Record<string, unknown>;
    const errorName = typeof body.__type === "string" ? body.__type.slice(body.__type.lastIndexOf("#") + 1) : undefined;
    checkedAnswers.add(`${operation} ${response.status}${errorName ? ` ${errorName}` : ""}`);
    if (response.status === 200) {
      const validate = validator(`${operation}Output`);
      if (validate === undefined) {
        if (text !== "" && text.trim() !== "{}") invalidAnswers.push(`${operation}: an empty output expected, got ${text}`);
      } else {
        const result = validate(body);
        if (!result.ok) invalidAnswers.push(`${operation}: ${result.message}`);
      }
    } else if (errorName !== undefined && validator(errorName) !== undefined) {
      const result = validator(errorName)!(body);
      if (!result.ok) invalidAnswers.push(`${operation} ${errorName}: ${result.message}`);
    } else if (response.status < 500) {
      invalidAnswers.push(`${operation}: ${response.status} with an error the model does not have: ${text}`);
    }
    return response;
  };
  return Object.assign(check, { protocol: service.protocol });
}

/** An emulator on a manual clock, listening, with SigV4 verification for the test key. */
async function start(jobs: JobEntry[]): Promise<{ emulator: Emulator; clock: ManualClock; url: string; sdk: SdkClient; client: ours.CodePipelineClient }> {
  const clock = new ManualClock("2026-03-01T12:00:00Z");
  const emulator = createEmulator({ jobs, clock, timeouts: TIMEOUTS });
  const server = await listen(
    checkingAnswers(
      emulator.handler({
        authenticate: { secretFor: (id) => (id === TEST_CREDENTIALS.accessKeyId ? TEST_CREDENTIALS.secretAccessKey : undefined) },
      }),
    ),
  );
  running.push(server);
  const sdk = new SdkClient({ endpoint: server.url, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  const client = new ours.CodePipelineClient({ endpoint: server.url, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  return { emulator, clock, url: server.url, sdk, client };
}

const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail("the call should have failed"), (error: unknown) => error);

describe("both clients round-trip every operation", () => {
  it("@aws-sdk/client-codepipeline: poll, details, acknowledge, success; then a failure", async () => {
    const { sdk, emulator } = await start([FULL_JOB, { id: "job-2", clientToken: "token-2", actionTypeId: BUILD }]);

    const polled = await sdk.send(new PollForThirdPartyJobsCommand({ actionTypeId: BUILD, maxBatchSize: 2 }));
    expect(polled.jobs).toEqual([
      { jobId: ID("job-full"), clientId: clientIdFor("token-full") },
      { jobId: ID("job-2"), clientId: clientIdFor("token-2") },
    ]);

    const { jobDetails } = await sdk.send(new GetThirdPartyJobDetailsCommand({ jobId: "job-full", clientToken: "token-full" }));
    const { id: _, clientToken: __, ...data } = FULL_JOB;
    expect(jobDetails).toEqual({ id: ID("job-full"), data, nonce: expect.stringMatching(/^\d+$/) });

    const acknowledged = await sdk.send(new AcknowledgeThirdPartyJobCommand({ jobId: "job-full", clientToken: "token-full", nonce: jobDetails!.nonce! }));
    expect(acknowledged.status).toBe("InProgress");

    const created = new Date("2026-02-28T09:30:00.250Z");
    await sdk.send(
      new PutThirdPartyJobSuccessResultCommand({
        jobId: "job-full",
        clientToken: "token-full",
        currentRevision: { revision: "8f4bc9a", changeIdentifier: "commit-8f4bc9a", created },
        executionDetails: { summary: "built", externalExecutionId: "build-7", percentComplete: 100 },
      }),
    );
    expect(emulator.job("job-full")).toMatchObject({
      status: "Succeeded",
      result: { currentRevision: { revision: "8f4bc9a", changeIdentifier: "commit-8f4bc9a", created }, executionDetails: { summary: "built", externalExecutionId: "build-7", percentComplete: 100 } },
    });

    const second = await sdk.send(new GetThirdPartyJobDetailsCommand({ jobId: "job-2", clientToken: "token-2" }));
    await sdk.send(new AcknowledgeThirdPartyJobCommand({ jobId: "job-2", clientToken: "token-2", nonce: second.jobDetails!.nonce! }));
    await sdk.send(new PutThirdPartyJobFailureResultCommand({ jobId: "job-2", clientToken: "token-2", failureDetails: { type: "JobFailed", message: "tests failed", externalExecutionId: "build-8" } }));
    expect(emulator.job("job-2")).toMatchObject({ status: "Failed", failure: { type: "JobFailed", message: "tests failed", externalExecutionId: "build-8" } });
  });

  it("our generated client: the same, with its own error classes", async () => {
    const { client, emulator } = await start([FULL_JOB, { id: "job-2", clientToken: "token-2", actionTypeId: BUILD }]);

    const polled = await client.pollForThirdPartyJobs({ actionTypeId: BUILD, maxBatchSize: 5 });
    expect(polled.jobs?.map((job) => job.jobId)).toEqual([ID("job-full"), ID("job-2")]);

    const { jobDetails } = await client.getThirdPartyJobDetails({ jobId: "job-full", clientToken: "token-full" });
    expect(jobDetails?.data).toMatchObject({ actionTypeId: BUILD, artifactCredentials: FULL_JOB.artifactCredentials, encryptionKey: FULL_JOB.encryptionKey });
    expect(await client.acknowledgeThirdPartyJob({ jobId: "job-full", clientToken: "token-full", nonce: jobDetails!.nonce! })).toMatchObject({ status: "InProgress" });
    await client.putThirdPartyJobSuccessResult({ jobId: "job-full", clientToken: "token-full", executionDetails: { summary: "ok" } });
    expect(emulator.job("job-full")?.status).toBe("Succeeded");

    const second = await client.getThirdPartyJobDetails({ jobId: "job-2", clientToken: "token-2" });
    await client.acknowledgeThirdPartyJob({ jobId: "job-2", clientToken: "token-2", nonce: second.jobDetails!.nonce! });
    await client.putThirdPartyJobFailureResult({ jobId: "job-2", clientToken: "token-2", failureDetails: { type: "ConfigurationError", message: "no such project" } });
    expect(emulator.job("job-2")?.status).toBe("Failed");

    expect(await failure(client.pollForThirdPartyJobs({ actionTypeId: { ...BUILD, provider: "Nobody" } }))).toBeInstanceOf(ours.ActionTypeNotFoundException);
    expect(await failure(client.getThirdPartyJobDetails({ jobId: "job-2", clientToken: "token-2" }))).toBeInstanceOf(ours.InvalidJobException);
    expect(await failure(client.acknowledgeThirdPartyJob({ jobId: "job-2", clientToken: "token-2", nonce: "1" }))).toBeInstanceOf(ours.InvalidNonceException);
    expect(await failure(client.putThirdPartyJobSuccessResult({ jobId: "job-2", clientToken: "token-2" }))).toBeInstanceOf(ours.InvalidJobStateException);
    expect(await failure(client.putThirdPartyJobFailureResult({ jobId: "job-2", clientToken: "wrong", failureDetails: { type: "JobFailed", message: "x" } }))).toBeInstanceOf(ours.InvalidClientTokenException);
    expect(await failure(client.acknowledgeThirdPartyJob({ jobId: "nope", clientToken: "t", nonce: "1" }))).toBeInstanceOf(ours.JobNotFoundException);
    expect(await failure(client.pollForThirdPartyJobs({ actionTypeId: BUILD, maxBatchSize: 0 }))).toBeInstanceOf(ours.ValidationException);
  });
});

describe("the job lifecycle, driven by the AWS SDK", () => {
  it("a jobs file's ID that is not a lowercase UUID names the job: its ID is a UUID derived from the name, and both find it", async () => {
    const UUID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    const UPPER = "0F8FAD5B-D9CB-469F-A165-70867728950F";
    const { sdk, emulator } = await start([
      { id: "job-1", clientToken: "t", actionTypeId: BUILD },
      { id: UUID, clientToken: "t", actionTypeId: BUILD },
      { id: UPPER, clientToken: "t", actionTypeId: BUILD },
    ]);
    // A UUID (version 8: derived, not random), the same on every run, one per name.
    expect(ID("job-1")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ID("job-1")).toBe(jobIdFor("job-1"));
    expect(ID("job-2")).not.toBe(ID("job-1"));

    const polled = await sdk.send(new PollForThirdPartyJobsCommand({ actionTypeId: BUILD, maxBatchSize: 3 }));
    expect(polled.jobs?.map((job) => job.jobId)).toEqual([ID("job-1"), UUID, ID(UPPER)]);
    expect(emulator.jobs().map((job) => [job.id, job.label])).toEqual([
      [ID("job-1"), "job-1"],
      [UUID, undefined],
      [ID(UPPER), UPPER],
    ]);
    // The operations take the ID, or the name a script knows the job by; the answer carries the ID.
    for (const jobId of [ID("job-1"), "job-1"]) {
      expect((await sdk.send(new GetThirdPartyJobDetailsCommand({ jobId, clientToken: "t" }))).jobDetails?.id).toBe(ID("job-1"));
    }
    expect(emulator.job("job-1")).toEqual(emulator.job(ID("job-1")));
    // A name and the ID it stands for are one job.
    expect(() => createEmulator({ jobs: [{ id: "job-1", clientToken: "t" }, { id: ID("job-1"), clientToken: "t" }] })).toThrow(
      `the jobs option: jobs "job-1" and "${ID("job-1")}" are one job (${ID("job-1")}).`,
    );
    expect(() => emulator.createJob({ id: ID("job-1"), clientToken: "t" })).toThrow(`the job list: job "${ID("job-1")}" already exists.`);
  });

  it("PollForThirdPartyJobs hands out Created and Queued jobs of the action type asked for, oldest first, up to maxBatchSize (default 1)", async () => {
    const { sdk, emulator } = await start([
      { id: "b1", clientToken: "t", actionTypeId: BUILD },
      { id: "d1", clientToken: "t", actionTypeId: DEPLOY },
      { id: "b2", clientToken: "t", actionTypeId: BUILD, status: "Created" },
      { id: "b3", clientToken: "t", actionTypeId: BUILD },
      { id: "b-done", clientToken: "t", actionTypeId: BUILD, status: "Succeeded" },
    ]);
    const poll = async (actionTypeId: ActionTypeId, maxBatchSize?: number) =>
      (await sdk.send(new PollForThirdPartyJobsCommand({ actionTypeId, ...(maxBatchSize ? { maxBatchSize } : {}) }))).jobs?.map((job) => job.jobId);

    expect(await poll(BUILD, 2)).toEqual([ID("b1"), ID("b2")]);
    expect(await poll(BUILD)).toEqual([ID("b3")]);
    expect(await poll(BUILD, 10)).toEqual([]);
    expect(await poll(DEPLOY, 10)).toEqual([ID("d1")]);
    expect(emulator.jobs().map((job) => [job.label, job.status])).toEqual([
      ["b1", "Dispatched"],
      ["d1", "Dispatched"],
      ["b2", "Dispatched"],
      ["b3", "Dispatched"],
      ["b-done", "Succeeded"],
    ]);
    const nonces = emulator.jobs().flatMap((job) => (job.status === "Dispatched" ? [job.nonce] : []));
    expect(new Set(nonces).size).toBe(4); // a fresh one each
  });

  it("ActionTypeNotFoundException for an action type the emulator does not know; ValidationException for a bad input", async () => {
    const { sdk } = await start([{ id: "b1", clientToken: "t", actionTypeId: BUILD }]);
    const unknown = await failure(sdk.send(new PollForThirdPartyJobsCommand({ actionTypeId: { ...BUILD, version: "2" } })));
    expect(unknown).toBeInstanceOf(ActionTypeNotFoundException);
    expect(unknown).toMatchObject({ message: "Action type Build/ThirdParty/AcmeCI/2 does not exist.", $metadata: { httpStatusCode: 400 } });
    // A job of the legacy kind (no action type) is of the default type, which is known.
    const legacy = await start([{ id: "old", clientToken: "t", status: "Queued" }]);
    expect((await legacy.sdk.send(new PollForThirdPartyJobsCommand({ actionTypeId: DEFAULT_ACTION_TYPE as ActionTypeId }))).jobs).toEqual([{ jobId: ID("old"), clientId: clientIdFor("t") }]);

    const invalid = await failure(sdk.send(new PollForThirdPartyJobsCommand({ actionTypeId: BUILD, maxBatchSize: 0 })));
    expect(invalid).toBeInstanceOf(ValidationException);
    expect(invalid).toMatchObject({ message: "1 validation error detected: Value 0 at 'maxBatchSize' failed to satisfy constraint: Member must have value greater than or equal to 1" });
  });

  it("GetThirdPartyJobDetails answers for a Dispatched or InProgress job, to its client token only", async () => {
    const { sdk } = await start([FULL_JOB, { id: "queued", clientToken: "t", actionTypeId: DEPLOY }]);
    await sdk.send(new PollForThirdPartyJobsCommand({ actionTypeId: BUILD }));
    const details = (clientToken = "token-full", jobId = "job-full") => sdk.send(new GetThirdPartyJobDetailsCommand({ jobId, clientToken }));

    const first = await details();
    expect((await details()).jobDetails?.nonce).toBe(first.jobDetails?.nonce); // reading again is harmless
    expect(await failure(details("token-other"))).toBeInstanceOf(InvalidClientTokenException);
    expect(await failure(details("t", "no-such-job"))).toMatchObject({ name: "JobNotFoundException", message: "No job with ID no-such-job exists." });
    const queued = await failure(details("t", "queued"));
    expect(queued).toBeInstanceOf(InvalidJobException);
    expect(queued).toMatchObject({ message: "Job queued is Queued: it has not been handed to a job worker." });

    await sdk.send(new AcknowledgeThirdPartyJobCommand({ jobId: "job-full", clientToken: "token-full", nonce: first.jobDetails!.nonce! }));
    expect((await details()).jobDetails?.nonce).toBe(first.jobDetails?.nonce);
    await sdk.send(new PutThirdPartyJobSuccessResultCommand({ jobId: "job-full", clientToken: "token-full" }));
    expect(await failure(details())).toMatchObject({ name: "InvalidJobException", message: "Job job-full is Succeeded: its details are given only while it is Dispatched or InProgress." });
    expect(await failure(sdk.send(new GetThirdPartyJobDetailsCommand({ jobId: "", clientToken: "t" })))).toBeInstanceOf(ValidationException);
  });

  it("AcknowledgeThirdPartyJob takes a Dispatched job InProgress with its nonce; again, it only reports the status", async () => {
    const { sdk, emulator } = await start([
      { id: "j", clientToken: "t", actionTypeId: BUILD },
      { id: "waiting", clientToken: "t", actionTypeId: DEPLOY },
    ]);
    await sdk.send(new PollForThirdPartyJobsCommand({ actionTypeId: BUILD }));
    const nonce = (await sdk.send(new GetThirdPartyJobDetailsCommand({ jobId: "j", clientToken: "t" }))).jobDetails!.nonce!;
    const acknowledge = (input: { jobId?: string; clientToken?: string; nonce?: string }) => sdk.send(new AcknowledgeThirdPartyJobCommand({ jobId: "j", clientToken: "t", nonce, ...input }));

    const wrongNonce = await failure(acknowledge({ nonce: "12345" }));
    expect(wrongNonce).toBeInstanceOf(InvalidNonceException);
    expect(wrongNonce).toMatchObject({ message: "The nonce is not the one issued for job j." });
    expect(await failure(acknowledge({ jobId: "waiting" }))).toMatchObject({ name: "InvalidNonceException", message: "Job waiting is Queued: it has not been dispatched, so it has no nonce yet." });
    expect(await failure(acknowledge({ clientToken: "not-t" }))).toBeInstanceOf(InvalidClientTokenException);
    expect(await failure(acknowledge({ jobId: "gone" }))).toBeInstanceOf(JobNotFoundException);
    expect(await failure(acknowledge({ nonce: "x".repeat(51) }))).toBeInstanceOf(ValidationException);
    expect(emulator.job("j")?.status).toBe("Dispatched");

    expect((await acknowledge({})).status).toBe("InProgress");
    expect((await acknowledge({})).status).toBe("InProgress"); // a retry changes nothing
    expect(emulator.job("j")?.history?.map((event) => event.status)).toEqual(["Queued", "Dispatched", "InProgress"]);
  });

  it("results: an InProgress job succeeds or fails once; any other state is InvalidJobStateException", async () => {
    const { sdk, emulator } = await start([
      { id: "ok", clientToken: "t", actionTypeId: BUILD },
      { id: "bad", clientToken: "t", actionTypeId: BUILD },
      { id: "queued", clientToken: "t", actionTypeId: DEPLOY },
    ]);
    await sdk.send(new PollForThirdPartyJobsCommand({ actionTypeId: BUILD, maxBatchSize: 2 }));
    const succeed = (jobId: string, clientToken = "t") => sdk.send(new PutThirdPartyJobSuccessResultCommand({ jobId, clientToken }));
    const fail = (jobId: string, clientToken = "t") => sdk.send(new PutThirdPartyJobFailureResultCommand({ jobId, clientToken, failureDetails: { type: "SystemUnavailable", message: "down" } }));

    expect(await failure(succeed("ok"))).toMatchObject({ name: "InvalidJobStateException", message: "Job ok is Dispatched; only an InProgress job can succeed." });
    expect(await failure(fail("queued"))).toMatchObject({ name: "InvalidJobStateException", message: "Job queued is Queued; only an InProgress job can fail." });
    for (const jobId of ["ok", "bad"]) {
      const { nonce } = (await sdk.send(new GetThirdPartyJobDetailsCommand({ jobId, clientToken: "t" }))).jobDetails!;
      await sdk.send(new AcknowledgeThirdPartyJobCommand({ jobId, clientToken: "t", nonce: nonce! }));
    }
    expect(await failure(succeed("ok", "wrong"))).toBeInstanceOf(InvalidClientTokenException);
    expect(await failure(fail("missing"))).toBeInstanceOf(JobNotFoundException);

    await succeed("ok");
    await fail("bad");
    expect(await failure(succeed("ok"))).toBeInstanceOf(InvalidJobStateException);
    expect(await failure(fail("ok"))).toMatchObject({ name: "InvalidJobStateException", message: "Job ok is Succeeded; only an InProgress job can fail." });
    expect(await failure(succeed("bad"))).toMatchObject({ name: "InvalidJobStateException", message: "Job bad is Failed; only an InProgress job can succeed." });
    expect(emulator.job("bad")).toMatchObject({ status: "Failed", failure: { type: "SystemUnavailable", message: "down" } });
    // Acknowledging a finished job tells the worker so, without an error.
    const { nonce } = emulator.job("ok")!;
    expect((await sdk.send(new AcknowledgeThirdPartyJobCommand({ jobId: "ok", clientToken: "t", nonce: nonce! }))).status).toBe("Succeeded");
  });

  it("a success with a continuation token queues the next job of the same action, carrying the token", async () => {
    const { sdk, emulator } = await start([FULL_JOB]);
    const runOnce = async (continuationToken?: string) => {
      const [job] = (await sdk.send(new PollForThirdPartyJobsCommand({ actionTypeId: BUILD }))).jobs!;
      const { jobDetails } = await sdk.send(new GetThirdPartyJobDetailsCommand({ jobId: job!.jobId!, clientToken: "token-full" }));
      await sdk.send(new AcknowledgeThirdPartyJobCommand({ jobId: job!.jobId!, clientToken: "token-full", nonce: jobDetails!.nonce! }));
      await sdk.send(new PutThirdPartyJobSuccessResultCommand({ jobId: job!.jobId!, clientToken: "token-full", ...(continuationToken ? { continuationToken } : {}) }));
      return { job: job!, jobDetails: jobDetails! };
    };

    const first = await runOnce("deployment-42");
    expect(first.jobDetails.data?.continuationToken).toBeUndefined();
    const afterFirst = emulator.jobs();
    expect(afterFirst).toHaveLength(2);
    const [done, next] = afterFirst;
    expect(done).toMatchObject({ id: ID("job-full"), label: "job-full", status: "Succeeded", result: { continuationToken: "deployment-42" }, nextJobId: next!.id });
    expect(next).toMatchObject({ status: "Queued", previousJobId: ID("job-full"), clientToken: "token-full", clientId: done!.clientId, continuationToken: "deployment-42" });
    expect(next!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const second = await runOnce("deployment-42, step 2");
    expect(second.job).toEqual({ jobId: next!.id, clientId: done!.clientId });
    const { id: _, clientToken: __, ...data } = FULL_JOB;
    expect(second.jobDetails.data).toEqual({ ...data, continuationToken: "deployment-42" }); // the same action, the worker's token

    const third = await runOnce(); // no token: the action is complete
    expect(third.jobDetails.data?.continuationToken).toBe("deployment-42, step 2");
    const chain = emulator.jobs();
    expect(chain.map((job) => [job.status, job.continuationToken, job.previousJobId])).toEqual([
      ["Succeeded", undefined, undefined],
      ["Succeeded", "deployment-42", ID("job-full")],
      ["Succeeded", "deployment-42, step 2", next!.id],
    ]);
    expect(chain[2]!.nextJobId).toBeUndefined();
  });

  it("a Dispatched job not acknowledged in time, and an InProgress job not finished in time, are TimedOut", async () => {
    const { sdk, emulator, clock } = await start([
      { id: "slow-ack", clientToken: "t", actionTypeId: BUILD },
      { id: "slow-run", clientToken: "t", actionTypeId: BUILD },
    ]);
    await sdk.send(new PollForThirdPartyJobsCommand({ actionTypeId: BUILD, maxBatchSize: 2 }));
    const nonceOf = async (jobId: string) => (await sdk.send(new GetThirdPartyJobDetailsCommand({ jobId, clientToken: "t" }))).jobDetails!.nonce!;
    const slowAckNonce = await nonceOf("slow-ack");
    const slowRunNonce = await nonceOf("slow-run");

    clock.advance(TIMEOUTS.dispatchMs - 1);
    await sdk.send(new AcknowledgeThirdPartyJobCommand({ jobId: "slow-run", clientToken: "t", nonce: slowRunNonce }));
    expect(emulator.job("slow-ack")).toMatchObject({ status: "Dispatched", timesOutAt: "2026-03-01T12:01:00.000Z" });
    clock.advance(1);
    expect(emulator.job("slow-ack")).toMatchObject({ status: "TimedOut", history: expect.arrayContaining([{ at: "2026-03-01T12:01:00.000Z", status: "TimedOut", event: "timed out: not acknowledged by 2026-03-01T12:01:00.000Z" }]) });
    expect(emulator.job("slow-ack")?.timesOutAt).toBeUndefined();
    // Too late: acknowledging says TimedOut, the details are gone, a result is refused.
    expect((await sdk.send(new AcknowledgeThirdPartyJobCommand({ jobId: "slow-ack", clientToken: "t", nonce: slowAckNonce }))).status).toBe("TimedOut");
    expect(await failure(sdk.send(new GetThirdPartyJobDetailsCommand({ jobId: "slow-ack", clientToken: "t" })))).toBeInstanceOf(InvalidJobException);
    expect(await failure(sdk.send(new PutThirdPartyJobSuccessResultCommand({ jobId: "slow-ack", clientToken: "t" })))).toMatchObject({
      name: "InvalidJobStateException",
      message: "Job slow-ack is TimedOut; only an InProgress job can succeed.",
    });

    // The job timeout runs from the acknowledgement (at 12:00:59.999).
    clock.advance(TIMEOUTS.jobMs - 2);
    expect(emulator.job("slow-run")?.status).toBe("InProgress");
    clock.advance(1);
    expect(await failure(sdk.send(new PutThirdPartyJobFailureResultCommand({ jobId: "slow-run", clientToken: "t", failureDetails: { type: "JobFailed", message: "late" } })))).toMatchObject({
      name: "InvalidJobStateException",
      message: "Job slow-run is TimedOut; only an InProgress job can fail.",
    });
    expect(emulator.job("slow-run")?.history?.at(-1)).toEqual({ at: "2026-03-01T12:10:59.999Z", status: "TimedOut", event: "timed out: not finished by 2026-03-01T12:10:59.999Z" });
    // A timed-out job is never handed out again.
    expect((await sdk.send(new PollForThirdPartyJobsCommand({ actionTypeId: BUILD, maxBatchSize: 5 }))).jobs).toEqual([]);
  });

  it("every step is in the job's history, at the clock's time", async () => {
    const { sdk, emulator, clock } = await start([{ id: "j", clientToken: "t", actionTypeId: BUILD }]);
    clock.advance(1_000);
    await sdk.send(new PollForThirdPartyJobsCommand({ actionTypeId: BUILD }));
    const { nonce } = (await sdk.send(new GetThirdPartyJobDetailsCommand({ jobId: "j", clientToken: "t" }))).jobDetails!;
    clock.advance(1_000);
    await sdk.send(new AcknowledgeThirdPartyJobCommand({ jobId: "j", clientToken: "t", nonce: nonce! }));
    clock.advance(1_000);
    await sdk.send(new PutThirdPartyJobSuccessResultCommand({ jobId: "j", clientToken: "t" }));
    expect(emulator.job("j")?.history).toEqual([
      { at: "2026-03-01T12:00:00.000Z", status: "Queued", event: "created" },
      { at: "2026-03-01T12:00:01.000Z", status: "Dispatched", event: "dispatched by PollForThirdPartyJobs" },
      { at: "2026-03-01T12:00:02.000Z", status: "InProgress", event: "acknowledged" },
      { at: "2026-03-01T12:00:03.000Z", status: "Succeeded", event: "succeeded" },
    ]);
  });

  it("jobs listed as Dispatched or InProgress start with a nonce and a deadline, and the old { id, clientToken, status } entries still work", async () => {
    const { sdk, emulator, clock } = await start([
      { id: "running", clientToken: "t", status: "InProgress" },
      { id: "handed-out", clientToken: "t", status: "Dispatched", nonce: "777" },
    ]);
    await sdk.send(new PutThirdPartyJobSuccessResultCommand({ jobId: "running", clientToken: "t" }));
    expect((await sdk.send(new AcknowledgeThirdPartyJobCommand({ jobId: "handed-out", clientToken: "t", nonce: "777" }))).status).toBe("InProgress");
    expect(emulator.job("running")).toMatchObject({ status: "Succeeded", actionTypeId: DEFAULT_ACTION_TYPE, clientId: clientIdFor("t") });
    clock.advance(TIMEOUTS.jobMs);
    expect(emulator.job("handed-out")?.status).toBe("TimedOut");
  });
});

describe("the admin routes", () => {
  async function admin(url: string, method: string, path: string, body?: unknown) {
    const response = await fetch(`${url}${path}`, { method, ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }) });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  }

  it("POST /_emulator/jobs creates jobs (one or many) that workers can poll for; GET lists them with state and history", async () => {
    const { url, sdk } = await start([]);
    const one = await admin(url, "POST", "/_emulator/jobs", { clientToken: "t-1", actionTypeId: DEPLOY, actionConfiguration: { configuration: { Env: "prod" } } });
    expect(one.status).toBe(201);
    expect(one.headers.get("content-type")).toBe("application/json");
    const [created] = one.body.jobs as { id: string; status: string }[];
    expect(created).toMatchObject({ status: "Queued", clientToken: "t-1", clientId: clientIdFor("t-1"), history: [{ status: "Queued", event: "created by POST /_emulator/jobs" }] });
    expect(created!.id).toMatch(/^[0-9a-f-]{36}$/);
    const many = await admin(url, "POST", "/_emulator/jobs", [
      { id: "named", clientToken: "t-2", actionTypeId: DEPLOY },
      { id: "other", clientToken: "t-3", actionTypeId: BUILD, status: "Created" },
    ]);
    expect((many.body.jobs as { id: string; label: string }[]).map((job) => [job.id, job.label])).toEqual([
      [ID("named"), "named"],
      [ID("other"), "other"],
    ]);

    const polled = await sdk.send(new PollForThirdPartyJobsCommand({ actionTypeId: DEPLOY, maxBatchSize: 5 }));
    expect(polled.jobs?.map((job) => job.jobId)).toEqual([created!.id, ID("named")]);

    const listed = await admin(url, "GET", "/_emulator/jobs");
    expect(listed.status).toBe(200);
    expect((listed.body.jobs as { id: string; label?: string; status: string }[]).map((job) => [job.label ?? job.id, job.status])).toEqual([
      [created!.id, "Dispatched"],
      ["named", "Dispatched"],
      ["other", "Created"],
    ]);
    const named = await admin(url, "GET", "/_emulator/jobs/named");
    expect(named.body).toMatchObject({ id: ID("named"), label: "named", status: "Dispatched", nonce: expect.any(String), timesOutAt: "2026-03-01T12:01:00.000Z" });
    expect((named.body.history as unknown[]).length).toBe(2);
    expect((await admin(url, "GET", `/_emulator/jobs/${ID("named")}`)).body).toEqual(named.body);
  });

  it.each([
    ["a bad entry, naming the entry and the field", "POST", "/_emulator/jobs", [{ id: "a", clientToken: "t" }, { clientToken: "t", actionTypeId: { ...BUILD, category: "Cook" } }], 400, /^the request body, entry 1: Value 'Cook' at 'actionTypeId.category' failed to satisfy constraint: Member must satisfy enum value set: \[/],
    ["an unknown field", "POST", "/_emulator/jobs", { clientToken: "t", actionType: BUILD }, 400, /^the request body, entry 0: unknown field "actionType"; a job may have id, clientToken, /],
    ["a body that is not JSON", "POST", "/_emulator/jobs", "{", 400, /^The request body is not valid JSON/],
    ["an ID already taken", "POST", "/_emulator/jobs", { id: "existing", clientToken: "t" }, 409, /^the request body: job "existing" already exists\.$/],
    ["an unknown job", "GET", "/_emulator/jobs/nobody", undefined, 404, /^No job with ID or label nobody exists\.$/],
    ["a method the route does not take", "DELETE", "/_emulator/jobs", undefined, 405, /^DELETE is not allowed on \/_emulator\/jobs; use GET or POST\.$/],
    ["an unknown admin route", "GET", "/_emulator/clock", undefined, 404, /^No admin route \/_emulator\/clock/],
  ])("refuses %s", async (_, method, path, body, status, message) => {
    const { url, emulator } = await start([{ id: "existing", clientToken: "t" }]);
    const answer = await admin(url, method, path, body);
    expect(answer.status).toBe(status);
    expect(answer.body.message).toMatch(message);
    expect(emulator.jobs().map((job) => job.label)).toEqual(["existing"]); // nothing half-created
  });

  it("sit in front of the awsJson handler, which still answers everything else; admin: false leaves them out", async () => {
    const { url } = await start([]);
    // This server verifies signatures: the awsJson handler refuses an unsigned request first.
    const root = await fetch(url, { method: "GET" });
    expect(root.status).toBe(403);
    expect(((await root.json()) as { __type: string }).__type).toMatch(/Exception$/);

    const plain = await createEmulator().listen({ admin: false });
    running.push(plain);
    const refused = await fetch(`${plain.url}/_emulator/jobs`, { method: "POST", body: "[]", headers: { "content-type": "application/x-amz-json-1.1" } });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ __type: "UnknownOperationException" });
  });
});
