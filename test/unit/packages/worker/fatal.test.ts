// Errors that retrying cannot fix stop the worker: an action type the service does not
// know, a poll it refuses, credentials it does not take or none at all. The worker logs
// one line at error level, finishes what it runs, and `done` rejects with a
// JobWorkerFatalError whose cause is the service's error. Errors that retrying can fix are
// logged one line each, without a stack, and waited out. Against the real emulator, in
// this process (its SigV4 check and its error answers).
import type { Credentials } from "@codepipeline-partner/client";
import { createJobWorker, JobWorkerFatalError, UNSENT_POLL_ATTEMPTS, type JobWorkerOptions } from "@codepipeline-partner/worker";
import { describe, expect, it, vi } from "vitest";
import { TEST_CREDENTIALS } from "../../../support/sdk.js";
import { recordingLogger, until } from "./fake-codepipeline.js";
import { ACTION_TYPE, inProcessEmulator } from "./in-process-emulator.js";

type Emulated = ReturnType<typeof inProcessEmulator>;

function start(emulated: Emulated, options: Partial<JobWorkerOptions> = {}) {
  const { logger, lines } = recordingLogger();
  const worker = createJobWorker({
    client: emulated.client,
    actionTypeId: ACTION_TYPE,
    clientToken: "token-1",
    handle: () => ({ outcome: "success" }),
    pollBackoff: { baseDelayMs: 1, maxDelayMs: 4 },
    logger,
    ...options,
  });
  return { worker, lines };
}

/** The warnings and errors logged, as { level, message }. */
function problems(lines: { level: string; message: string }[]) {
  return lines.filter((line) => line.level === "warn" || line.level === "error").map(({ level, message }) => ({ level, message }));
}

/** What `done` rejected with; fails the test when it resolved. */
async function rejection(done: Promise<void>): Promise<JobWorkerFatalError> {
  const outcome = await done.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(JobWorkerFatalError);
  return outcome as JobWorkerFatalError;
}

describe("errors retrying cannot fix stop the worker", () => {
  it("an action type the service does not know: one poll, one error line, done rejects", async () => {
    const emulated = inProcessEmulator();
    const unknown = { ...ACTION_TYPE, provider: "NoSuchDeployer" };
    const { worker, lines } = start(emulated, { actionTypeId: unknown });
    const fatal = await rejection(worker.done);

    expect(fatal.operation).toBe("PollForThirdPartyJobs");
    expect((fatal.cause as Error).name).toBe("ActionTypeNotFoundException");
    expect(fatal.message).toBe(
      "The job worker stopped: PollForThirdPartyJobs failed with ActionTypeNotFoundException: Action type Deploy/ThirdParty/NoSuchDeployer/1 does not exist. Retrying cannot fix this: check actionTypeId against the custom action type registered in this account and Region.",
    );
    expect(emulated.calls).toEqual([{ operation: "PollForThirdPartyJobs", status: 400, error: "ActionTypeNotFoundException" }]);
    expect(problems(lines)).toEqual([{ level: "error", message: fatal.message }]);
    // Stopped for good: nothing more is sent.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(emulated.calls).toHaveLength(1);
  });

  it.each([
    ["an access key the service does not know", { ...TEST_CREDENTIALS, accessKeyId: "AKIDUNKNOWN" }, "UnrecognizedClientException", "The security token included in the request is invalid"],
    ["a wrong secret key", { ...TEST_CREDENTIALS, secretAccessKey: "not-the-secret" }, "InvalidSignatureException", "The request signature we calculated does not match the signature you provided"],
  ])("%s: %s on the first poll", async (_, credentials, name, message) => {
    const emulated = inProcessEmulator({}, { credentials });
    const { worker, lines } = start(emulated);
    const fatal = await rejection(worker.done);
    expect((fatal.cause as Error).name).toBe(name);
    expect(fatal.message).toBe(`The job worker stopped: PollForThirdPartyJobs failed with ${name}: ${message}. Retrying cannot fix this: check the client's credentials (and the clock, for a signature that expired).`);
    expect(emulated.calls).toEqual([{ operation: "PollForThirdPartyJobs", status: 403, error: name }]);
    expect(problems(lines)).toEqual([{ level: "error", message: fatal.message }]);
  });

  it(`no credentials at all (a client that reads only AWS_* variables, on a machine with an IAM role): nothing is sent, and the worker stops after ${UNSENT_POLL_ATTEMPTS} tries`, async () => {
    for (const name of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]) vi.stubEnv(name, undefined);
    const emulated = inProcessEmulator({}, { credentials: undefined });
    const { worker, lines } = start(emulated);
    const fatal = await rejection(worker.done);
    expect((fatal.cause as Error).message).toMatch(/^No AWS credentials/);
    expect(fatal.message).toMatch(
      /^The job worker stopped: PollForThirdPartyJobs failed 3 times in a row, the last time with Error: No AWS credentials: .* Retrying cannot fix this: the call was never sent; check the client's credentials \(with IAM roles, SSO or profiles, pass a provider such as defaultProvider\(\) from @aws-sdk\/credential-provider-node\)\.$/,
    );
    expect(emulated.calls).toEqual([]);
    const retried = { level: "warn", message: expect.stringMatching(/^PollForThirdPartyJobs failed \(Error: No AWS credentials: .*\); next poll in \d+ ms$/) };
    expect(problems(lines)).toEqual([retried, retried, { level: "error", message: fatal.message }]);
  });

  it(`a credential provider that always fails before any poll succeeded: asked ${UNSENT_POLL_ATTEMPTS} times, then the worker stops`, async () => {
    let asked = 0;
    const credentials = async (): Promise<Credentials> => {
      asked++;
      throw Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" });
    };
    const emulated = inProcessEmulator({}, { credentials });
    const { worker, lines } = start(emulated);
    const fatal = await rejection(worker.done);
    expect(asked).toBe(UNSENT_POLL_ATTEMPTS);
    expect(fatal.message).toMatch(/^The job worker stopped: PollForThirdPartyJobs failed 3 times in a row, the last time with CredentialsProviderError: Could not load credentials from any providers\. Retrying cannot fix this: the call was never sent; /);
    expect(emulated.calls).toEqual([]);
    expect(problems(lines).map((line) => line.level)).toEqual(["warn", "warn", "error"]);
  });

  it("a poll the service refuses (ValidationException) stops it too", async () => {
    const emulated = inProcessEmulator();
    // The model's own checks run when the worker is created; this is a refusal beyond them.
    const refusing = async () =>
      new Response(JSON.stringify({ __type: "ValidationException", message: "maxBatchSize is more than this account allows" }), { status: 400, headers: { "content-type": "application/x-amz-json-1.1" } });
    const client = inProcessEmulator({}, { fetch: refusing }).client;
    const { worker, lines } = start(emulated, { client });
    const fatal = await rejection(worker.done);
    expect((fatal.cause as Error).name).toBe("ValidationException");
    // The service's words, then the options the poll's input is built from.
    expect(fatal.message).toBe(
      "The job worker stopped: PollForThirdPartyJobs failed with ValidationException: maxBatchSize is more than this account allows. Retrying cannot fix this: the service refused the poll's input; it is built from actionTypeId (its actionTypeId) and concurrency (its maxBatchSize, at most concurrency): check those.",
    );
    expect(problems(lines).map((line) => line.level)).toEqual(["error"]);
  });

  it("credentials revoked while a job runs: its report fails, that is logged with the job ID, the worker stops, and done rejects", async () => {
    let revoked = false;
    // Credentials that expire within five minutes are asked for again before each call.
    const credentials = async (): Promise<Credentials> => ({ ...(revoked ? { ...TEST_CREDENTIALS, accessKeyId: "AKIDREVOKED" } : TEST_CREDENTIALS), expiration: new Date(Date.now() + 60_000) });
    const emulated = inProcessEmulator({ jobs: [{ id: "job-1", clientToken: "token-1", actionTypeId: ACTION_TYPE }] }, { credentials });
    const { worker, lines } = start(emulated, {
      handle() {
        revoked = true;
        return { outcome: "success" };
      },
    });
    const fatal = await rejection(worker.done);
    const id = emulated.emulator.job("job-1")!.id;
    expect(fatal.operation).toBe("PutThirdPartyJobSuccessResult");
    expect((fatal.cause as Error).name).toBe("UnrecognizedClientException");
    expect(problems(lines)).toEqual([
      { level: "error", message: `job ${id}: PutThirdPartyJobSuccessResult failed (UnrecognizedClientException: The security token included in the request is invalid.): the job is not reported and will time out` },
      { level: "error", message: fatal.message },
    ]);
    // No poll after the failed report.
    expect(emulated.calls.map((call) => call.operation).slice(-1)).toEqual(["PutThirdPartyJobSuccessResult"]);
  });

  it("finishes and reports the jobs it runs before done rejects", async () => {
    let polls = 0;
    const emulated = inProcessEmulator({ jobs: [{ id: "job-1", clientToken: "token-1", actionTypeId: ACTION_TYPE }] });
    // The second poll is refused as an unknown action type, while job-1's handler runs.
    const client = inProcessEmulator(
      {},
      {
        fetch: async (url, init) => {
          const poll = new Headers(init.headers).get("x-amz-target")?.endsWith(".PollForThirdPartyJobs");
          if (poll && ++polls === 2) return new Response(JSON.stringify({ __type: "ActionTypeNotFoundException", message: "gone" }), { status: 400 });
          return emulated.fetch(url, init);
        },
      },
    ).client;
    let release!: () => void;
    const { worker } = start(emulated, {
      client,
      concurrency: 2,
      handle: () => new Promise<void>((resolve) => (release = resolve)),
    });
    let settled = false;
    const done = worker.done.finally(() => (settled = true));
    while (polls < 2) await new Promise((resolve) => setTimeout(resolve, 2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    expect(worker.inFlight).toBe(1);
    release();
    const fatal = await rejection(done);
    expect((fatal.cause as Error).name).toBe("ActionTypeNotFoundException");
    expect(emulated.emulator.job("job-1")!.status).toBe("Succeeded");
  });
});

describe("errors retrying can fix", () => {
  it("a credential provider that fails once at startup (an instance metadata timeout): one warning, the provider is asked again, and the job runs", async () => {
    let asked = 0;
    const credentials = async (): Promise<Credentials> => {
      if (++asked === 1) throw Object.assign(new Error("Timeout reading the instance metadata"), { name: "ProviderError" });
      return TEST_CREDENTIALS;
    };
    const emulated = inProcessEmulator({ jobs: [{ id: "job-1", clientToken: "token-1", actionTypeId: ACTION_TYPE }] }, { credentials });
    const { worker, lines } = start(emulated);
    await until(() => emulated.emulator.job("job-1")!.status === "Succeeded", "job-1 to succeed");
    await worker.stop();
    expect(asked).toBe(2);
    expect(problems(lines)).toEqual([{ level: "warn", message: expect.stringMatching(/^PollForThirdPartyJobs failed \(ProviderError: Timeout reading the instance metadata\); next poll in \d+ ms$/) }]);
  });

  it(`once a poll has succeeded, a failing credential provider is waited out, however often it fails (more than ${UNSENT_POLL_ATTEMPTS} times here)`, async () => {
    let asked = 0;
    const failures = UNSENT_POLL_ATTEMPTS + 2;
    // Credentials past their expiration: the client asks the provider before every call and
    // has nothing to fall back on when it fails. The provider fails after the first poll.
    const credentials = async (): Promise<Credentials> => {
      asked++;
      if (asked >= 2 && asked < 2 + failures) throw Object.assign(new Error("Timeout reading the container credentials"), { name: "ProviderError" });
      return { ...TEST_CREDENTIALS, expiration: new Date(Date.now() - 1_000) };
    };
    const emulated = inProcessEmulator({}, { credentials });
    const { worker, lines } = start(emulated);
    await new Promise((resolve) => setTimeout(resolve, 5));
    emulated.emulator.createJob({ id: "job-1", clientToken: "token-1", actionTypeId: ACTION_TYPE });
    await until(() => emulated.emulator.job("job-1")!.status === "Succeeded", "job-1 to succeed");
    await worker.stop();
    expect(asked).toBeGreaterThan(1 + failures);
    const warnings = problems(lines);
    expect(warnings).toHaveLength(failures);
    for (const line of warnings) expect(line).toEqual({ level: "warn", message: expect.stringMatching(/^PollForThirdPartyJobs failed \(ProviderError: Timeout reading the container credentials\); next poll in \d+ ms$/) });
  });

  it("a failed poll is one warning line with the error's name and message, no error object, and the worker goes on", async () => {
    let failures = 0;
    const emulated = inProcessEmulator({ jobs: [{ id: "job-1", clientToken: "token-1", actionTypeId: ACTION_TYPE }] });
    const client = inProcessEmulator(
      {},
      {
        maxAttempts: 1,
        fetch: async (url, init) => {
          if (failures < 2) {
            failures++;
            return new Response(JSON.stringify({ __type: "ThrottlingException", message: "Rate exceeded" }), { status: 400 });
          }
          return emulated.fetch(url, init);
        },
      },
    ).client;
    const { worker, lines } = start(emulated, { client });
    while (emulated.emulator.job("job-1")!.status !== "Succeeded") await new Promise((resolve) => setTimeout(resolve, 2));
    await worker.stop();
    const warnings = lines.filter((line) => line.level === "warn");
    expect(warnings).toHaveLength(2);
    for (const line of warnings) {
      expect(line.message).toMatch(/^PollForThirdPartyJobs failed \(ThrottlingException: Rate exceeded\); next poll in \d+ ms$/);
      expect(line.error).toBeUndefined();
    }
    expect(lines.filter((line) => line.level === "error")).toEqual([]);
  });

  it("the default logger prints a failed poll as one line, and the fatal error as one line", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    let polls = 0;
    const emulated = inProcessEmulator();
    const client = inProcessEmulator(
      {},
      {
        maxAttempts: 1,
        fetch: async (url, init) =>
          ++polls === 1 ? new Response(JSON.stringify({ __type: "ServiceUnavailableException", message: "try again" }), { status: 503 }) : emulated.fetch(url, init),
      },
    ).client;
    const worker = createJobWorker({ client, actionTypeId: { ...ACTION_TYPE, provider: "NoSuchDeployer" }, clientToken: "token-1", handle: () => undefined, pollBackoff: { baseDelayMs: 1, maxDelayMs: 2 } });
    const fatal = await rejection(worker.done);
    expect(warn.mock.calls).toHaveLength(1);
    expect(warn.mock.calls[0]).toHaveLength(1);
    expect(warn.mock.calls[0]![0]).toMatch(/^PollForThirdPartyJobs failed \(ServiceUnavailableException: try again\); next poll in \d+ ms$/);
    expect(error.mock.calls).toEqual([[fatal.message]]);
  });
});
