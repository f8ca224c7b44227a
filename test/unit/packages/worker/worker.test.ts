// The job worker (packages/worker/src/worker.ts) against an in-memory CodePipeline behind
// the generated client's `fetch`: backoff, stopping while idle and while handlers run,
// thrown errors as safe failure reports, acknowledge races, reports that cannot be made,
// and the concurrency bound. No sockets, no timing assertions.
import { createJobWorker, type JobWorkerOptions } from "@codepipeline-partner/worker";
import { describe, expect, it } from "vitest";
import { ACTION_TYPE, CLIENT_ID, CLIENT_TOKEN, fakeCodePipeline, gate, recordingLogger, ServiceError, until } from "./fake-codepipeline.js";

type Fake = ReturnType<typeof fakeCodePipeline>;

function worker(fake: Fake, options: Partial<JobWorkerOptions> = {}) {
  const { logger, lines } = recordingLogger();
  const running = createJobWorker({
    client: fake.client,
    actionTypeId: ACTION_TYPE,
    clientToken: (clientId) => (clientId === CLIENT_ID ? CLIENT_TOKEN : undefined),
    handle: () => ({ outcome: "success" }),
    pollBackoff: { baseDelayMs: 1, maxDelayMs: 4 },
    logger,
    ...options,
  });
  return { worker: running, lines, messages: (level: string) => lines.filter((line) => line.level === level).map((line) => line.message) };
}

/** The delays the worker logged after polls that found nothing or failed. */
function delays(messages: string[]): number[] {
  return messages.flatMap((message) => {
    const match = /next poll in (\d+) ms/.exec(message);
    return match ? [Number(match[1])] : [];
  });
}

describe("polling with backoff", () => {
  it("waits longer after each empty poll, capped, and starts over once jobs arrive", async () => {
    const fake = fakeCodePipeline();
    const { worker: w, messages } = worker(fake, { pollBackoff: { baseDelayMs: 2, maxDelayMs: 16 } });
    await until(() => fake.callsOf("PollForThirdPartyJobs").length >= 7, "seven empty polls");
    fake.add(1);
    await until(() => fake.jobs.get("job-1")!.status === "Succeeded", "job-1 to be reported");
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
    const fake = fakeCodePipeline();
    const controller = new AbortController();
    // A minute between polls: `done` resolving at all shows the wait was cut short.
    const { worker: w } = worker(fake, { signal: controller.signal, pollBackoff: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    await until(() => fake.callsOf("PollForThirdPartyJobs").length === 1, "the first poll");
    controller.abort();
    await w.done;
    expect(fake.callsOf("PollForThirdPartyJobs")).toHaveLength(1);
    expect(w.inFlight).toBe(0);
  });

  it("with an already aborted signal: never polls", async () => {
    const fake = fakeCodePipeline({ jobs: 1 });
    const { worker: w } = worker(fake, { signal: AbortSignal.abort() });
    await w.done;
    expect(fake.calls).toEqual([]);
  });

  it("while handlers run: polls no more, waits for them, reports each, then resolves done", async () => {
    const fake = fakeCodePipeline({ jobs: 5 });
    const release = gate();
    const started: string[] = [];
    const { worker: w } = worker(fake, {
      concurrency: 2,
      async handle(job) {
        started.push(job.id);
        await release.promise;
        return { outcome: "success", executionDetails: { summary: `done ${job.id}` } };
      },
    });
    await until(() => started.length === 2, "two handlers running");
    const polls = fake.callsOf("PollForThirdPartyJobs").length;
    let finished = false;
    const stopped = w.stop().then(() => (finished = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(finished).toBe(false);
    expect(w.inFlight).toBe(2);

    release.open();
    await stopped;
    expect(fake.callsOf("PollForThirdPartyJobs")).toHaveLength(polls);
    expect(fake.callsOf("PutThirdPartyJobSuccessResult").map((input) => [input.jobId, input.executionDetails.summary])).toEqual([
      ["job-1", "done job-1"],
      ["job-2", "done job-2"],
    ]);
    expect([...fake.jobs.values()].map((job) => job.status)).toEqual(["Succeeded", "Succeeded", "Queued", "Queued", "Queued"]);
  });

  it("past the grace period: reports the running job failed once, aborts its signal, and drops its late outcome", async () => {
    const fake = fakeCodePipeline({ jobs: 1 });
    const release = gate();
    let signal: AbortSignal | undefined;
    const { worker: w, messages } = worker(fake, {
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
    expect(fake.callsOf("PutThirdPartyJobFailureResult")).toEqual([
      {
        jobId: "job-1",
        clientToken: CLIENT_TOKEN,
        failureDetails: { type: "JobFailed", message: "The job worker stopped and the job did not finish within the 10 ms grace period." },
      },
    ]);
    release.open();
    await until(() => messages("debug").some((message) => message.includes("its outcome is dropped")), "the late outcome to be dropped");
    expect(fake.callsOf("PutThirdPartyJobSuccessResult")).toEqual([]);
    expect(fake.jobs.get("job-1")!.status).toBe("Failed");
  });
});

describe("outcomes", () => {
  it("reports success with its revision and details, a continuation, and a modeled failure type", async () => {
    const fake = fakeCodePipeline({ jobs: 3 });
    const created = new Date("2026-01-01T00:00:00Z");
    const { worker: w } = worker(fake, {
      handle(job) {
        if (job.id === "job-1") return { outcome: "success", currentRevision: { revision: "r1", changeIdentifier: "c1", created }, executionDetails: { percentComplete: 100 } };
        if (job.id === "job-2") return { outcome: "continue", continuationToken: "deployment-7", executionDetails: { summary: "deploying", percentComplete: 40 } };
        return { outcome: "failure", type: "ConfigurationError", message: "no target named", externalExecutionId: "deployment-8" };
      },
    });
    await until(() => [...fake.jobs.values()].every((job) => job.status === "Succeeded" || job.status === "Failed"), "three reports");
    await w.stop();
    expect(fake.callsOf("PutThirdPartyJobSuccessResult")).toEqual([
      { jobId: "job-1", clientToken: CLIENT_TOKEN, currentRevision: { revision: "r1", changeIdentifier: "c1", created: created.getTime() / 1000 }, executionDetails: { percentComplete: 100 } },
      { jobId: "job-2", clientToken: CLIENT_TOKEN, continuationToken: "deployment-7", executionDetails: { summary: "deploying", percentComplete: 40 } },
    ]);
    expect(fake.callsOf("PutThirdPartyJobFailureResult")).toEqual([
      { jobId: "job-3", clientToken: CLIENT_TOKEN, failureDetails: { type: "ConfigurationError", message: "no target named", externalExecutionId: "deployment-8" } },
    ]);
  });

  it("reports a thrown error as JobFailed with its name and message: no stack, bounded length", async () => {
    const fake = fakeCodePipeline({ jobs: 3 });
    const { worker: w, messages } = worker(fake, {
      handle(job) {
        if (job.id === "job-1") throw new TypeError(`bad input ${"x".repeat(5_000)}`);
        if (job.id === "job-2") throw { secret: "hunter2" };
        return Promise.reject(new RangeError("out of range"));
      },
    });
    await until(() => fake.callsOf("PutThirdPartyJobFailureResult").length === 3, "three failure reports");
    await w.stop();
    const [first, second, third] = fake.callsOf("PutThirdPartyJobFailureResult").map((input) => input.failureDetails);
    expect(first.type).toBe("JobFailed");
    expect(first.message).toMatch(/^TypeError: bad input x+…$/);
    expect(Array.from(first.message as string)).toHaveLength(1_000);
    expect(second).toEqual({ type: "JobFailed", message: "Error: the job's handler threw a object, not an Error." });
    expect(third).toEqual({ type: "JobFailed", message: "RangeError: out of range" });
    for (const details of [first, second, third]) expect(details.message).not.toMatch(/\n\s+at |hunter2/);
    // The stack stays on this side, in the log.
    expect(messages("warn").filter((message) => message.includes("the handler threw"))).toHaveLength(3);
  });

  it("maps thrown errors with failureFor, kept to the model's bound, and falls back when it throws", async () => {
    const fake = fakeCodePipeline({ jobs: 2 });
    const { worker: w } = worker(fake, {
      handle(job) {
        throw new Error(job.id);
      },
      failureFor(error, job) {
        if (job.id === "job-2") throw new Error("the mapping broke");
        return { type: "PermissionError", message: `denied: ${(error as Error).message} ${"y".repeat(6_000)}`, externalExecutionId: "run-1" };
      },
    });
    await until(() => fake.callsOf("PutThirdPartyJobFailureResult").length === 2, "two failure reports");
    await w.stop();
    const [first, second] = fake.callsOf("PutThirdPartyJobFailureResult").map((input) => input.failureDetails);
    expect(first.type).toBe("PermissionError");
    expect(first.externalExecutionId).toBe("run-1");
    expect(first.message.startsWith("denied: job-1 yyy")).toBe(true);
    expect(Array.from(first.message as string)).toHaveLength(5_000);
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
    const fake = fakeCodePipeline({ jobs: 12 });
    let running = 0;
    let most = 0;
    const { worker: w } = worker(fake, {
      concurrency: 3,
      async handle() {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * 5));
        running--;
      },
    });
    await until(() => [...fake.jobs.values()].every((job) => job.status === "Succeeded"), "every job reported");
    await w.stop();
    expect(most).toBeLessThanOrEqual(3);
    expect(most).toBeGreaterThan(0);
    const batches = fake.callsOf("PollForThirdPartyJobs").map((input) => input.maxBatchSize);
    expect(batches[0]).toBe(3);
    for (const size of batches) expect(size).toBeGreaterThanOrEqual(1), expect(size).toBeLessThanOrEqual(3);
    expect(fake.callsOf("PutThirdPartyJobSuccessResult")).toHaveLength(12);
  });

});
