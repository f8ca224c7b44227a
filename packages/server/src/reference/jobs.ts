// The jobs the reference server (the emulator) works on: what a job holds, the store that
// keeps them in order of arrival, and the reading of job entries from a jobs file, a state
// file or the admin routes, refused with a message that names the entry and the field.
import { createHash } from "node:crypto";
import type { ActionTypeId, CurrentRevision, ExecutionDetails, FailureDetails, ThirdPartyJobData } from "@codepipeline-partner/types";
import { codePointLength, validateThirdPartyJob, validateThirdPartyJobData } from "@codepipeline-partner/validators";

/** CodePipeline's job statuses. */
export const JOB_STATUSES = ["Created", "Queued", "Dispatched", "InProgress", "TimedOut", "Succeeded", "Failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Statuses a job never leaves. */
export const FINAL_STATUSES: readonly JobStatus[] = ["Succeeded", "Failed", "TimedOut"];

/** The action type of a job that names none (the jobs files of old said nothing about it). */
export const DEFAULT_ACTION_TYPE: ActionTypeId = Object.freeze({ category: "Deploy", owner: "ThirdParty", provider: "Emulator", version: "1" });

/** The members of ThirdPartyJobData: a job entry gives them at its top level. */
export const JOB_DATA_FIELDS = ["actionTypeId", "actionConfiguration", "pipelineContext", "inputArtifacts", "outputArtifacts", "artifactCredentials", "continuationToken", "encryptionKey"] as const;

/**
 * What the model allows as the job ID PollForThirdPartyJobs hands out: a lowercase UUID.
 * Any other ID a jobs file gives becomes the job's label (see `jobIdFor`).
 */
export const JOB_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What a jobs file entry, or a POST to /_emulator/jobs, may say about a job. */
export interface JobEntry extends ThirdPartyJobData {
  /**
   * Required in a jobs file (so that a restart with --state knows it again); made up when
   * created over HTTP. A name that is not a lowercase UUID (`"job-1"`) becomes the job's
   * `label`, and its ID the UUID `jobIdFor(name)`.
   */
  id?: string;
  /** The secret the worker proves itself with on every call about the job. */
  clientToken: string;
  /** What PollForThirdPartyJobs hands out next to the job ID; by default derived from the client token. */
  clientId?: string;
  /** Default Queued. A Dispatched or InProgress job gets a nonce (and a deadline) when it is loaded. */
  status?: JobStatus;
  /** The nonce of a Dispatched or InProgress job, when a test wants to know it in advance. */
  nonce?: string;
}

/** One step in a job's life, as the admin routes and the state file show it. */
export interface JobEvent {
  /** When, in ISO 8601. */
  at: string;
  /** The status the job had after it. */
  status: JobStatus;
  /** What happened, in a few words. */
  event: string;
}

export interface Job extends ThirdPartyJobData {
  /** A lowercase UUID, as the model's JobId says. */
  id: string;
  /** The name the jobs file gave the job when that was not a UUID; the admin routes and the operations find the job by it too. */
  label?: string;
  clientToken: string;
  status: JobStatus;
  clientId?: string;
  /** Issued when the job is dispatched; AcknowledgeThirdPartyJob must echo it. */
  nonce?: string;
  /** When a Dispatched or InProgress job times out, in ISO 8601. */
  timesOutAt?: string;
  /** What the worker reported when the job succeeded. */
  result?: { currentRevision?: CurrentRevision; executionDetails?: ExecutionDetails; continuationToken?: string };
  /** What the worker reported when the job failed. */
  failure?: FailureDetails;
  /** The job this one continues (its success carried this job's continuation token). */
  previousJobId?: string;
  /** The job that continues this one. */
  nextJobId?: string;
  history?: JobEvent[];
}

/** A job entry that cannot be used; the message names where it came from, the entry and the field. */
export class JobEntryError extends Error {
  /** True when the entry is fine but its ID is taken. */
  readonly conflict: boolean;
  constructor(message: string, conflict = false) {
    super(message);
    this.name = "JobEntryError";
    this.conflict = conflict;
  }
}

export class JobStore {
  private readonly jobs = new Map<string, Job>();
  /** Label -> ID. Labels never look like IDs, so one lookup serves both. */
  private readonly labels = new Map<string, string>();
  private readonly types = new Map<string, ActionTypeId>();

  constructor(jobs: Job[] = [], actionTypes: readonly ActionTypeId[] = []) {
    for (const type of actionTypes) this.addActionType(type);
    for (const job of jobs) this.add({ ...job });
  }

  /** The job with this ID, or else with this label. */
  get(idOrLabel: string): Job | undefined {
    return this.jobs.get(idOrLabel) ?? this.jobs.get(this.labels.get(idOrLabel) ?? "");
  }

  has(idOrLabel: string): boolean {
    return this.get(idOrLabel) !== undefined;
  }

  /** Every job, oldest first: the order PollForThirdPartyJobs hands them out in. */
  all(): Job[] {
    return [...this.jobs.values()];
  }

  /**
   * Adds a job (and its action type); a job with the same ID is replaced. A job whose ID is
   * not a lowercase UUID is stored under `jobIdFor(id)`, labelled with the ID it had: what is
   * stored (and returned) is then a new object.
   */
  add(job: Job): Job {
    if (!JOB_ID_PATTERN.test(job.id)) {
      const { id, label = id, ...rest } = job;
      job = { id: jobIdFor(id), label, ...rest };
    }
    this.jobs.set(job.id, job);
    if (job.label !== undefined) this.labels.set(job.label, job.id);
    this.addActionType(job.actionTypeId ?? DEFAULT_ACTION_TYPE);
    return job;
  }

  /** Forgets every job and action type, then adds these: how a failed save is undone. */
  replaceAll(jobs: Job[], actionTypes: readonly ActionTypeId[]): void {
    this.jobs.clear();
    this.labels.clear();
    this.types.clear();
    for (const type of actionTypes) this.addActionType(type);
    for (const job of jobs) this.add(job);
  }

  /** Action types are known once a job or the emulator's options name them. */
  addActionType(type: ActionTypeId): void {
    const key = actionTypeKey(type);
    if (!this.types.has(key)) this.types.set(key, { category: type.category, owner: type.owner, provider: type.provider, version: type.version });
  }

  knowsActionType(type: ActionTypeId): boolean {
    return this.types.has(actionTypeKey(type));
  }

  actionTypes(): ActionTypeId[] {
    return [...this.types.values()];
  }

  /**
   * Jobs from parsed JSON: an array of job entries ({ id, clientToken, status? } and,
   * optionally, the members of ThirdPartyJobData). Anything else is refused with a message
   * naming the entry and the field.
   */
  static fromJson(value: unknown, source = "the jobs file"): JobStore {
    return new JobStore(parseJobEntries(value, source, { requireId: true }).map((entry) => jobFromEntry(entry)));
  }
}

/** `Deploy/ThirdParty/MyProvider/1`. */
export function actionTypeKey(type: ActionTypeId): string {
  return `${type.category}/${type.owner}/${type.provider}/${type.version}`;
}

/** Job entries a user wrote: each checked, IDs unique within the list. */
export function parseJobEntries(value: unknown, source: string, options: { requireId: boolean }): JobEntry[] {
  if (!Array.isArray(value)) throw new JobEntryError(`${source} must hold a JSON array of jobs, not ${describeJson(value)}.`);
  const entries = value.map((entry: unknown, index) => parseJobEntry(entry, `${source}, entry ${index}`, options));
  const seen = new Map<string, string>();
  for (const entry of entries) {
    if (entry.id === undefined) continue;
    const id = modelJobId(entry.id);
    const before = seen.get(id);
    if (before === entry.id) throw new JobEntryError(`${source}: job ${JSON.stringify(entry.id)} appears twice.`);
    if (before !== undefined) throw new JobEntryError(`${source}: jobs ${JSON.stringify(before)} and ${JSON.stringify(entry.id)} are one job (${id}).`);
    seen.set(id, entry.id);
  }
  return entries;
}

/** The job ID an entry's `id` stands for: itself when it is a lowercase UUID, else `jobIdFor(it)`. */
export function modelJobId(given: string): string {
  return JOB_ID_PATTERN.test(given) ? given : jobIdFor(given);
}

const ENTRY_FIELDS = new Set<string>(["id", "clientToken", "clientId", "status", "nonce", ...JOB_DATA_FIELDS]);

/**
 * One job entry; `where` names it in messages (`jobs.json, entry 3`). `saved` reads an
 * entry of the state file, where a finished job keeps the nonce it was dispatched with.
 */
export function parseJobEntry(value: unknown, where: string, options: { requireId: boolean; saved?: boolean }): JobEntry {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new JobEntryError(`${where}: expected an object with id, clientToken and status, not ${describeJson(value)}.`);
  }
  const fields = value as Record<string, unknown>;
  const unknown = Object.keys(fields).find((name) => !ENTRY_FIELDS.has(name));
  if (unknown !== undefined) throw new JobEntryError(`${where}: unknown field ${JSON.stringify(unknown)}; a job may have ${[...ENTRY_FIELDS].join(", ")}.`);

  const { id, clientToken, clientId, status, nonce } = fields;
  if (id !== undefined || options.requireId) checkString(id, "id", where, 512);
  checkString(clientToken, "clientToken", where, 256);
  if (clientId !== undefined) {
    const result = typeof clientId === "string" ? validateThirdPartyJob({ clientId }) : undefined;
    if (!result?.ok) throw new JobEntryError(`${where}: "clientId" must be a lowercase UUID; got ${JSON.stringify(clientId)}.`);
  }
  if (status !== undefined && !JOB_STATUSES.includes(status as JobStatus)) {
    throw new JobEntryError(`${where}: "status" must be one of ${JOB_STATUSES.join(", ")}; got ${JSON.stringify(status)}.`);
  }
  if (nonce !== undefined) {
    checkString(nonce, "nonce", where, 50);
    // Dispatching issues a fresh nonce: only a job already handed out can have one.
    const handedOut = options.saved ? status !== "Created" && status !== "Queued" : status === "Dispatched" || status === "InProgress";
    if (!handedOut) throw new JobEntryError(`${where}: "nonce" is only for a Dispatched or InProgress job.`);
  }

  // The data members are checked by the model's own validator, which names the member path.
  const data: Record<string, unknown> = {};
  for (const name of JOB_DATA_FIELDS) if (fields[name] !== undefined) data[name] = fields[name];
  const result = validateThirdPartyJobData(data);
  if (!result.ok) {
    const problem = result.kind === "validation" ? result.issues.map((issue) => issue.message).join("; ") : result.message;
    throw new JobEntryError(`${where}: ${problem}`);
  }
  return { ...(data as ThirdPartyJobData), ...(id !== undefined ? { id: id as string } : {}), clientToken: clientToken as string, ...(clientId !== undefined ? { clientId: clientId as string } : {}), ...(status !== undefined ? { status: status as JobStatus } : {}), ...(nonce !== undefined ? { nonce: nonce as string } : {}) };
}

/**
 * A new job from an entry: Queued unless it says otherwise, with its client ID and action
 * type. An ID that is not a lowercase UUID becomes the label of a job with ID `jobIdFor(it)`.
 */
export function jobFromEntry(entry: JobEntry, given = entry.id ?? crypto.randomUUID()): Job {
  const { id: _, status = "Queued", clientToken, clientId = clientIdFor(clientToken), actionTypeId = DEFAULT_ACTION_TYPE, ...rest } = entry;
  const named = JOB_ID_PATTERN.test(given) ? { id: given } : { id: jobIdFor(given), label: given };
  return { ...named, status, clientId, clientToken, actionTypeId: { ...actionTypeId }, ...rest };
}

/**
 * The job ID that goes with a name that is not one (`"job-1"`): a UUID (version 8, RFC
 * 9562's form for IDs made another way) derived from the name, the same on every run, so a
 * restart with `--state` knows the jobs of the same jobs file again.
 */
export function jobIdFor(name: string): string {
  const hex = createHash("sha256").update(`codepipeline-emulator-job:${name}`).digest("hex");
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The client ID that goes with a client token. At AWS the pair belongs to the action's
 * configuration, so every job of one action shares it: here it is derived from the token
 * (a UUID-shaped digest), the same on every run.
 */
export function clientIdFor(clientToken: string): string {
  const hex = createHash("sha256").update(`codepipeline-emulator:${clientToken}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function checkString(value: unknown, field: string, where: string, max: number): void {
  if (typeof value !== "string" || value === "") throw new JobEntryError(`${where}: "${field}" must be a non-empty string.`);
  if (codePointLength(value) > max) throw new JobEntryError(`${where}: "${field}" must be at most ${max} characters long.`);
}

function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
