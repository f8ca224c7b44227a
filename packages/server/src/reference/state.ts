// The emulator's state on disk (`--state FILE`): every job with its lifecycle, written
// after each change and before the answer goes out, to a temporary file that is then
// renamed over the old one, so a crash leaves either the old state or the new, never half.
// One emulator at a time keeps a state file: it holds FILE.lock, which names its process
// and its thread (emulators in worker threads share the process, not what they hold).
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { threadId } from "node:worker_threads";
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

export interface StateFileWriteOptions {
  /** Flushes a directory, so that a rename in it survives a power cut (default: fsync; tests make it fail). */
  syncDirectory?: (directory: string) => void;
  /** Where a failure that does not undo the write is said, in one line (default console.warn). */
  warn?: (message: string) => void;
}

/**
 * Writes `text` to `file` atomically: a temporary file beside it (a name no other write
 * uses), flushed, renamed over `file`, and then the directory flushed, so that the rename
 * itself survives a power cut. Once the rename is done the file holds `text`: a directory
 * that cannot be flushed then is a warning, not a failed write (undoing the caller's change
 * would leave it disagreeing with the file).
 */
export function writeStateFile(file: string, text: string, options: StateFileWriteOptions = {}): void {
  const temporary = uniqueName(file, "tmp");
  try {
    const fd = openSync(temporary, "wx", 0o600); // it holds client tokens
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
  const directory = path.dirname(file);
  try {
    (options.syncDirectory ?? syncDirectory)(directory);
  } catch (error) {
    const warn = options.warn ?? ((message: string) => console.warn(message));
    warn(`The state file ${file} is saved, but its directory could not be flushed (${(error as Error).message}): a power cut now may lose this save.`);
  }
}

/** `file.<pid>.<random>.<suffix>`: beside `file`, and unlike any other process's or write's. */
function uniqueName(file: string, suffix: string): string {
  return `${file}.${process.pid}.${randomBytes(6).toString("hex")}.${suffix}`;
}

function syncDirectory(directory: string): void {
  // Windows cannot open a directory to flush it (and its renames are durable without it).
  if (process.platform === "win32") return;
  const fd = openSync(directory, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The lock files this process holds, released when it exits. */
const heldLocks = new Set<string>();
let releaseOnExit = false;

/** Who holds a lock: a process, and the thread in it (none in a lock from before threads were named). */
interface LockOwner {
  pid: number;
  threadId?: number;
}

/**
 * Takes `file`'s lock, `file.lock`, which holds this process's ID and this thread's
 * (`pid:threadId`), and answers the function that gives it back. A lock whose process is
 * gone is taken over; a live one, or one of another thread of this process, is an Error
 * naming its holder and the lock file.
 */
export function lockStateFile(file: string): () => void {
  const lock = path.resolve(`${file}.lock`);
  if (heldLocks.has(lock)) {
    throw new Error(`The state file ${file} is in use by another emulator in this process (close it first: emulator.close()).`);
  }
  for (let attempt = 0; attempt < 10; attempt++) {
    if (createLock(lock)) {
      heldLocks.add(lock);
      if (!releaseOnExit) {
        releaseOnExit = true;
        process.on("exit", () => {
          for (const held of heldLocks) removeOwnLock(held);
        });
      }
      return () => {
        if (heldLocks.delete(lock)) removeOwnLock(lock);
      };
    }
    const owner = lockOwner(lock);
    if (owner === "gone") continue;
    if (owner !== undefined && owner.pid !== process.pid && processExists(owner.pid)) {
      throw new Error(
        `The state file ${file} is in use by the emulator with process ID ${owner.pid} (its lock file is ${lock}): stop that one, or give this one another state file. If no emulator runs, delete ${lock}.`,
      );
    }
    // Another thread of this process holds it (worker threads share the process ID, not
    // heldLocks). Our own thread in a lock we do not hold is a lock left by an emulator
    // that did not close, here or in an earlier process that had our ID.
    if (owner !== undefined && owner.pid === process.pid && owner.threadId !== undefined && owner.threadId !== threadId) {
      throw new Error(
        `The state file ${file} is in use by another emulator in this process, in thread ${owner.threadId} (its lock file is ${lock}): close that one (emulator.close()), or give this one another state file.`,
      );
    }
    takeOverStaleLock(lock, owner);
  }
  throw new Error(`Cannot take the lock file ${lock}: it keeps changing hands. Is another emulator starting on ${file}?`);
}

/** Creates the lock naming this process and thread, whole or not at all (a hard link of a written file); false when there is one. */
function createLock(lock: string): boolean {
  const temporary = uniqueName(lock, "new");
  try {
    writeFileSync(temporary, `${process.pid}:${threadId}\n`, { flag: "wx", mode: 0o644 });
    linkSync(temporary, lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new Error(`Cannot create the lock file ${lock}: ${(error as Error).message}`);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Who a lock file names; undefined when it names no one, "gone" when there is no lock file. */
function lockOwner(lock: string): LockOwner | undefined | "gone" {
  let text: string;
  try {
    text = readFileSync(lock, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw new Error(`Cannot read the lock file ${lock}: ${(error as Error).message}`);
  }
  const match = /^(\d+)(?::(\d+))?\n?$/.exec(text);
  if (!match) return undefined;
  return match[2] === undefined ? { pid: Number(match[1]) } : { pid: Number(match[1]), threadId: Number(match[2]) };
}

function sameOwner(a: LockOwner | undefined, b: LockOwner | undefined): boolean {
  return a?.pid === b?.pid && a?.threadId === b?.threadId;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // it exists, as another user's
  }
}

/**
 * Moves a stale lock aside and removes it. Two emulators may both find it stale: the move
 * is atomic, so one of them moves it; a lock moved aside that turns out to be another
 * emulator's fresh one is put back, and the next look sees its owner alive.
 */
function takeOverStaleLock(lock: string, staleOwner: LockOwner | undefined): void {
  const aside = uniqueName(lock, "stale");
  try {
    renameSync(lock, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw new Error(`Cannot take over the stale lock file ${lock}: ${(error as Error).message}`);
  }
  try {
    const moved = lockOwner(aside);
    if (moved !== "gone" && !sameOwner(moved, staleOwner)) {
      try {
        linkSync(aside, lock);
      } catch {
        // A third emulator has the lock by now: the next look finds it.
      }
    }
  } finally {
    rmSync(aside, { force: true });
  }
}

/** Removes the lock file if it still names this process and thread. */
function removeOwnLock(lock: string): void {
  const owner = lockOwner(lock);
  if (owner !== "gone" && sameOwner(owner, { pid: process.pid, threadId })) rmSync(lock, { force: true });
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
