// createJobWorker's options are checked when the worker is created: each one that cannot
// work is a JobWorkerOptionsError naming it and saying what it must be, and nothing is
// sent. The clients here are real: this package's against the in-process emulator, and the
// AWS SDK's, which is easy to pass by mistake.
import { CodePipelineClient as SdkCodePipelineClient } from "@aws-sdk/client-codepipeline";
import { createCodePipelineClient } from "@codepipeline-partner/client";
import { createJobWorker, JobWorkerOptionsError, type JobWorkerOptions } from "@codepipeline-partner/worker";
import { describe, expect, it } from "vitest";
import { TEST_CREDENTIALS } from "../../../support/sdk.js";
import { ACTION_TYPE, inProcessEmulator } from "./in-process-emulator.js";

const sdkClient = new SdkCodePipelineClient({ region: "us-east-1", credentials: TEST_CREDENTIALS });

/** [what is wrong, the options changed, the option named, the message]. */
const cases: [string, (valid: JobWorkerOptions) => unknown, string, string | RegExp][] = [
  ["no options at all", () => undefined, "options", "createJobWorker: options must be an object with client, actionTypeId, clientToken and handle; got undefined."],
  [
    "no client",
    ({ client: _, ...rest }) => rest,
    "client",
    "createJobWorker: client must be the generated client: new CodePipelineClient({ region, credentials }) from @codepipeline-partner/client, or createCodePipelineClient(...); got undefined.",
  ],
  ["the AWS SDK's client", (valid) => ({ ...valid, client: sdkClient }), "client", /; got another client \(the AWS SDK's CodePipelineClient is not one\)\.$/],
  ["no action type", ({ actionTypeId: _, ...rest }) => rest, "actionTypeId", "createJobWorker: actionTypeId must be an ActionTypeId ({ category, owner, provider, version }) as the action type is registered; got undefined."],
  [
    "an action type the model refuses",
    (valid) => ({ ...valid, actionTypeId: { ...ACTION_TYPE, category: "Ship", provider: "Acme Deploy" } }),
    "actionTypeId",
    "createJobWorker: actionTypeId must be an ActionTypeId ({ category, owner, provider, version }) as the action type is registered: 2 validation errors detected: Value 'Ship' at 'category' failed to satisfy constraint: Member must satisfy enum value set: [Source, Build, Deploy, Test, Invoke, Approval, Compute]; Value 'Acme Deploy' at 'provider' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9A-Za-z_-]+$.",
  ],
  ["an empty client token", (valid) => ({ ...valid, clientToken: "" }), "clientToken", /^createJobWorker: clientToken must be a non-empty string, or a function .*; got an empty string\.$/],
  ["no handle", ({ handle: _, ...rest }) => rest, "handle", /^createJobWorker: handle must be a function that runs one job .*; got undefined\.$/],
  ["concurrency 0", (valid) => ({ ...valid, concurrency: 0 }), "concurrency", "createJobWorker: concurrency must be a whole number of at least 1; got 0."],
  ["concurrency 1.5", (valid) => ({ ...valid, concurrency: 1.5 }), "concurrency", "createJobWorker: concurrency must be a whole number of at least 1; got 1.5."],
  ["concurrency NaN", (valid) => ({ ...valid, concurrency: Number.NaN }), "concurrency", "createJobWorker: concurrency must be a whole number of at least 1; got NaN."],
  ["a negative grace period", (valid) => ({ ...valid, gracePeriodMs: -1 }), "gracePeriodMs", "createJobWorker: gracePeriodMs must be 0 or more milliseconds (Infinity to wait for every handler); got -1."],
  ["a zero backoff", (valid) => ({ ...valid, pollBackoff: { baseDelayMs: 0 } }), "pollBackoff.baseDelayMs", "createJobWorker: pollBackoff.baseDelayMs must be a positive number of milliseconds; got 0."],
  ["a backoff cap under its base", (valid) => ({ ...valid, pollBackoff: { baseDelayMs: 100, maxDelayMs: 10 } }), "pollBackoff.maxDelayMs", "createJobWorker: pollBackoff.maxDelayMs must be at least pollBackoff.baseDelayMs (100); got 10."],
  ["a failureFor that is not a function", (valid) => ({ ...valid, failureFor: "JobFailed" }), "failureFor", "createJobWorker: failureFor must be a function of (error, job) that returns FailureDetails; got a string."],
  ["a logger level that is not a function", (valid) => ({ ...valid, logger: { warn: true } }), "logger.warn", "createJobWorker: logger.warn must be a function of (message, error?); got true."],
  ["a signal that is not an AbortSignal", (valid) => ({ ...valid, signal: {} }), "signal", "createJobWorker: signal must be an AbortSignal (controller.signal); got an object."],
];

describe("createJobWorker's options", () => {
  it.each(cases)("refuses %s, naming the option", (_, change, option, message) => {
    const { client, calls } = inProcessEmulator({ jobs: [{ clientToken: "token-1", actionTypeId: ACTION_TYPE }] });
    const valid: JobWorkerOptions = { client, actionTypeId: ACTION_TYPE, clientToken: "token-1", handle: () => undefined };
    let thrown: unknown;
    try {
      createJobWorker(change(valid) as JobWorkerOptions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(JobWorkerOptionsError);
    expect(thrown).toBeInstanceOf(TypeError);
    expect((thrown as JobWorkerOptionsError).name).toBe("JobWorkerOptionsError");
    expect((thrown as JobWorkerOptionsError).option).toBe(option);
    if (typeof message === "string") expect((thrown as Error).message).toBe(message);
    else expect((thrown as Error).message).toMatch(message);
    expect(calls).toEqual([]);
  });

  it("takes the standalone functions' Client as well as a CodePipelineClient, and runs a job with it", async () => {
    const { emulator, standalone, calls } = inProcessEmulator({ jobs: [{ id: "job-1", clientToken: "token-1", actionTypeId: ACTION_TYPE }] });
    const worker = createJobWorker({ client: standalone, actionTypeId: ACTION_TYPE, clientToken: "token-1", handle: () => ({ outcome: "success" }), logger: {} });
    while (emulator.job("job-1")?.status !== "Succeeded") await new Promise((resolve) => setTimeout(resolve, 2));
    await worker.stop();
    expect(calls.filter((call) => call.operation.startsWith("PutThirdPartyJob"))).toEqual([{ operation: "PutThirdPartyJobSuccessResult", jobId: emulator.job("job-1")!.id, status: 200 }]);
  });
});
