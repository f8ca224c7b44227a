// The reference implementation of the service, an emulator of CodePipeline's partner-job
// loop: each modeled error with its real meaning, over an in-memory job store. It is also
// the worked example to copy for a real server.
//
//   const clock = new ManualClock();
//   const emulator = createEmulator({ jobs: [{ id: "job-1", clientToken: "tok-1" }], clock });
//   const server = await emulator.listen();        // server.url; /_emulator/jobs for the admin routes
//   clock.advance(DEFAULT_TIMEOUTS.dispatchMs);    // a dispatched job left alone is TimedOut now
//   emulator.job("job-1")?.status;
import { Emulator, type EmulatorOptions } from "./emulator.js";
import type { JobStore } from "./jobs.js";
export type { StateFileWriteOptions } from "./state.js";

export { ADMIN_PREFIX, withAdminRoutes } from "./admin.js";
export {
  createEmulator,
  DEFAULT_TIMEOUTS,
  Emulator,
  ManualClock,
  type Clock,
  type EmulatorHandlerOptions,
  type EmulatorListenOptions,
  type EmulatorOptions,
  type EmulatorTimeouts,
} from "./emulator.js";
export {
  actionTypeKey,
  clientIdFor,
  DEFAULT_ACTION_TYPE,
  FINAL_STATUSES,
  JOB_STATUSES,
  JOB_ID_PATTERN,
  JobEntryError,
  jobIdFor,
  JobStore,
  parseJobEntries,
  type Job,
  type JobEntry,
  type JobEvent,
  type JobStatus,
} from "./jobs.js";

/** The service over `store`: the emulator, for callers that bring their own store. */
export function createReferenceService(store: JobStore, options: Omit<EmulatorOptions, "store"> = {}): Emulator {
  return new Emulator({ ...options, store });
}
