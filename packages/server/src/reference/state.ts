// The emulator's state on disk (`--state FILE`): every job with its lifecycle, written
// after each change and before the answer goes out, to a temporary file that is then
// renamed over the old one, so a crash leaves either the old state or the new, never half.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import type { ActionTypeId, CurrentRevision, ExecutionDetails, FailureDetails } from "@codepipeline-partner/types";
import { codePointLength, validateActionTypeId, validateCurrentRevision, validateExecutionDetails, validateFailureDetails } from "@codepipeline-partner/validators";
import { JOB_ID_PATTERN, JOB_STATUSES, JobEntryError, jobFromEntry, modelJobId, parseJobEntry, type Job, type JobEvent, type JobStatus } from "./jobs.js";

export const STATE_VERSION = 1;

export interface SavedState {
  actionTypes: ActionTypeId[];
  jobs: Job[];
}

/** The state file's text. Dates (a revision's `created`) become ISO 8601 strings. */
export function formatState(state: SavedState, savedAt: string): string {
  return `${JSON.stringify({ emulatorState: STATE_VERSION, savedAt, actionTypes: state.actionTypes, jobs: state.jobs }, null, 2)}\n`;
}

/** Writes `text` to `file` atomically: a temporary file beside it, flushed, then renamed. */
export function writeStateFile(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, "w", 0o600); // it holds client tokens
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** The state saved in `file`, or undefined when there is no such file yet. */
export function readStateFile(file: string): SavedState | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new JobEntryError(`Cannot read the state file ${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new JobEntryError(`The state file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseState(value, file);
}

export function parseState(value: unknown, file: string): SavedState {
  const state = value as Record<string, unknown> | null;
  if (typeof state !== "object" || state === null || state.emulatorState !== STATE_VERSION) {
    throw new JobEntryError(`${file} is not a state file of this emulator (no "emulatorState": ${STATE_VERSION}).`);
  }
  if (!Array.isArray(state.actionTypes)) throw new JobEntryError(`${file}: "actionTypes" must be an array.`);
  if (!Array.isArray(state.jobs)) throw new JobEntryError(`${file}: "jobs" must be an array.`);
  const actionTypes = state.actionTypes.map((type: unknown, index) => {
    const result = validateActionTypeId(type);
    if (!result.ok) throw new JobEntryError(`${file}, action type ${index}: ${result.message}`);
    return type as ActionTypeId;
  });
  const jobs = state.jobs.map((job: unknown, index) => parseSavedJob(job, `${file}, job ${index}`));
  return { actionTypes, jobs };
}

const LIFECYCLE_FIELDS = ["timesOutAt", "result", "failure", "previousJobId", "nextJobId", "history"] as const;

/** A job as saved: an entry, as in a jobs file, plus where it stands in its life. */
function parseSavedJob(value: unknown, where: string): Job {
  if (typeof value !== "object" || value === null) throw new JobEntryError(`${where}: expected an object.`);
  const { label, timesOutAt, result, failure, previousJobId, nextJobId, history, ...entry } = value as Record<string, unknown>;
  let job = jobFromEntry(parseJobEntry(entry, where, { requireId: true, saved: true }));
  if (label !== undefined) {
    if (typeof label !== "string" || label === "" || codePointLength(label) > 512 || JOB_ID_PATTERN.test(label)) {
      throw new JobEntryError(`${where}: "label" must be a name of 1 to 512 characters that is not a job ID.`);
    }
    const { id, label: _, ...rest } = job;
    job = { id, label, ...rest };
  }
  if (timesOutAt !== undefined) job.timesOutAt = isoTime(timesOutAt, `${where}: "timesOutAt"`);
  if (result !== undefined) job.result = parseResult(result, where);
  if (failure !== undefined) {
    const checked = validateFailureDetails(failure);
    if (!checked.ok) throw new JobEntryError(`${where}, "failure": ${checked.message}`);
    job.failure = failure as FailureDetails;
  }
  for (const [name, link] of [["previousJobId", previousJobId], ["nextJobId", nextJobId]] as const) {
    if (link === undefined) continue;
    if (typeof link !== "string") throw new JobEntryError(`${where}: "${name}" must be a string.`);
    // A state file from before job IDs had to be UUIDs links by the old names.
    job[name] = modelJobId(link);
  }
  if (history !== undefined) {
    if (!Array.isArray(history)) throw new JobEntryError(`${where}: "history" must be an array.`);
    job.history = history.map((event: unknown, index) => parseEvent(event, `${where}, history ${index}`));
  }
  for (const name of LIFECYCLE_FIELDS) if (job[name] === undefined) delete job[name];
  return job;
}

function parseResult(value: unknown, where: string): NonNullable<Job["result"]> {
  if (typeof value !== "object" || value === null) throw new JobEntryError(`${where}: "result" must be an object.`);
  const { currentRevision, executionDetails, continuationToken } = value as Record<string, unknown>;
  const result: NonNullable<Job["result"]> = {};
  if (currentRevision !== undefined) {
    // Saved with `created` as an ISO string; the validator reads the wire form (epoch seconds).
    const revision = { ...(currentRevision as Record<string, unknown>) };
    const created = revision.created === undefined ? undefined : new Date(isoTime(revision.created, `${where}: "result.currentRevision.created"`));
    const checked = validateCurrentRevision({ ...revision, created: created === undefined ? undefined : created.getTime() / 1000 });
    if (!checked.ok) throw new JobEntryError(`${where}, "result.currentRevision": ${checked.message}`);
    result.currentRevision = { ...revision, ...(created ? { created } : {}) } as unknown as CurrentRevision;
  }
  if (executionDetails !== undefined) {
    const checked = validateExecutionDetails(executionDetails);
    if (!checked.ok) throw new JobEntryError(`${where}, "result.executionDetails": ${checked.message}`);
    result.executionDetails = executionDetails as ExecutionDetails;
  }
  if (continuationToken !== undefined) {
    if (typeof continuationToken !== "string") throw new JobEntryError(`${where}: "result.continuationToken" must be a string.`);
    result.continuationToken = continuationToken;
  }
  return result;
}

function parseEvent(value: unknown, where: string): JobEvent {
  const { at, status, event } = (value ?? {}) as Record<string, unknown>;
  if (!JOB_STATUSES.includes(status as JobStatus)) throw new JobEntryError(`${where}: "status" must be one of ${JOB_STATUSES.join(", ")}.`);
  if (typeof event !== "string") throw new JobEntryError(`${where}: "event" must be a string.`);
  return { at: isoTime(at, `${where}: "at"`), status: status as JobStatus, event };
}

function isoTime(value: unknown, what: string): string {
  if (typeof value !== "string" || Number.isNaN(Date.parse(value))) throw new JobEntryError(`${what} must be a date and time in ISO 8601.`);
  return value;
}
