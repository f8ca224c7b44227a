// The emulator: CodePipeline's side of the partner-job loop over a JobStore, implementing
// the generated CodePipelineService. A job is handed out by PollForThirdPartyJobs
// (Created/Queued -> Dispatched, with a fresh nonce), read with GetThirdPartyJobDetails,
// claimed with AcknowledgeThirdPartyJob (-> InProgress) and finished with
// PutThirdPartyJob{Success,Failure}Result (-> Succeeded / Failed); a Dispatched or
// InProgress job left too long is TimedOut. Each modeled error means what it means at AWS.
//
// Time comes from an injectable clock and timeouts are applied lazily, whenever a job is
// looked at: no timers, so a test moves time forward and reads the result at once.
import { randomInt, randomUUID } from "node:crypto";
import type {
  AcknowledgeThirdPartyJobServerInput,
  ActionTypeId,
  GetThirdPartyJobDetailsOutput,
  GetThirdPartyJobDetailsServerInput,
  PollForThirdPartyJobsServerInput,
  PutThirdPartyJobFailureResultServerInput,
  PutThirdPartyJobSuccessResultServerInput,
  ThirdPartyJob,
  ThirdPartyJobData,
} from "@codepipeline-partner/types";
import {
  ActionTypeNotFoundException,
  createCodePipelineServiceHandler,
  InvalidClientTokenException,
  InvalidJobException,
  InvalidJobStateException,
  InvalidNonceException,
  JobNotFoundException,
  type CodePipelineService,
} from "../generated/service.js";
import type { HandlerOptions, RequestContext } from "../runtime/handler.js";
import type { ServiceHandler } from "../runtime/http.js";
import { listen, type ListenOptions, type RunningServer } from "../runtime/node.js";
import { withAdminRoutes } from "./admin.js";
import {
  actionTypeKey,
  clientIdFor,
  DEFAULT_ACTION_TYPE,
  FINAL_STATUSES,
  JOB_DATA_FIELDS,
  JobEntryError,
  jobFromEntry,
  JobStore,
  modelJobId,
  parseJobEntries,
  type Job,
  type JobEntry,
  type JobStatus,
} from "./jobs.js";
import { formatState, lockStateFile, parseState, readStateFile, writeStateFile, type StateFileWriteOptions } from "./state.js";

/** Where the emulator's time comes from: `Date` by default, a `ManualClock` in tests. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  private time: number;

  constructor(start: number | string | Date = "2026-01-01T00:00:00Z") {
    this.time = toMillis(start);
  }

  now(): number {
    return this.time;
  }

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.time += ms;
  }

  set(time: number | string | Date): void {
    this.time = toMillis(time);
  }
}

export interface EmulatorTimeouts {
  /** How long a Dispatched job waits for AcknowledgeThirdPartyJob before it is TimedOut. */
  dispatchMs: number;
  /** How long an acknowledged (InProgress) job may run before it is TimedOut. */
  jobMs: number;
}

/**
 * Five minutes to acknowledge, an hour to finish: AWS's default action timeout for most
 * actions is an hour; how long it waits for an acknowledgement it does not publish.
 */
export const DEFAULT_TIMEOUTS: Readonly<EmulatorTimeouts> = Object.freeze({ dispatchMs: 5 * 60_000, jobMs: 60 * 60_000 });

export interface EmulatorOptions {
  /** Jobs to start with, as a jobs file gives them. With `stateFile`, each needs an `id`. */
  jobs?: readonly JobEntry[];
  /** Action types to know besides those of the jobs (a poll for an unknown one is ActionTypeNotFoundException). */
  actionTypes?: readonly ActionTypeId[];
  clock?: Clock;
  timeouts?: Partial<EmulatorTimeouts>;
  /**
   * Keep the state in this file: read at start (it wins over `jobs` for the IDs it has),
   * written after every change, before the answer goes out. The emulator holds the file's
   * lock (`FILE.lock`) until `close()` or the process ends: a second emulator on the same
   * file is refused while the first runs.
   */
  stateFile?: string;
  /**
   * How the state file is written: `warn` says, in one line, a save that happened but may
   * not survive a power cut (its directory could not be flushed; console.warn by default);
   * `syncDirectory` replaces the directory flush (tests make it fail).
   */
  stateFileWrite?: StateFileWriteOptions;
  /** The store to work on (default: a new one). */
  store?: JobStore;
}

export interface EmulatorHandlerOptions extends HandlerOptions {
  /** Serve the /_emulator/ admin routes in front of the AWS protocol (default true). */
  admin?: boolean;
}

export interface EmulatorListenOptions extends ListenOptions, EmulatorHandlerOptions {}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  return new Emulator(options);
}

export class Emulator implements CodePipelineService {
  readonly store: JobStore;
  readonly clock: Clock;
  readonly timeouts: Readonly<EmulatorTimeouts>;
  readonly stateFile: string | undefined;
  private readonly stateFileWrite: StateFileWriteOptions;
  /** A change not yet saved. */
  private dirty = false;
  /** The state file's text as last written: what a failed save rolls back to. */
  private lastSaved: string | undefined;
  /** Gives the state file's lock back; undefined without a state file, or once closed. */
  private unlock: (() => void) | undefined;
  private closed = false;

  constructor(options: EmulatorOptions = {}) {
    this.clock = options.clock ?? Date;
    this.timeouts = { dispatchMs: options.timeouts?.dispatchMs ?? DEFAULT_TIMEOUTS.dispatchMs, jobMs: options.timeouts?.jobMs ?? DEFAULT_TIMEOUTS.jobMs };
    for (const [name, ms] of Object.entries(this.timeouts)) {
      if (!(Number.isFinite(ms) && ms > 0)) throw new RangeError(`timeouts.${name} must be a positive number of milliseconds; got ${ms}.`);
    }
    this.stateFile = options.stateFile;
    this.stateFileWrite = { ...options.stateFileWrite };
    this.store = options.store ?? new JobStore();
    for (const type of options.actionTypes ?? []) this.store.addActionType(type);

    if (this.stateFile !== undefined) this.unlock = lockStateFile(this.stateFile);
    try {
      const saved = this.stateFile === undefined ? undefined : readStateFile(this.stateFile);
      if (saved) for (const type of saved.actionTypes) this.store.addActionType(type);
      if (saved) for (const job of saved.jobs) this.store.add(job);
      const entries = parseJobEntries(options.jobs ?? [], "the jobs option", { requireId: this.stateFile !== undefined });
      for (const entry of entries) {
        if (entry.id === undefined || !this.store.has(modelJobId(entry.id))) this.store.add(jobFromEntry(entry));
      }
      // Jobs from a file or a caller's store start their history (and, handed out, their nonce and deadline) here.
      for (const job of this.store.all()) this.admit(job, "created");
      if (this.stateFile !== undefined) this.save();
    } catch (error) {
      this.close();
      throw error;
    }
  }

  /**
   * Gives the state file back (its lock), so that another emulator may keep it; from then
   * on a change this emulator would save is refused (the caller gets a 500). Without a
   * state file it does nothing. Stop the servers first.
   */
  close(): void {
    this.closed = true;
    this.unlock?.();
    this.unlock = undefined;
  }

  // The five operations. Each looks its job up, applies any timeout that has passed, then
  // checks what AWS checks, in the order AWS reports it: the job, the client token, the
  // nonce, the job's state. A job is found by its ID or, for a job a jobs file named, by
  // that label; the answers carry the ID, and messages name the job as the caller did.

  /** Hands out up to `maxBatchSize` (default 1) waiting jobs of the action type, oldest first. */
  async pollForThirdPartyJobs(input: PollForThirdPartyJobsServerInput, _context?: RequestContext) {
    return this.atomically(() => {
      const { actionTypeId, maxBatchSize = 1 } = input;
      if (!this.store.knowsActionType(actionTypeId)) {
        throw new ActionTypeNotFoundException({ message: `Action type ${actionTypeKey(actionTypeId)} does not exist.` });
      }
      this.expireAll();
      const key = actionTypeKey(actionTypeId);
      const jobs: ThirdPartyJob[] = [];
      for (const job of this.store.all()) {
        if (jobs.length >= maxBatchSize) break;
        if ((job.status === "Created" || job.status === "Queued") && actionTypeKey(job.actionTypeId ?? DEFAULT_ACTION_TYPE) === key) {
          job.nonce = String(randomInt(1, 2 ** 48)); // "a system-generated random number"
          this.transition(job, "Dispatched", "dispatched by PollForThirdPartyJobs", this.timeouts.dispatchMs);
          jobs.push({ jobId: job.id, clientId: job.clientId ?? clientIdFor(job.clientToken) });
        }
      }
      return { jobs };
    });
  }

  /** The job's data and nonce, while it is Dispatched or InProgress. */
  // Declared, not inferred: the inferred `nonce?: string | undefined` breaks the published
  // declaration for users who compile with exactOptionalPropertyTypes.
  async getThirdPartyJobDetails(input: GetThirdPartyJobDetailsServerInput, _context?: RequestContext): Promise<GetThirdPartyJobDetailsOutput> {
    return this.atomically(() => {
      const job = this.authorizedJob(input.jobId, input.clientToken);
      if (job.status === "Created" || job.status === "Queued") {
        throw new InvalidJobException({ message: `Job ${input.jobId} is ${job.status}: it has not been handed to a job worker.` });
      }
      if (FINAL_STATUSES.includes(job.status)) {
        throw new InvalidJobException({ message: `Job ${input.jobId} is ${job.status}: its details are given only while it is Dispatched or InProgress.` });
      }
      return { jobDetails: { id: job.id, data: jobData(job), ...(job.nonce !== undefined ? { nonce: job.nonce } : {}) } };
    });
  }

  /**
   * Dispatched -> InProgress. The answer is the job's status: acknowledging again (a retry)
   * or too late changes nothing and tells the worker where the job stands, so a worker
   * runs the job only when the status is InProgress.
   */
  async acknowledgeThirdPartyJob(input: AcknowledgeThirdPartyJobServerInput, _context?: RequestContext) {
    return this.atomically(() => {
      const job = this.authorizedJob(input.jobId, input.clientToken);
      if (job.status === "Created" || job.status === "Queued" || job.nonce === undefined) {
        throw new InvalidNonceException({ message: `Job ${input.jobId} is ${job.status}: it has not been dispatched, so it has no nonce yet.` });
      }
      if (input.nonce !== job.nonce) throw new InvalidNonceException({ message: `The nonce is not the one issued for job ${input.jobId}.` });
      if (job.status === "Dispatched") this.transition(job, "InProgress", "acknowledged", this.timeouts.jobMs);
      return { status: job.status };
    });
  }

  /**
   * InProgress -> Succeeded. With a continuation token the action is still running: as
   * the pipeline does, a new job for the same action is queued, carrying the token.
   */
  async putThirdPartyJobSuccessResult(input: PutThirdPartyJobSuccessResultServerInput, _context?: RequestContext) {
    this.atomically(() => {
      const job = this.authorizedJob(input.jobId, input.clientToken);
      if (job.status !== "InProgress") {
        throw new InvalidJobStateException({ message: `Job ${input.jobId} is ${job.status}; only an InProgress job can succeed.` });
      }
      job.result = {
        ...(input.currentRevision ? { currentRevision: input.currentRevision } : {}),
        ...(input.executionDetails ? { executionDetails: input.executionDetails } : {}),
        ...(input.continuationToken ? { continuationToken: input.continuationToken } : {}),
      };
      if (input.continuationToken === undefined) {
        this.transition(job, "Succeeded", "succeeded");
        return;
      }
      const next = this.continueJob(job, input.continuationToken);
      this.transition(job, "Succeeded", `succeeded with a continuation token; job ${next.id} continues it`);
    });
  }

  /** InProgress -> Failed. */
  async putThirdPartyJobFailureResult(input: PutThirdPartyJobFailureResultServerInput, _context?: RequestContext) {
    this.atomically(() => {
      const job = this.authorizedJob(input.jobId, input.clientToken);
      if (job.status !== "InProgress") {
        throw new InvalidJobStateException({ message: `Job ${input.jobId} is ${job.status}; only an InProgress job can fail.` });
      }
      job.failure = input.failureDetails;
      this.transition(job, "Failed", `failed: ${input.failureDetails.type}`);
    });
  }

  // For tests and the admin routes: jobs in and out. What comes out is a copy.

  /** Every job, oldest first, with timeouts applied. */
  jobs(): Job[] {
    return this.atomically(() => {
      this.expireAll();
      return structuredClone(this.store.all());
    });
  }

  /** One job, by its ID or its label, with its timeout applied. */
  job(id: string): Job | undefined {
    return this.atomically(() => {
      const job = this.store.get(id);
      if (job) this.expire(job);
      return job && structuredClone(job);
    });
  }

  /**
   * Adds jobs (Queued unless an entry says otherwise; an entry without an ID gets a UUID).
   * A bad entry is a JobEntryError naming `source`, the entry and the field, and then none
   * is added; so is an ID already taken (with `conflict` set).
   */
  createJobs(entries: readonly JobEntry[] | unknown, source = "the job list", event = "created"): Job[] {
    return this.atomically(() => {
      const parsed = parseJobEntries(entries, source, { requireId: false });
      for (const entry of parsed) {
        if (entry.id !== undefined && (this.store.has(entry.id) || this.store.has(modelJobId(entry.id)))) throw new JobEntryError(`${source}: job ${JSON.stringify(entry.id)} already exists.`, true);
      }
      return parsed.map((entry) => structuredClone(this.store.add(this.admit(jobFromEntry(entry), event))));
    });
  }

  createJob(entry: JobEntry): Job {
    return this.createJobs([entry])[0]!;
  }

  /** The awsJson endpoint, with the /_emulator/ admin routes in front of it unless `admin: false`. */
  handler(options: EmulatorHandlerOptions = {}): ServiceHandler {
    const { admin = true, ...handlerOptions } = options;
    const service = createCodePipelineServiceHandler(this, handlerOptions);
    return admin ? withAdminRoutes(this, service) : service;
  }

  /** Serves `handler(options)` on 127.0.0.1 (port 0, any free one, by default). */
  listen(options: EmulatorListenOptions = {}): Promise<RunningServer> {
    const { admin, authenticate, maxDepth, logger, validate, maxDecompressedBodyBytes, ...listenOptions } = options;
    const handlerOptions: EmulatorHandlerOptions = { admin, authenticate, maxDepth, logger, validate, maxDecompressedBodyBytes };
    for (const name of Object.keys(handlerOptions) as (keyof EmulatorHandlerOptions)[]) if (handlerOptions[name] === undefined) delete handlerOptions[name];
    return listen(this.handler(handlerOptions), listenOptions);
  }

  // The lifecycle.

  /** The job, after any timeout, if the client token is its own. */
  private authorizedJob(jobId: string, clientToken: string): Job {
    const job = this.store.get(jobId);
    if (!job) throw new JobNotFoundException({ message: `No job with ID ${jobId} exists.` });
    this.expire(job);
    if (job.clientToken !== clientToken) {
      throw new InvalidClientTokenException({ message: `The client token is not the one issued for job ${jobId}.` });
    }
    return job;
  }

  /** Fills in what a job from outside may lack: its client ID, its history, and, handed out, its nonce and deadline. */
  private admit(job: Job, event: string): Job {
    job.clientId ??= clientIdFor(job.clientToken);
    job.history ??= [{ at: this.nowIso(), status: job.status, event }];
    if (job.status === "Dispatched" || job.status === "InProgress") {
      job.nonce ??= String(randomInt(1, 2 ** 48));
      job.timesOutAt ??= this.isoIn(job.status === "Dispatched" ? this.timeouts.dispatchMs : this.timeouts.jobMs);
    }
    this.dirty = true;
    return job;
  }

  /** The next job of an action still running: same action, same client, the worker's token. */
  private continueJob(job: Job, continuationToken: string): Job {
    const { id, clientToken, clientId } = job;
    const next: Job = { id: randomUUID(), status: "Queued", clientId, clientToken, ...structuredClone(jobData(job)), continuationToken, previousJobId: id };
    job.nextJobId = next.id;
    return this.store.add(this.admit(next, `created to continue job ${job.id}`));
  }

  private expireAll(): void {
    for (const job of this.store.all()) this.expire(job);
  }

  private expire(job: Job): void {
    if ((job.status !== "Dispatched" && job.status !== "InProgress") || job.timesOutAt === undefined) return;
    if (this.clock.now() < Date.parse(job.timesOutAt)) return;
    const what = job.status === "Dispatched" ? "acknowledged" : "finished";
    this.transition(job, "TimedOut", `timed out: not ${what} by ${job.timesOutAt}`);
  }

  /** Moves the job on, notes it in its history, and sets (or clears) its deadline. */
  private transition(job: Job, status: JobStatus, event: string, timeoutMs?: number): void {
    job.status = status;
    (job.history ??= []).push({ at: this.nowIso(), status, event });
    if (timeoutMs === undefined) delete job.timesOutAt;
    else job.timesOutAt = this.isoIn(timeoutMs);
    this.dirty = true;
  }

  /** Runs `work`, then saves whatever changed (a timeout too) before anyone hears of it, even when `work` throws. */
  private atomically<T>(work: () => T): T {
    try {
      return work();
    } finally {
      if (this.dirty) this.save();
    }
  }

  private save(): void {
    this.dirty = false;
    if (this.stateFile === undefined) return;
    const text = formatState({ actionTypes: this.store.actionTypes(), jobs: this.store.all() }, this.nowIso());
    try {
      if (this.closed) throw new Error("this emulator is closed (close() gave the file back).");
      // It returns once the file holds `text` (a directory it cannot flush is only a warning).
      writeStateFile(this.stateFile, text, this.stateFileWrite);
      this.lastSaved = text;
    } catch (error) {
      // What was not saved did not happen: the caller gets a 500, the store what the file holds.
      if (this.lastSaved !== undefined) {
        const state = parseState(JSON.parse(this.lastSaved), this.stateFile);
        this.store.replaceAll(state.jobs, state.actionTypes);
      }
      throw new Error(`Cannot write the state file ${this.stateFile}: ${(error as Error).message}`);
    }
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private isoIn(ms: number): string {
    return new Date(this.clock.now() + ms).toISOString();
  }
}

/** What GetThirdPartyJobDetails tells the worker about the job. */
function jobData(job: Job): ThirdPartyJobData {
  const data: Record<string, unknown> = { actionTypeId: job.actionTypeId ?? DEFAULT_ACTION_TYPE };
  for (const name of JOB_DATA_FIELDS) if (job[name] !== undefined) data[name] = job[name];
  return data as ThirdPartyJobData;
}

function toMillis(time: number | string | Date): number {
  const ms = typeof time === "number" ? time : typeof time === "string" ? Date.parse(time) : time.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`Not a time: ${String(time)}.`);
  return ms;
}
