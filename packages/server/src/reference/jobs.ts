// An in-memory store of third-party jobs, the state the reference implementation works on.
import type { CurrentRevision, ExecutionDetails } from "@codepipeline-partner/types";

/** CodePipeline's job statuses. */
export const JOB_STATUSES = ["Created", "Queued", "Dispatched", "InProgress", "TimedOut", "Succeeded", "Failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface Job {
  id: string;
  clientToken: string;
  status: JobStatus;
  /** What the worker reported when the job succeeded. */
  result?: { currentRevision?: CurrentRevision; executionDetails?: ExecutionDetails; continuationToken?: string };
}

export class JobStore {
  private readonly jobs = new Map<string, Job>();

  constructor(jobs: Job[] = []) {
    for (const job of jobs) this.jobs.set(job.id, { ...job });
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  all(): Job[] {
    return [...this.jobs.values()];
  }

  /**
   * Jobs from parsed JSON: an array of { id, clientToken, status }. Anything else is
   * refused with a message naming the entry and the field.
   */
  static fromJson(value: unknown, source = "the jobs file"): JobStore {
    if (!Array.isArray(value)) throw new Error(`${source} must hold a JSON array of jobs, not ${value === null ? "null" : typeof value}.`);
    const jobs = value.map((entry: unknown, index) => {
      const where = `${source}, entry ${index}`;
      if (typeof entry !== "object" || entry === null) throw new Error(`${where}: expected an object with id, clientToken and status.`);
      const { id, clientToken, status } = entry as Record<string, unknown>;
      if (typeof id !== "string" || id === "") throw new Error(`${where}: "id" must be a non-empty string.`);
      if (typeof clientToken !== "string" || clientToken === "") throw new Error(`${where}: "clientToken" must be a non-empty string.`);
      if (!JOB_STATUSES.includes(status as JobStatus)) throw new Error(`${where}: "status" must be one of ${JOB_STATUSES.join(", ")}; got ${JSON.stringify(status)}.`);
      return { id, clientToken, status: status as JobStatus };
    });
    const seen = new Set<string>();
    for (const job of jobs) {
      if (seen.has(job.id)) throw new Error(`${source}: job ${JSON.stringify(job.id)} appears twice.`);
      seen.add(job.id);
    }
    return new JobStore(jobs);
  }
}
