// The reference implementation of the service: each modeled error with its real meaning,
// over an in-memory job store. It is also the worked example to copy for a real server.
import {
  InvalidClientTokenException,
  InvalidJobStateException,
  JobNotFoundException,
  type CodePipelineService,
} from "../generated/service.js";
import type { JobStore } from "./jobs.js";

export { JOB_STATUSES, JobStore, type Job, type JobStatus } from "./jobs.js";

export function createReferenceService(store: JobStore): CodePipelineService {
  return {
    async putThirdPartyJobSuccessResult(input) {
      const job = store.get(input.jobId);
      if (!job) throw new JobNotFoundException({ message: `No job with ID ${input.jobId} exists.` });
      if (job.clientToken !== input.clientToken) {
        throw new InvalidClientTokenException({ message: `The client token is not the one issued for job ${input.jobId}.` });
      }
      if (job.status !== "InProgress") {
        throw new InvalidJobStateException({ message: `Job ${input.jobId} is ${job.status}; only an InProgress job can succeed.` });
      }
      job.result = {
        ...(input.currentRevision ? { currentRevision: input.currentRevision } : {}),
        ...(input.executionDetails ? { executionDetails: input.executionDetails } : {}),
        ...(input.continuationToken ? { continuationToken: input.continuationToken } : {}),
      };
      job.status = "Succeeded";
    },
  };
}
