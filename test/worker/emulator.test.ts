// The job worker against the emulator on 127.0.0.1, through the generated client with SigV4
// verified: 200 jobs, 8 at a time, some succeeding, some failing (reported or thrown),
// some continuing twice; the first worker is stopped halfway through and a second one
// finishes the rest. Every job must end reported exactly once: the emulator's job list
// and histories say so, and so do the result calls counted as they reach the server.
import { CodePipelineClient } from "@codepipeline-partner/client";
import { listen, type HttpRequest, type RunningServer } from "@codepipeline-partner/server";
import { clientIdFor, createEmulator, type JobEntry } from "@codepipeline-partner/server/reference";
import type { ActionTypeId } from "@codepipeline-partner/types";
import { createJobWorker, type JobOutcome, type WorkerJob, type WorkerLogger } from "@codepipeline-partner/worker";
import { afterAll, expect, it } from "vitest";
import { TEST_CREDENTIALS } from "../support/sdk.js";

const ACTION_TYPE: ActionTypeId = { category: "Deploy", owner: "ThirdParty", provider: "AcmeDeploy", version: "1" };
const JOBS = 200;
const CONCURRENCY = 8;
const PLANS = ["succeed", "succeed", "fail", "continue", "throw"] as const;
type Plan = (typeof PLANS)[number];

// Three customers, each with its client ID and token pair, as a partner keeps them.
const TOKENS = ["token-acme", "token-globex", "token-initech"];
const TOKEN_BY_CLIENT_ID = new Map(TOKENS.map((token) => [clientIdFor(token), token]));

const entries: JobEntry[] = Array.from({ length: JOBS }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, // job IDs are lowercase UUIDs in the model
  clientToken: TOKENS[i % TOKENS.length]!,
  actionTypeId: ACTION_TYPE,
  actionConfiguration: { configuration: { Plan: PLANS[i % PLANS.length]! } },
}));

let server: RunningServer | undefined;
afterAll(async () => {
  await server?.close();
});

/** What reached the server: result calls per job (with their status), and each poll's batch size. */
const results = new Map<string, { operation: string; status: number }[]>();
const batchSizes: number[] = [];

it("runs 200 jobs through two workers, one stopped halfway, and reports each exactly once", { timeout: 600_000 }, async () => {
  const emulator = createEmulator({ jobs: entries });
  const service = emulator.handler({
    authenticate: { secretFor: (id) => (id === TEST_CREDENTIALS.accessKeyId ? TEST_CREDENTIALS.secretAccessKey : undefined) },
  });
  const counting = Object.assign(
    async (request: HttpRequest) => {
      const response = await service(request);
      const operation = (request.headers["x-amz-target"] ?? "").split(".")[1] ?? "";
      const input = JSON.parse(typeof request.body === "string" ? request.body : new TextDecoder().decode(request.body));
      if (operation === "PollForThirdPartyJobs") batchSizes.push(input.maxBatchSize);
      if (operation.startsWith("PutThirdPartyJob")) results.set(input.jobId, [...(results.get(input.jobId) ?? []), { operation, status: response.status }]);
      return response;
    },
    { protocol: service.protocol },
  );
  server = await listen(counting);
  const client = new CodePipelineClient({ endpoint: server.url, region: "us-east-1", credentials: TEST_CREDENTIALS });

  const handledBy = new Map<string, string[]>();
  const problems: string[] = [];
  const first = new AbortController();
  let stoppedWith = -1;

  function startWorker(name: string, signal: AbortSignal) {
    let running = 0;
    let most = 0;
    const logger: WorkerLogger = {
      warn: (message) => void problems.push(`${name} warn: ${message}`),
      error: (message) => void problems.push(`${name} error: ${message}`),
    };
    const worker = createJobWorker({
      client,
      actionTypeId: ACTION_TYPE,
      clientToken: (clientId) => TOKEN_BY_CLIENT_ID.get(clientId),
      concurrency: CONCURRENCY,
      signal,
      pollBackoff: { baseDelayMs: 5, maxDelayMs: 50 },
      logger,
      async handle(job: WorkerJob): Promise<JobOutcome> {
        most = Math.max(most, ++running);
        handledBy.set(job.id, [...(handledBy.get(job.id) ?? []), name]);
        try {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 10));
          // The first worker is stopped from inside a handler once about half the jobs are
          // reported, so that jobs are running (this one at least) when it stops.
          if (name === "first" && !signal.aborted && results.size >= JOBS / 2) {
            stoppedWith = worker.inFlight;
            first.abort();
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          return outcomeFor(job);
        } finally {
          running--;
        }
      },
    });
    return { worker, most: () => most };
  }

  const a = startWorker("first", first.signal);
  await a.worker.done;
  const reportedByFirst = results.size;
  const pollsByFirst = batchSizes.length;
  expect(stoppedWith).toBeGreaterThan(0);
  // Stopped: nothing is in flight, and nothing more reaches the server.
  expect(a.worker.inFlight).toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(batchSizes).toHaveLength(pollsByFirst);
  expect(results.size).toBe(reportedByFirst);
  expect(emulator.jobs().filter((job) => job.status === "Dispatched" || job.status === "InProgress")).toEqual([]);

  const second = new AbortController();
  const b = startWorker("second", second.signal);
  const final = (status: string) => status === "Succeeded" || status === "Failed";
  while (!emulator.jobs().every((job) => final(job.status))) await new Promise((resolve) => setTimeout(resolve, 20));
  second.abort();
  await b.worker.done;

  // The emulator's state: every job (the 200 and the continuations) finished, none timed out.
  const jobs = emulator.jobs();
  const continuing = entries.filter((entry) => plan(entry) === "continue").length;
  expect(jobs).toHaveLength(JOBS + 2 * continuing);
  expect(jobs.filter((job) => !final(job.status))).toEqual([]);
  for (const job of jobs) {
    const endings = (job.history ?? []).filter((event) => final(event.status) || event.status === "TimedOut");
    expect(endings, job.id).toHaveLength(1);
  }

  // Each job's result call reached the server once, and was taken.
  expect(results.size).toBe(jobs.length);
  for (const job of jobs) expect(results.get(job.id), job.id).toEqual([{ operation: job.status === "Succeeded" ? "PutThirdPartyJobSuccessResult" : "PutThirdPartyJobFailureResult", status: 200 }]);
  // Each handled once, by one worker or the other; both did some.
  expect([...handledBy.keys()].sort()).toEqual(jobs.map((job) => job.id).sort());
  for (const [id, workers] of handledBy) expect(workers, id).toHaveLength(1);
  const byWorker = (name: string) => [...handledBy.values()].filter((workers) => workers[0] === name).length;
  expect(byWorker("first")).toBe(reportedByFirst);
  expect(byWorker("second")).toBe(jobs.length - reportedByFirst);
  expect(byWorker("second")).toBeGreaterThan(0);

  // What each plan came to.
  const byId = new Map(jobs.map((job) => [job.id, job]));
  for (const entry of entries) {
    const job = byId.get(entry.id!)!;
    switch (plan(entry)) {
      case "succeed":
        expect(job.status).toBe("Succeeded");
        expect(job.result).toEqual({ executionDetails: { summary: `Deployed ${job.id}`, percentComplete: 100 } });
        break;
      case "fail":
        expect(job.status).toBe("Failed");
        expect(job.failure).toEqual({ type: "ConfigurationError", message: `No target for ${job.id}` });
        break;
      case "throw":
        expect(job.status).toBe("Failed");
        expect(job.failure).toEqual({ type: "JobFailed", message: `Error: the deployment of ${job.id} broke` });
        break;
      case "continue": {
        // Two continuations: the job, then a job with step-1, then one with step-2 that finishes.
        const next = byId.get(job.nextJobId!)!;
        const last = byId.get(next.nextJobId!)!;
        expect([job.status, next.status, last.status]).toEqual(["Succeeded", "Succeeded", "Succeeded"]);
        expect([job.result?.continuationToken, next.continuationToken, next.result?.continuationToken, last.continuationToken]).toEqual([`${job.id}/step-1`, `${job.id}/step-1`, `${job.id}/step-2`, `${job.id}/step-2`]);
        expect(last.result).toEqual({ executionDetails: { summary: `Deployed ${job.id} in 3 steps`, percentComplete: 100 } });
        expect(last.nextJobId).toBeUndefined();
        break;
      }
    }
  }

  // At most 8 at a time, polled for no more than the free slots; nothing went wrong.
  expect(a.most()).toBeLessThanOrEqual(CONCURRENCY);
  expect(b.most()).toBeLessThanOrEqual(CONCURRENCY);
  expect(Math.max(...batchSizes)).toBeLessThanOrEqual(CONCURRENCY);
  expect(Math.min(...batchSizes)).toBeGreaterThanOrEqual(1);
  // The only warnings: one per thrown error, naming its job; no errors.
  const thrown = entries.filter((entry) => plan(entry) === "throw").map((entry) => entry.id!);
  expect(problems.map((line) => line.replace(/^(first|second) /, "")).sort()).toEqual(thrown.map((id) => `warn: job ${id}: the handler threw; reporting JobFailed`).sort());
});

function plan(entry: { actionConfiguration?: { configuration?: Record<string, string> } }): Plan {
  return entry.actionConfiguration!.configuration!.Plan as Plan;
}

/** The partner's work: decided by the job's configuration, and for continuations by its token (`<first job's ID>/step-<n>`). */
function outcomeFor(job: WorkerJob): JobOutcome {
  switch (plan(job.data)) {
    case "succeed":
      return { outcome: "success", executionDetails: { summary: `Deployed ${job.id}`, percentComplete: 100 } };
    case "fail":
      return { outcome: "failure", type: "ConfigurationError", message: `No target for ${job.id}` };
    case "throw":
      throw new Error(`the deployment of ${job.id} broke`);
    case "continue": {
      const [first = job.id, step = "step-0"] = job.data.continuationToken?.split("/") ?? [];
      if (step === "step-0") return { outcome: "continue", continuationToken: `${first}/step-1`, executionDetails: { summary: "Deploying", percentComplete: 33 } };
      if (step === "step-1") return { outcome: "continue", continuationToken: `${first}/step-2`, executionDetails: { summary: "Deploying", percentComplete: 66 } };
      return { outcome: "success", executionDetails: { summary: `Deployed ${first} in 3 steps`, percentComplete: 100 } };
    }
  }
}
