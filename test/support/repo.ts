// Helpers for tests that need the repository's files or a scratch copy of it.
import { existsSync } from "node:fs";
import { cp, mkdtemp, mkdir, readdir, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO_ROOT } from "../../codegen/src/pipeline.js";

export { REPO_ROOT };

/**
 * The node flag that resolves the workspace packages to their sources, as vitest and tsc do
 * (the first condition of their exports): a process a test starts on the repository's code
 * needs it, since a clone has no build. Processes using the published packages must not.
 */
export const SOURCE_CONDITION = "--conditions=@codepipeline-partner/source";

/** The Smithy cache is keyed by content hash, so scratch copies may share it. */
export const CACHE_DIR = path.join(REPO_ROOT, ".cache", "smithy");

export async function readRepoFile(relative: string): Promise<string> {
  return readFile(path.join(REPO_ROOT, relative), "utf8");
}

export async function readRepoJson<T = Record<string, unknown>>(relative: string): Promise<T> {
  return JSON.parse(await readRepoFile(relative)) as T;
}

/** A temporary folder, removed by the returned function. */
export async function scratchDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A copy of the model folder, for tests that change it. */
export async function copyModel(into: string): Promise<string> {
  const modelDir = path.join(into, "model");
  await cp(path.join(REPO_ROOT, "model"), modelDir, { recursive: true });
  return modelDir;
}

/**
 * A working copy of the repository (sources and committed outputs, node_modules linked)
 * where the real CLI can run. `sharedCache: false` gives it an empty cache of its own.
 */
export async function copyRepo(into: string, options: { sharedCache?: boolean } = {}): Promise<string> {
  const root = path.join(into, "repo");
  await mkdir(root, { recursive: true });
  for (const entry of ["package.json", "tsconfig.json", ".prettierrc.json", "smithy-build.json", "model", "codegen", "generated", "packages"]) {
    const from = path.join(REPO_ROOT, entry);
    // Skip any node_modules a package may have: the copy links its own below.
    if (existsSync(from)) await cp(from, path.join(root, entry), { recursive: true, filter: (file) => !file.includes(`${path.sep}node_modules`) });
  }
  await linkNodeModules(root);
  if (options.sharedCache ?? true) {
    await mkdir(path.join(REPO_ROOT, ".cache"), { recursive: true });
    await symlink(path.join(REPO_ROOT, ".cache"), path.join(root, ".cache"), "dir");
  }
  return root;
}

/**
 * node_modules for a copy: every installed package linked from this checkout, except the
 * workspace packages, which link to the copy's own packages/ so its regenerated code is used.
 */
async function linkNodeModules(root: string): Promise<void> {
  const source = path.join(REPO_ROOT, "node_modules");
  const target = path.join(root, "node_modules");
  await mkdir(path.join(target, "@codepipeline-partner"), { recursive: true });
  for (const entry of await readdir(source)) {
    if (entry === "@codepipeline-partner") continue;
    await symlink(path.join(source, entry), path.join(target, entry), "dir");
  }
  for (const entry of await readdir(path.join(source, "@codepipeline-partner"))) {
    const own = path.join(root, entry === "codegen" ? "codegen" : path.join("packages", entry));
    await symlink(own, path.join(target, "@codepipeline-partner", entry), "dir");
  }
}
