// A partner action's job worker: the loop AWS documents for third-party actions, over the
// generated client. It polls for jobs of one action type (with backoff while there are
// none), reads each job (GetThirdPartyJobDetails, which gives the nonce), claims it
// (AcknowledgeThirdPartyJob with that nonce), runs the user's handler and reports the
// outcome once: PutThirdPartyJobSuccessResult (with a continuation token while the action
// is still running) or PutThirdPartyJobFailureResult. Nothing here retries a call: the
// client's standard retries do, and a job whose report still fails is logged and left to
// time out, never reported twice. An error that retrying cannot fix (errors.ts) stops it.
import {
  acknowledgeThirdPartyJob,
  getThirdPartyJobDetails,
  pollForThirdPartyJobs,
  putThirdPartyJobFailureResult,
  putThirdPartyJobSuccessResult,
  type Client,
  type CodePipelineClient,
} from "@codepipeline-partner/client";
import type { ActionTypeId, CurrentRevision, ExecutionDetails, FailureDetails, ThirdPartyJob, ThirdPartyJobData } from "@codepipeline-partner/types";
import { pollDelay, type PollBackoff } from "./backoff.js";
import { attemptsOf, describe, fromTheCall, isFatal, JobWorkerFatalError, nameOf, UNSENT_POLL_ATTEMPTS } from "./errors.js";
import { boundedFailure, defaultFailureFor, truncate } from "./failure.js";
import { checkOptions } from "./options.js";

/** A job the worker has claimed, as the handler sees it. */
export interface WorkerJob {
  /** The job's ID. */
  id: string;
  /** The client ID the job came with. */
  clientId: string;
  /**
   * What GetThirdPartyJobDetails says about the job: the action's configuration, its
   * artifacts and their credentials, and `continuationToken` when this job continues an
   * action that an earlier job left running.
   */
  data: ThirdPartyJobData;
  /** Aborted when the worker gives up on the job (stopped, and the grace period is over); the job is then reported failed. */
  signal: AbortSignal;
}

/** What a handler says became of its job. Returning nothing means `{ outcome: "success" }`. */
export type JobOutcome =
  | { outcome: "success"; currentRevision?: CurrentRevision; executionDetails?: ExecutionDetails }
  /** Reported with PutThirdPartyJobFailureResult; `type` is a FailureType (JobFailed, ConfigurationError...). */
  | ({ outcome: "failure" } & FailureDetails)
  /**
   * The action is still running: reported as a success carrying `continuationToken`, after
   * which the pipeline hands out a new job for the same action with that token in its
   * data, as AWS documents for long-running actions.
   */
  | { outcome: "continue"; continuationToken: string; currentRevision?: CurrentRevision; executionDetails?: ExecutionDetails };

/** Where the worker says what it did and what went wrong. `console` is one. */
export interface WorkerLogger {
  debug?(message: string, error?: unknown): void;
  info?(message: string, error?: unknown): void;
  warn?(message: string, error?: unknown): void;
  error?(message: string, error?: unknown): void;
}

export interface JobWorkerOptions {
  /** The generated client (`new CodePipelineClient(...)` or `createCodePipelineClient(...)`). */
  client: CodePipelineClient | Client;
  /** The action type whose jobs this worker runs. */
  actionTypeId: ActionTypeId;
  /**
   * The client token that goes with a job's client ID: the secret half of the pair the
   * partner keeps for each customer's action. One string when every job uses the same;
   * `undefined` from the function skips the job (logged as an error).
   */
  clientToken: string | ((clientId: string, jobId: string) => string | undefined | Promise<string | undefined>);
  /** Runs one job. A thrown error (or rejection) is reported as a failure (see `failureFor`). */
  handle(job: WorkerJob): JobOutcome | void | Promise<JobOutcome | void>;
  /** Most jobs in flight at once; each poll asks for as many as there are free slots. Default 1. */
  concurrency?: number;
  /** Stops the worker when aborted, as `stop()` does. */
  signal?: AbortSignal;
  /**
   * How long, after a stop, running handlers may take before their jobs are reported
   * failed (and their `signal` aborted). Default 30,000 ms; `Infinity` waits for them.
   */
  gracePeriodMs?: number;
  /** The wait between polls that find nothing or fail. Default 1 s doubling up to 30 s, jittered. */
  pollBackoff?: PollBackoff;
  /**
   * The failure to report for an error thrown by `handle`. Default: JobFailed with
   * `<error name>: <error message>`, cut to 1,000 characters, never the stack.
   */
  failureFor?(error: unknown, job: WorkerJob): FailureDetails;
  /** Default: warnings and errors to the console. */
  logger?: WorkerLogger;
}

export interface JobWorker {
  /**
   * Resolves once the worker has stopped and every job it claimed is reported (or given up
   * on, logged). Rejects with a JobWorkerFatalError (its `cause` the service's error) when
   * the worker stopped itself on an error that retrying cannot fix: an action type that
   * does not exist (ActionTypeNotFoundException), a poll the service refuses
   * (ValidationException), credentials it does not take (UnrecognizedClientException,
   * InvalidSignatureException, AccessDeniedException...) or none at all. Jobs already
   * claimed are still finished and reported first, as on a stop.
   */
  readonly done: Promise<void>;
  /** Stops polling, lets running jobs finish within the grace period; returns `done`. */
  stop(): Promise<void>;
  /** Jobs claimed (or being claimed) and not yet reported. */
  readonly inFlight: number;
}

export const DEFAULT_GRACE_PERIOD_MS = 30_000;

/** How many reported job IDs the worker remembers, to take none of them again. */
const REMEMBERED_JOBS = 10_000;

/** Errors of GetThirdPartyJobDetails and AcknowledgeThirdPartyJob that mean the job is no longer ours to take. */
const LOST_JOB_ERRORS = new Set(["InvalidNonceException", "InvalidJobStateException", "JobNotFoundException", "InvalidJobException"]);

const defaultLogger: WorkerLogger = {
  warn: (message, error) => (error === undefined ? console.warn(message) : console.warn(message, error)),
  error: (message, error) => (error === undefined ? console.error(message) : console.error(message, error)),
};

type Report = { kind: "success"; continuationToken?: string; currentRevision?: CurrentRevision; executionDetails?: ExecutionDetails } | { kind: "failure"; details: FailureDetails };

/**
 * Starts a worker for one action type. Options that cannot work (no client, no handler, an
 * action type the model refuses...) throw a JobWorkerOptionsError naming the option.
 */
export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const client = checkOptions(options);
  const { actionTypeId, signal } = options;
  const concurrency = options.concurrency ?? 1;
  const gracePeriodMs = options.gracePeriodMs ?? DEFAULT_GRACE_PERIOD_MS;
  const log = options.logger ?? defaultLogger;

  const running = new Map<string, Promise<void>>(); // job ID -> its run, until reported
  const reported = new Set<string>(); // the last REMEMBERED_JOBS job IDs reported
  const stopped = new AbortController(); // aborted on stop: ends the poll loop's waits
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let endGrace!: () => void;
  const graceOver = new Promise<void>((resolve) => (endGrace = resolve));
  let graceIsOver = false;
  let wakeUp: (() => void) | undefined;
  let fatal: JobWorkerFatalError | undefined; // what stopped the worker, when an error did

  /** Stops the worker for good on an error retrying cannot fix: logged once, and `done` rejects with it. */
  const giveUp = (operation: string, error: unknown, attempts = 1): void => {
    if (fatal) return;
    fatal = new JobWorkerFatalError(operation, error, attempts);
    log.error?.(fatal.message);
    beginStop();
  };

  const wake = () => {
    const resolve = wakeUp;
    wakeUp = undefined;
    resolve?.();
  };

  const beginStop = (): void => {
    if (stopped.signal.aborted) return;
    stopped.abort();
    wake();
    log.info?.(`stopping: no more polls; ${running.size} job(s) in flight`);
    if (gracePeriodMs === Infinity) return;
    graceTimer = setTimeout(() => {
      graceIsOver = true;
      endGrace();
    }, Math.min(gracePeriodMs, 2 ** 31 - 1));
  };
  // Before the loop starts: an already aborted signal stops the worker before its first poll.
  if (signal?.aborted) beginStop();
  else signal?.addEventListener("abort", beginStop, { once: true });

  /** Waits `ms`, or less when the worker stops. */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        stopped.signal.removeEventListener("abort", finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      stopped.signal.addEventListener("abort", finish, { once: true });
    });

  async function pollLoop(): Promise<void> {
    let quiet = 0; // polls in a row that found nothing or failed
    let polled = false; // whether a poll has succeeded yet
    let unsent = 0; // polls in a row that never left this process, before the first success
    while (!stopped.signal.aborted) {
      const free = concurrency - running.size;
      if (free <= 0) {
        await new Promise<void>((resolve) => (wakeUp = resolve));
        continue;
      }
      let jobs: ThirdPartyJob[];
      try {
        // Not aborted on stop: jobs this poll hands out are ours, and are run and reported.
        jobs = (await pollForThirdPartyJobs(client, { actionTypeId, maxBatchSize: free })).jobs ?? [];
      } catch (error) {
        if (isFatal("PollForThirdPartyJobs", error)) {
          giveUp("PollForThirdPartyJobs", error);
          break;
        }
        // Never sent (the credential provider failed): fatal only at startup, after a few tries.
        if (fromTheCall(error)) unsent = 0;
        else if (!polled && ++unsent >= UNSENT_POLL_ATTEMPTS) {
          giveUp("PollForThirdPartyJobs", error, unsent);
          break;
        }
        const delay = pollDelay(++quiet, options.pollBackoff);
        // One line: the service's answer says all there is; its stack is the client's.
        log.warn?.(`PollForThirdPartyJobs failed (${describe(error)}); next poll in ${Math.round(delay)} ms`);
        await sleep(delay);
        continue;
      }
      polled = true;
      // A poll whose jobs are all skipped (handed out again, say) counts as finding nothing.
      if (jobs.filter(start).length === 0) {
        const delay = pollDelay(++quiet, options.pollBackoff);
        log.debug?.(`no jobs; next poll in ${Math.round(delay)} ms`);
        await sleep(delay);
        continue;
      }
      quiet = 0;
    }
  }

  function start({ jobId, clientId }: ThirdPartyJob): boolean {
    if (jobId === undefined || clientId === undefined) {
      log.error?.(`PollForThirdPartyJobs answered a job without ${jobId === undefined ? "a job ID" : "a client ID"}; skipped`);
      return false;
    }
    if (running.has(jobId) || reported.has(jobId)) {
      log.warn?.(`job ${jobId}: handed out again, but this worker has it already; skipped`);
      return false;
    }
    const run = runJob(jobId, clientId)
      .catch((error: unknown) => log.error?.(`job ${jobId}: ${describe(error)}`, unexpected(error)))
      .finally(() => {
        running.delete(jobId);
        wake();
      });
    running.set(jobId, run);
    return true;
  }

  async function runJob(jobId: string, clientId: string): Promise<void> {
    const clientToken = typeof options.clientToken === "string" ? options.clientToken : await options.clientToken(clientId, jobId);
    if (clientToken === undefined) {
      log.error?.(`job ${jobId}: no client token for client ID ${clientId}; skipped`);
      return;
    }
    let data: ThirdPartyJobData;
    let nonce: string | undefined;
    try {
      ({ data = {}, nonce } = (await getThirdPartyJobDetails(client, { jobId, clientToken })).jobDetails ?? {});
    } catch (error) {
      return lost(jobId, "GetThirdPartyJobDetails", error);
    }
    if (nonce === undefined) {
      log.error?.(`job ${jobId}: GetThirdPartyJobDetails gave no nonce to acknowledge it with; skipped`);
      return;
    }
    try {
      const { status } = await acknowledgeThirdPartyJob(client, { jobId, nonce, clientToken });
      // Acknowledging a job that timed out (or that another worker runs) answers its status.
      if (status !== undefined && status !== "InProgress") {
        log.warn?.(`job ${jobId}: acknowledged, but it is ${status}; skipped`);
        return;
      }
    } catch (error) {
      return lost(jobId, "AcknowledgeThirdPartyJob", error);
    }

    const controller = new AbortController();
    const job: WorkerJob = { id: jobId, clientId, data, signal: controller.signal };
    await report(jobId, clientToken, graceIsOver ? givenUp(controller) : await outcomeOf(job, controller));
  }

  /** The handler's outcome as a report; past the grace period, a failure saying so. */
  async function outcomeOf(job: WorkerJob, controller: AbortController): Promise<Report> {
    const handled = (async () => options.handle(job))().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    const result = await Promise.race([handled, graceOver.then(() => undefined)]);
    if (result === undefined) {
      void handled.then(() => log.debug?.(`job ${job.id}: its handler finished after the job was reported failed; its outcome is dropped`));
      return givenUp(controller);
    }
    if ("error" in result) {
      const details = failureFor(result.error, job);
      log.warn?.(`job ${job.id}: the handler threw; reporting ${details.type}`, result.error);
      return { kind: "failure", details };
    }
    return toReport(result.value, job);
  }

  function givenUp(controller: AbortController): Report {
    const message = `The job worker stopped and the job did not finish within the ${gracePeriodMs} ms grace period.`;
    controller.abort(new Error(message));
    return { kind: "failure", details: { type: "JobFailed", message } };
  }

  function failureFor(error: unknown, job: WorkerJob): FailureDetails {
    if (!options.failureFor) return defaultFailureFor(error);
    try {
      return boundedFailure(options.failureFor(error, job));
    } catch (mappingError) {
      log.error?.(`job ${job.id}: failureFor threw; reporting the default failure`, mappingError);
      return defaultFailureFor(error);
    }
  }

  function toReport(value: JobOutcome | void, job: WorkerJob): Report {
    if (value === undefined) return { kind: "success" };
    const { currentRevision, executionDetails } = value as { currentRevision?: CurrentRevision; executionDetails?: ExecutionDetails };
    switch (value?.outcome) {
      case "success":
        return { kind: "success", currentRevision, executionDetails };
      case "continue":
        if (typeof value.continuationToken === "string" && value.continuationToken !== "") {
          return { kind: "success", continuationToken: value.continuationToken, currentRevision, executionDetails };
        }
        return { kind: "failure", details: failureFor(new TypeError("handle returned outcome 'continue' without a continuationToken"), job) };
      case "failure":
        return { kind: "failure", details: boundedFailure({ type: value.type, message: value.message, ...(value.externalExecutionId !== undefined ? { externalExecutionId: value.externalExecutionId } : {}) }) };
      default:
        return { kind: "failure", details: failureFor(new TypeError(`handle returned ${truncate(JSON.stringify(value) ?? String(value), 100)}, not a JobOutcome`), job) };
    }
  }

  /** Reports the job, once. A report the client's retries could not deliver is logged and dropped. */
  async function report(jobId: string, clientToken: string, outcome: Report): Promise<void> {
    if (reported.has(jobId)) {
      log.error?.(`job ${jobId}: already reported; not reporting it again`);
      return;
    }
    reported.add(jobId);
    if (reported.size > REMEMBERED_JOBS) reported.delete(reported.values().next().value!);
    const operation = outcome.kind === "success" ? "PutThirdPartyJobSuccessResult" : "PutThirdPartyJobFailureResult";
    try {
      if (outcome.kind === "success") {
        const { continuationToken, currentRevision, executionDetails } = outcome;
        await putThirdPartyJobSuccessResult(client, { jobId, clientToken, continuationToken, currentRevision, executionDetails });
      } else {
        await putThirdPartyJobFailureResult(client, { jobId, clientToken, failureDetails: outcome.details });
      }
      log.debug?.(`job ${jobId}: reported with ${operation}`);
    } catch (error) {
      reportFailed(jobId, operation, error);
    }
  }

  /** Says what became of a report the client gave up on: lost, probably made after all, or unknown. */
  function reportFailed(jobId: string, operation: string, error: unknown): void {
    const name = nameOf(error);
    const attempts = attemptsOf(error);
    const failed = `job ${jobId}: ${operation} failed${attempts > 1 ? ` after ${attempts} attempts` : ""} (${describe(error)})`;
    if (name === "InvalidJobStateException" && attempts > 1) {
      // An earlier attempt got no answer it could use (a lost response, a 5xx), and now the
      // job no longer takes a result: most likely because that attempt's result was taken.
      log.info?.(`${failed}: an earlier attempt probably reported the job, and its answer was lost`);
    } else if (LOST_JOB_ERRORS.has(name)) {
      log.warn?.(`${failed}: the job timed out or another worker reported it; the job is not reported`);
    } else if (name === "ResponseBodyError") {
      log.warn?.(`${failed}: the service answered 2xx, so the job is probably reported`);
    } else if (name === "NetworkError" || name === "TimeoutError") {
      log.error?.(`${failed}: no answer, so the job may or may not be reported; if not, it will time out`);
    } else {
      log.error?.(`${failed}: the job is not reported and will time out`, unexpected(error));
    }
    if (isFatal(operation, error)) giveUp(operation, error);
  }

  function lost(jobId: string, operation: string, error: unknown): void {
    if (LOST_JOB_ERRORS.has(nameOf(error))) {
      log.warn?.(`job ${jobId}: ${operation} answered ${nameOf(error)}: another worker took it, or it timed out; skipped`);
    } else {
      log.error?.(`job ${jobId}: ${operation} failed (${describe(error)}); skipped, it will time out`, unexpected(error));
      if (isFatal(operation, error)) giveUp(operation, error);
    }
  }

  const done = (async () => {
    await pollLoop();
    // No job starts once the loop has ended; each run settles once its job is reported.
    await Promise.all(running.values());
    clearTimeout(graceTimer);
    signal?.removeEventListener("abort", beginStop);
    if (fatal) throw fatal;
  })();

  return {
    done,
    stop() {
      beginStop();
      return done;
    },
    get inFlight() {
      return running.size;
    },
  };
}

/**
 * The error itself for the logger when its stack may help (a bug, a handler's throw);
 * nothing for the client's errors, whose one-line description says all there is.
 */
function unexpected(error: unknown): unknown {
  return fromTheCall(error) ? undefined : error;
}
