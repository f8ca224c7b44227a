// `generate --watch`: regenerate on every change under model/, a line per run, Smithy's
// diagnostics when the model is invalid, and never an exit on a bad model.
//
// Node 20's `fs.watch(dir, { recursive: true })` on Linux watches each file it found, so
// a save by rename (sed -i, and most editors: write a temp file, rename it over the
// original) leaves it watching the replaced file, and it never sees a later save. Here
// every folder is watched on its own (a folder's watch sees renames into it), any event
// only starts a short quiet period, and what changed is decided by comparing the model
// files' contents with those of the last run: editors' temp, swap and backup files, and
// saves that change nothing, never start a run.
import { createHash } from "node:crypto";
import { watch as watchFolder, type FSWatcher } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { GenerateError } from "./errors.js";
import { REPO_ROOT, runPipeline } from "./pipeline.js";
import { EVENT_LINE } from "./smithy/diagnostics.js";
import { BUILDING_LINE } from "./smithy/toolchain.js";
import { writeGenerated } from "./writer.js";

/**
 * Whether Smithy would load this file of a model folder: `.smithy` and `.json` files, but
 * not hidden ones (`.x.smithy.swp`, `.#x.smithy`), backups (`x.smithy~`), Emacs
 * autosaves (`#x.smithy#`) or temp files (`sedAb12Cd`, `x.smithy.tmp`, `x.smithy___jb_tmp___`).
 */
export function isModelFile(relative: string): boolean {
  const segments = relative.split(/[\\/]/);
  if (segments.some((segment) => /^[.#]/.test(segment))) return false;
  return /\.(smithy|json)$/.test(segments.at(-1)!);
}

/** Each model file under `dir` (relative, `/`-separated) with a hash of its contents. */
export async function snapshotModel(dir: string): Promise<Map<string, string>> {
  const snapshot = new Map<string, string>();
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return snapshot; // no folder, no model files: the build says what is wrong
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
    if (!isModelFile(relative)) continue;
    try {
      snapshot.set(relative, createHash("sha256").update(await readFile(path.join(dir, relative))).digest("hex"));
    } catch {
      // Gone between the listing and the read: a later event reports it.
    }
  }
  return snapshot;
}

/** The files added, changed or removed between two snapshots, sorted. */
export function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

/**
 * Runs `task` now, or, if it is running, once more when it ends: any number of calls
 * during a run give exactly one more run. `onError` gets what the task throws.
 */
export function coalesce(task: () => Promise<void>, onError: (error: unknown) => void): () => void {
  let running = false;
  let again = false;
  const start = (): void => {
    running = true;
    void task()
      .catch(onError)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          start();
        }
      });
  };
  return () => {
    if (running) again = true;
    else start();
  };
}

export interface ModelWatcherOptions {
  /** The model folder. */
  modelDir: string;
  /** Changed files are named relative to this folder (default: the model folder's parent). */
  root?: string;
  /** How long the folder must stay quiet after an event before a run (default 150 ms). */
  quietMs?: number;
  /**
   * Called once at the start (with no files), then once for each settled change with the
   * model files that changed; never while a call is still running. What it throws goes to
   * `onError` and watching goes on.
   */
  onChange: (changed: string[]) => Promise<void>;
  onError: (error: unknown) => void;
}

/** Watches a model folder and its subfolders; `close()` stops. */
export function watchModel(options: ModelWatcherOptions): { close: () => void } {
  const { modelDir, quietMs = 150 } = options;
  const root = options.root ?? path.dirname(modelDir);
  const watchers = new Map<string, FSWatcher>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: Map<string, string> | undefined;
  let closed = false;

  const settle = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(trigger, quietMs);
  };

  // One watch per folder, the model folder's parent included (for the model folder being
  // removed and made again); folders that appeared are watched at the next run.
  const watchFolders = async () => {
    const folders = new Set([modelDir]);
    try {
      for (const entry of await readdir(modelDir, { recursive: true, withFileTypes: true })) {
        if (entry.isDirectory()) folders.add(path.join(entry.parentPath, entry.name));
      }
    } catch {
      folders.clear();
    }
    for (const [folder, watcher] of watchers) {
      if (folder !== path.dirname(modelDir) && !folders.has(folder)) {
        watcher.close();
        watchers.delete(folder);
      }
    }
    const watchOne = (folder: string, listener: (event: string, name: string | null) => void) => {
      if (closed || watchers.has(folder)) return;
      try {
        const watcher = watchFolder(folder, listener);
        watcher.on("error", () => {
          watcher.close();
          watchers.delete(folder);
          settle();
        });
        watchers.set(folder, watcher);
      } catch {
        // Removed since the listing: the event that removed it starts the next run.
      }
    };
    watchOne(path.dirname(modelDir), (_, name) => {
      if (name === null || name === path.basename(modelDir)) settle();
    });
    for (const folder of folders) watchOne(folder, settle);
  };

  const trigger = coalesce(async () => {
    await watchFolders();
    const now = await snapshotModel(modelDir);
    const first = last === undefined;
    const changed = last ? changedFiles(last, now) : [];
    last = now;
    if (!first && changed.length === 0) return;
    const relativeModelDir = path.relative(root, modelDir).split(path.sep).join("/");
    await options.onChange(changed.map((file) => (relativeModelDir ? `${relativeModelDir}/${file}` : file)));
  }, options.onError);

  trigger();
  return {
    close: () => {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

/** At most this many written files are named in a run's line. */
const NAMED = 5;

/**
 * `generate --watch` in this checkout: a line per run on stdout naming the model files that
 * changed, what was written and how long it took, then Smithy's warnings; Smithy's
 * diagnostics when the model is invalid. Toolchain progress (Maven, javac) goes to `log`.
 */
export function watch(log: (line: string) => void, options: { root?: string; service?: string; print?: (line: string) => void } = {}): Promise<number> {
  const root = options.root ?? REPO_ROOT;
  const print = options.print ?? ((line: string) => console.log(line));
  const modelDir = path.join(root, "model");

  watchModel({
    modelDir,
    root,
    onChange: async (changed) => {
      const started = performance.now();
      const what = changed.length > 0 ? changed.join(", ") : "start";
      const warnings: string[] = [];
      const toolchainLog = (line: string) => {
        if (EVENT_LINE.test(line)) warnings.push(line);
        else if (line !== BUILDING_LINE) log(line);
      };
      try {
        const { files, ownedDirs } = await runPipeline({ root, service: options.service, log: toolchainLog });
        const report = await writeGenerated(root, files, ownedDirs);
        const written = [...report.written, ...report.deleted];
        const named = written.length > NAMED ? [...written.slice(0, NAMED), `and ${written.length - NAMED} more`] : written;
        const ms = Math.round(performance.now() - started);
        print(`[watch] ${what}: ${written.length} file(s) changed${named.length > 0 ? ` (${named.join(", ")})` : ""} in ${ms} ms`);
      } catch (error) {
        const ms = Math.round(performance.now() - started);
        if (!(error instanceof GenerateError)) {
          // A bug of ours, not the model's: say so, with the stack, and keep watching.
          print(`[watch] ${what}: the generator failed after ${ms} ms (a bug in codegen/, not in the model):`);
          console.error(error);
          return;
        }
        print(`[watch] ${what}: ${error.message} (${ms} ms)`);
        if (error.details) print(error.details);
      } finally {
        for (const warning of warnings) print(warning);
      }
    },
    onError: (error) => console.error(error),
  });
  log(`[watch] watching ${path.relative(process.cwd(), modelDir) || modelDir}; Ctrl-C stops`);
  return new Promise(() => {});
}
