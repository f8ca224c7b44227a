// `generate --watch`: regenerate on every change under model/, a line per run, Smithy's
// diagnostics when the model is invalid, and never an exit on a bad model.
import { watch as watchFiles } from "node:fs";
import path from "node:path";
import { GenerateError } from "./errors.js";
import { OWNED_DIRS, REPO_ROOT, runPipeline } from "./pipeline.js";
import { writeGenerated } from "./writer.js";

export function watch(log: (line: string) => void): Promise<number> {
  const modelDir = path.join(REPO_ROOT, "model");
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  const changed = new Set<string>();

  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    const started = performance.now();
    const what = changed.size > 0 ? [...changed].sort().join(", ") : "start";
    changed.clear();
    try {
      const { files } = await runPipeline({ log: () => {} });
      const report = await writeGenerated(REPO_ROOT, files, OWNED_DIRS);
      const written = [...report.written, ...report.deleted];
      console.log(`[watch] ${what}: ${written.length} file(s) changed${written.length > 0 ? ` (${written.join(", ")})` : ""} in ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      if (!(error instanceof GenerateError)) throw error;
      console.log(`[watch] ${what}: ${error.message}`);
      if (error.details) console.log(error.details);
    } finally {
      running = false;
      if (again) {
        again = false;
        void run();
      }
    }
  };

  watchFiles(modelDir, { recursive: true }, (_, file) => {
    if (file) changed.add(`model/${file}`);
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 150);
  });
  log(`[watch] watching ${path.relative(process.cwd(), modelDir) || modelDir}; Ctrl-C stops`);
  void run();
  return new Promise(() => {});
}
