// A job-worker runtime for CodePipeline partner actions, over the generated client.
export { DEFAULT_POLL_BACKOFF, pollDelay, type PollBackoff } from "./backoff.js";
export { JobWorkerFatalError, UNSENT_POLL_ATTEMPTS } from "./errors.js";
export { safeFailureMessage, SAFE_MESSAGE_LENGTH } from "./failure.js";
export { JobWorkerOptionsError } from "./options.js";
export { createJobWorker, DEFAULT_GRACE_PERIOD_MS, type JobOutcome, type JobWorker, type JobWorkerOptions, type WorkerJob, type WorkerLogger } from "./worker.js";
