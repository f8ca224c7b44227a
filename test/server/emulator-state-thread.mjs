// A worker thread of emulator-state.test.ts: creates an emulator on workerData.stateFile
// (from the repository's TypeScript, as the test runs it), says whether it got the lock,
// and holds it until told to close. Plain JavaScript: a worker thread starts without tsx.
import { register } from "tsx/esm/api";
import { parentPort, threadId, workerData } from "node:worker_threads";

register();
const { createEmulator } = await import("@codepipeline-partner/server/reference");
let emulator;
try {
  emulator = createEmulator({ stateFile: workerData.stateFile });
  parentPort.postMessage({ threadId, holds: true });
} catch (error) {
  parentPort.postMessage({ threadId, holds: false, error: error.message });
}
parentPort.once("message", () => {
  emulator?.close();
  parentPort.close();
});
