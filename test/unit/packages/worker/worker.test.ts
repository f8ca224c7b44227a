// The job worker (packages/worker/src/worker.ts) against the reference emulator in this
// process, behind the generated client's `fetch` (the real job lifecycle and SigV4 check):
// backoff, stopping while idle and while handlers run, outcomes, thrown errors as safe
// failure reports and the concurrency bound. What the emulator does not do (acknowledge
// races, 5xx answers, a job handed out twice) is played by a small in-memory service
// (fake-codepipeline.ts). No sockets, no timing assertions.
import { clientIdFor } from "@codepipeline-partner/server/reference";
import { createJobWorker, type JobWorkerOptions } from "@codepipeline-partner/worker";
import { describe, expect, it } from "vitest";
import { ACTION_TYPE as FAKE_ACTION_TYPE, CLIENT_ID, CLIENT_TOKEN, fakeCodePipeline, gate, recordingLogger, ServiceError, until } from "./fake-codepipeline.js";
import { ACTION_TYPE, inProcessEmulator } from "./in-process-emulator.js";

type Fake = ReturnType<typeof fakeCodePipeline>;
type Emulated = ReturnType<typeof inProcessEmulator>;

function worker(service: Fake | Emulated, options: Partial<JobWorkerOptions> = {}) {
  const { logger, lines } = recordingLogger();
  const emulated = "emulator" in service;
  const running = createJobWorker({
    client: service.client,
    actionTypeId: emulated ? ACTION_TYPE : FAKE_ACTION_TYPE,
    clientToken: emulated ? (clientId) => TOKENS.get(clientId) : (clientId) => (clientId === CLIENT_ID ? CLIENT_TOKEN : undefined),
    handle: () => ({ outcome: "success" }),
    pollBackoff: { baseDelayMs: 1, maxDelayMs: 4 },
    logger,
    ...options,
  });
  return { worker: running, lines, messages: (level: string) => lines.filter((line) => line.level === level).map((line) => line.message) };
}

const TOKEN = "token-1";
const TOKENS = new Map([[clientIdFor(TOKEN), TOKEN]]);

/** The emulator with `count` jobs of the action type, labelled job-1, job-2, ... */
function emulatorWith(count: number) {
  return inProcessEmulator({ jobs: Array.from({ length: count }, (_, i) => ({ id: `job-${i + 1}`, clientToken: TOKEN, actionTypeId: ACTION_TYPE })) });
}

/** The labels of the jobs the emulator has in `status`... */
function labels(emulated: Emulated, ...statuses: string[]): string[] {
  return emulated.emulator
    .jobs()
    .filter((job) => statuses.includes(job.status))
    .map((job) => job.label ?? job.id);
}

/** Each result call that reached the emulator: [operation, job label, status]. */
function results(emulated: Emulated): [string, string, number][] {
  const labelOf = new Map(emulated.emulator.jobs().map((job) => [job.id, job.label ?? job.id]));
  return emulated.calls.filter((call) => call.operation.startsWith("PutThirdPartyJob")).map((call) => [call.operation, labelOf.get(call.jobId!)!, call.status]);
}

const polls = (emulated: Emulated) => emulated.calls.filter((call) => call.operation === "PollForThirdPartyJobs").length;

/** The delays the worker logged after polls that found nothing or failed. */
function delays(messages: string[]): number[] {
  return messages.flatMap((message) => {
    const match = /next poll in (\d+) ms/.exec(message);
    return match ? [Number(match[1])] : [];
  });
}

describe("polling with backoff", () => {
  it("waits longer after each empty poll, capped, and starts over once jobs arrive", async () => {
    const emulated = emulatorWith(0);
    const { worker: w, messages } = worker(emulated, { pollBackoff: { baseDelayMs: 2, maxDelayMs: 16 } });
    await until(() => polls(emulated) >= 7, "seven empty polls");
    emulated.emulator.createJob({ id: "job-1", clientToken: TOKEN, actionTypeId: ACTION_TYPE });
    await until(() => emulated.emulator.job("job-1")!.status === "Succeeded", "job-1 to be reported");
    await until(() => delays(messages("debug")).length >= 10, "three empty polls after the job");
    await w.stop();

    const seen = delays(messages("debug"));
    // Before the job: step n is min(16, 2 * 2^(n-1)), and each wait is between half of it and all of it.
    const steps = [2, 4, 8, 16, 16, 16];
    steps.forEach((step, n) => {
      expect(seen[n]).toBeGreaterThanOrEqual(step / 2);
      expect(seen[n]).toBeLessThanOrEqual(step);
    });
    // After the job the first empty poll waits a first step again.
    const afterJob = seen.slice(seen.length - 3);
    expect(afterJob.some((delay) => delay <= 2)).toBe(true);
  });

  it("backs off after failed polls too, and logs each failure as one line, without the error object", async () => {
    let failures = 0;
    const fake = fakeCodePipeline({
      overrides: {
        PollForThirdPartyJobs: () => {
          failures++;
          throw new ServiceError("InternalFailure", "try later", 500);
        },
      },
    });
    const { worker: w, messages, lines } = worker(fake, { pollBackoff: { baseDelayMs: 2, maxDelayMs: 8 } });
    // Three attempts (the client's retries) to a failed poll.
    await until(() => failures >= 15, "five failed polls");
    await w.stop();
    const warnings = messages("warn");
    expect(warnings[0]).toMatch(/^PollForThirdPartyJobs failed \(InternalFailure: try later\); next poll in \d+ ms$/);
    expect(lines.filter((line) => line.level === "warn").every((line) => line.error === undefined)).toBe(true);
    const seen = delays(warnings);
    [2, 4, 8, 8].forEach((step, n) => {
      expect(seen[n]).toBeGreaterThanOrEqual(step / 2);
      expect(seen[n]).toBeLessThanOrEqual(step);
    });
  });
});

describe("stopping", () => {
  it("while idle: the wait between polls is cut short, and no poll follows", async () => {
    const emulated = emulatorWith(0);
    const controller = new AbortController();
    // A minute between polls: `done` resolving at all shows the wait was cut short.
    const { worker: w } = worker(emulated, { signal: controller.signal, pollBackoff: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    await until(() => polls(emulated) === 1, "the first poll");
    controller.abort();
    await w.done;
    expect(polls(emulated)).toBe(1);
    expect(w.inFlight).toBe(0);
  });

  it("with an already aborted signal: never polls", async () => {
    const emulated = emulatorWith(1);
    const { worker: w } = worker(emulated, { signal: AbortSignal.abort() });
    await w.done;
    expect(emulated.calls).toEqual([]);
    expect(labels(emulated, "Queued")).toEqual(["job-1"]);
  });

  it("while handlers run: polls no more, waits for them, reports each, then resolves done", async () => {
    const emulated = emulatorWith(5);
    const release = gate();
    const started: string[] = [];
    const { worker: w } = worker(emulated, {
      concurrency: 2,
      async handle(job) {
        started.push(job.id);
        await release.promise;
        return { outcome: "success", executionDetails: { summary: `done ${job.id}` } };
      },
    });
    await until(() => started.length === 2, "two handlers running");
    const pollsBefore = polls(emulated);
    let finished = false;
    const stopped = w.stop().then(() => (finished = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(finished).toBe(false);
    expect(w.inFlight).toBe(2);

    release.open();
    await stopped;
    expect(polls(emulated)).toBe(pollsBefore);
    const ids = new Map(emulated.emulator.jobs().map((job) => [job.id, job.label]));
    expect(started.map((id) => ids.get(id)).sort()).toEqual(["job-1", "job-2"]);
    expect(results(emulated).sort()).toEqual([
      ["PutThirdPartyJobSuccessResult", "job-1", 200],
      ["PutThirdPartyJobSuccessResult", "job-2", 200],
    ]);
    for (const label of ["job-1", "job-2"]) expect(emulated.emulator.job(label)!.result).toEqual({ executionDetails: { summary: `done ${emulated.emulator.job(label)!.id}` } });
    expect(emulated.emulator.jobs().map((job) => job.status)).toEqual(["Succeeded", "Succeeded", "Queued", "Queued", "Queued"]);
  });

  it("past the grace period: reports the running job failed once, aborts its signal, and drops its late outcome", async () => {
    const emulated = emulatorWith(1);
    const release = gate();
    let signal: AbortSignal | undefined;
    const { worker: w, messages } = worker(emulated, {
      gracePeriodMs: 10,
      async handle(job) {
        signal = job.signal;
        await release.promise;
        return { outcome: "success" };
      },
    });
    await until(() => signal !== undefined, "the handler to start");
    await w.stop();

    expect(signal!.aborted).toBe(true);
    expect(results(emulated)).toEqual([["PutThirdPartyJobFailureResult", "job-1", 200]]);
    expect(emulated.emulator.job("job-1")!.failure).toEqual({ type: "JobFailed", message: "The job worker stopped and the job did not finish within the 10 ms grace period." });
    release.open();
    await until(() => messages("debug").some((message) => message.includes("its outcome is dropped")), "the late outcome to be dropped");
    expect(results(emulated)).toHaveLength(1);
    expect(emulated.emulator.job("job-1")!.status).toBe("Failed");
  });
});

describe("outcomes", () => {
  it("reports success with its revision and details, a continuation, and a modeled failure type", async () => {
    const emulated = emulatorWith(3);
    const created = new Date("2026-01-01T00:00:00Z");
    const label = (id: string) => emulated.emulator.job(id)!.label;
    const { worker: w } = worker(emulated, {
      handle(job) {
        if (job.data.continuationToken === "deployment-7") return { outcome: "success", executionDetails: { summary: "deployed", percentComplete: 100 } };
        if (label(job.id) === "job-1") return { outcome: "success", currentRevision: { revision: "r1", changeIdentifier: "c1", created }, executionDetails: { percentComplete: 100 } };
        if (label(job.id) === "job-2") return { outcome: "continue", continuationToken: "deployment-7", executionDetails: { summary: "deploying", percentComplete: 40 } };
        return { outcome: "failure", type: "ConfigurationError", message: "no target named", externalExecutionId: "deployment-8" };
      },
    });
    // The three, and the job that continues job-2.
    await until(() => emulated.emulator.jobs().length === 4 && labels(emulated, "Succeeded", "Failed").length === 4, "four reports");
    await w.stop();
    const [first, second, third, next] = emulated.emulator.jobs();
    expect(first!.result).toEqual({ currentRevision: { revision: "r1", changeIdentifier: "c1", created }, executionDetails: { percentComplete: 100 } });
    expect(second!.result).toEqual({ continuationToken: "deployment-7", executionDetails: { summary: "deploying", percentComplete: 40 } });
    expect(third!.failure).toEqual({ type: "ConfigurationError", message: "no target named", externalExecutionId: "deployment-8" });
    expect([next!.previousJobId, next!.continuationToken, next!.status, next!.result]).toEqual([second!.id, "deployment-7", "Succeeded", { executionDetails: { summary: "deployed", percentComplete: 100 } }]);
    expect(results(emulated).sort()).toEqual(
      [
        ["PutThirdPartyJobFailureResult", "job-3", 200],
        ["PutThirdPartyJobSuccessResult", "job-1", 200],
        ["PutThirdPartyJobSuccessResult", "job-2", 200],
        ["PutThirdPartyJobSuccessResult", next!.id, 200],
      ].sort(),
    );
  });

  it("reports a thrown error as JobFailed with its name and message: no stack, bounded length", async () => {
    const emulated = emulatorWith(3);
    const label = (id: string) => emulated.emulator.job(id)!.label;
    const { worker: w, messages } = worker(emulated, {
      handle(job) {
        if (label(job.id) === "job-1") throw new TypeError(`bad input ${"x".repeat(5_000)}`);
        if (label(job.id) === "job-2") throw { secret: "hunter2" };
        return Promise.reject(new RangeError("out of range"));
      },
    });
    await until(() => labels(emulated, "Failed").length === 3, "three failure reports");
    await w.stop();
    const [first, second, third] = emulated.emulator.jobs().map((job) => job.failure!);
    expect(first!.type).toBe("JobFailed");
    expect(first!.message).toMatch(/^TypeError: bad input x+…$/);
    expect(Array.from(first!.message)).toHaveLength(1_000);
    expect(second).toEqual({ type: "JobFailed", message: "Error: the job's handler threw a object, not an Error." });
    expect(third).toEqual({ type: "JobFailed", message: "RangeError: out of range" });
    for (const details of [first!, second!, third!]) expect(details.message).not.toMatch(/\n\s+at |hunter2/);
    // The stack stays on this side, in the log.
    expect(messages("warn").filter((message) => message.includes("the handler threw"))).toHaveLength(3);
  });

  it("maps thrown errors with failureFor, kept to the model's bound, and falls back when it throws", async () => {
    const emulated = emulatorWith(2);
    const label = (id: string) => emulated.emulator.job(id)!.label!;
    const { worker: w } = worker(emulated, {
      handle(job) {
        throw new Error(label(job.id));
      },
      failureFor(error, job) {
        if (label(job.id) === "job-2") throw new Error("the mapping broke");
        return { type: "PermissionError", message: `denied: ${(error as Error).message} ${"y".repeat(6_000)}`, externalExecutionId: "run-1" };
      },
    });
    await until(() => labels(emulated, "Failed").length === 2, "two failure reports");
    await w.stop();
    const [first, second] = emulated.emulator.jobs().map((job) => job.failure!);
    expect(first!.type).toBe("PermissionError");
    expect(first!.externalExecutionId).toBe("run-1");
    expect(first!.message.startsWith("denied: job-1 yyy")).toBe(true);
    expect(Array.from(first!.message)).toHaveLength(5_000);
    expect(second).toEqual({ type: "JobFailed", message: "Error: job-2" });
  });
});

describe("acknowledge races", () => {
  it("skips a job another worker took or that timed out, with a warning naming it, and runs the rest", async () => {
    const answers: Record<string, () => unknown> = {
      "job-1": () => {
        throw new ServiceError("InvalidNonceException", "The nonce is not the one issued");
      },
      "job-2": () => {
        throw new ServiceError("InvalidJobStateException", "Job job-2 is TimedOut");
      },
      "job-3": () => {
        throw new ServiceError("JobNotFoundException", "No job job-3");
      },
      "job-4": () => ({ status: "TimedOut" }),
    };
    const raced = fakeCodePipeline({
      jobs: 5,
      overrides: { AcknowledgeThirdPartyJob: (input, straight) => (answers[input.jobId] ?? (() => straight.AcknowledgeThirdPartyJob(input)))() },
    });
    const handled: string[] = [];
    const { worker: w, messages } = worker(raced, {
      concurrency: 5,
      handle(job) {
        handled.push(job.id);
      },
    });
    await until(() => raced.jobs.get("job-5")!.status === "Succeeded", "job-5 to be reported");
    await until(() => messages("warn").length === 4, "four warnings");
    await w.stop();
    expect(handled).toEqual(["job-5"]);
    expect(raced.callsOf("PutThirdPartyJobSuccessResult").map((input) => input.jobId)).toEqual(["job-5"]);
    expect(raced.callsOf("PutThirdPartyJobFailureResult")).toEqual([]);
    expect(messages("warn").sort()).toEqual([
      "job job-1: AcknowledgeThirdPartyJob answered InvalidNonceException: another worker took it, or it timed out; skipped",
      "job job-2: AcknowledgeThirdPartyJob answered InvalidJobStateException: another worker took it, or it timed out; skipped",
      "job job-3: AcknowledgeThirdPartyJob answered JobNotFoundException: another worker took it, or it timed out; skipped",
      "job job-4: acknowledged, but it is TimedOut; skipped",
    ]);
    expect(messages("error")).toEqual([]);
  });

  it("skips a job whose client ID has no token, and one whose details are gone", async () => {
    const fake = fakeCodePipeline({
      jobs: 2,
      overrides: {
        PollForThirdPartyJobs: (input, straight) => {
          const answer = straight.PollForThirdPartyJobs(input) as { jobs: object[] };
          return { jobs: answer.jobs.map((job: any) => (job.jobId === "job-1" ? { ...job, clientId: "ffffffff-0000-4000-8000-000000000000" } : job)) };
        },
        GetThirdPartyJobDetails: () => {
          throw new ServiceError("InvalidJobException", "Job job-2 is TimedOut");
        },
      },
    });
    const handled: string[] = [];
    const { worker: w, messages } = worker(fake, { concurrency: 2, handle: (job) => void handled.push(job.id) });
    await until(() => messages("error").length + messages("warn").length >= 2, "both jobs skipped");
    await w.stop();
    expect(handled).toEqual([]);
    expect(messages("error")).toEqual(["job job-1: no client token for client ID ffffffff-0000-4000-8000-000000000000; skipped"]);
    expect(messages("warn")).toEqual(["job job-2: GetThirdPartyJobDetails answered InvalidJobException: another worker took it, or it timed out; skipped"]);
  });
});

describe("reports that cannot be made", () => {
  it("leaves a retryable failure to the client's retries, then logs the job ID and does not try again", async () => {
    const fake = fakeCodePipeline({
      jobs: 1,
      overrides: {
        PutThirdPartyJobSuccessResult: () => {
          throw new ServiceError("InternalFailure", "try later", 500);
        },
      },
    });
    const { worker: w, messages } = worker(fake);
    await until(() => messages("error").length === 1, "the report to be given up");
    await w.stop();
    // The client's standard mode: 3 attempts of one call, then the worker gives up.
    expect(fake.callsOf("PutThirdPartyJobSuccessResult")).toHaveLength(3);
    expect(fake.callsOf("PutThirdPartyJobFailureResult")).toEqual([]);
    expect(messages("error")).toEqual(["job job-1: PutThirdPartyJobSuccessResult failed after 3 attempts (InternalFailure: try later): the job is not reported and will time out"]);
  });

  it("warns when the service says the job can no longer take a result", async () => {
    const fake = fakeCodePipeline({
      jobs: 1,
      overrides: {
        PutThirdPartyJobFailureResult: () => {
          throw new ServiceError("InvalidJobStateException", "Job job-1 is TimedOut");
        },
      },
    });
    const { worker: w, messages } = worker(fake, { handle: () => ({ outcome: "failure", type: "JobFailed", message: "no" }) });
    await until(() => messages("warn").length === 1, "the warning");
    await w.stop();
    expect(fake.callsOf("PutThirdPartyJobFailureResult")).toHaveLength(1);
    expect(messages("warn")).toEqual(["job job-1: PutThirdPartyJobFailureResult failed (InvalidJobStateException: Job job-1 is TimedOut): the job timed out or another worker reported it; the job is not reported"]);
  });

  it("takes a job handed out again after its report as already done", async () => {
    let polls = 0;
    const again = fakeCodePipeline({
      jobs: 1,
      overrides: {
        // The first poll hands out job-1; later ones hand it out again, as a confused service might.
        PollForThirdPartyJobs: (input, straight) => (++polls === 1 ? straight.PollForThirdPartyJobs(input) : { jobs: [{ jobId: "job-1", clientId: CLIENT_ID }] }),
      },
    });
    const { worker: w, messages } = worker(again);
    await until(() => polls >= 3, "two more polls");
    await w.stop();
    expect(again.callsOf("PutThirdPartyJobSuccessResult")).toHaveLength(1);
    expect(again.callsOf("GetThirdPartyJobDetails")).toHaveLength(1);
    expect(messages("warn")[0]).toBe("job job-1: handed out again, but this worker has it already; skipped");
  });
});

describe("concurrency", () => {
  it("runs at most `concurrency` jobs at once and asks each poll for the free slots", async () => {
    const emulated = emulatorWith(12);
    const batches: number[] = [];
    // The batch size each poll asked for, as the emulator received it.
    const client = inProcessEmulator(
      {},
      {
        fetch: (url, init) => {
          const input = JSON.parse(String(init.body));
          if (new Headers(init.headers).get("x-amz-target")?.endsWith(".PollForThirdPartyJobs")) batches.push(input.maxBatchSize);
          return emulated.fetch(url, init);
        },
      },
    ).client;
    let running = 0;
    let most = 0;
    const { worker: w } = worker({ ...emulated, client }, {
      concurrency: 3,
      async handle() {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * 5));
        running--;
      },
    });
    await until(() => labels(emulated, "Succeeded").length === 12, "every job reported");
    await w.stop();
    expect(most).toBeLessThanOrEqual(3);
    expect(most).toBeGreaterThan(0);
    expect(batches[0]).toBe(3);
    for (const size of batches) expect(size).toBeGreaterThanOrEqual(1), expect(size).toBeLessThanOrEqual(3);
    expect(results(emulated)).toHaveLength(12);
  });

});
