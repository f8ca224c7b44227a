// A workspace of generated packages for a model other than ours: each package is the
// repository's (runtime, index, package.json) with its src/generated/ replaced by what the
// targets produced, and node_modules resolves @codepipeline-partner/* to these copies, so
// a test can import the generated client and server of its own model and run them.
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { GeneratedFile } from "../../codegen/src/writer.js";
import { REPO_ROOT } from "./repo.js";

const GENERATED_PACKAGES = ["types", "validators", "client", "server"];

/** Writes the workspace under .cache/test-workspaces/<name> and returns its folder. */
export async function generatedWorkspace(name: string, files: GeneratedFile[]): Promise<string> {
  const dir = path.join(REPO_ROOT, ".cache", "test-workspaces", name);
  await rm(dir, { recursive: true, force: true });
  for (const pkg of GENERATED_PACKAGES) {
    await cp(path.join(REPO_ROOT, "packages", pkg), path.join(dir, pkg), {
      recursive: true,
      filter: (from) => !from.includes(`${path.sep}node_modules`) && !from.includes(`${path.sep}src${path.sep}generated`),
    });
  }
  for (const file of files) {
    const match = /^packages\/([^/]+)\/(.+)$/.exec(file.path);
    if (!match || !GENERATED_PACKAGES.includes(match[1]!)) continue;
    const target = path.join(dir, match[1]!, match[2]!);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.contents);
  }
  const modules = path.join(dir, "node_modules");
  await mkdir(path.join(modules, "@codepipeline-partner"), { recursive: true });
  for (const entry of await readdir(path.join(REPO_ROOT, "node_modules"))) {
    if (entry !== "@codepipeline-partner" && entry !== ".bin") await symlink(path.join(REPO_ROOT, "node_modules", entry), path.join(modules, entry), "dir");
  }
  for (const entry of await readdir(path.join(REPO_ROOT, "packages"))) {
    const own = GENERATED_PACKAGES.includes(entry) ? path.join(dir, entry) : path.join(REPO_ROOT, "packages", entry);
    if (existsSync(path.join(own, "package.json"))) await symlink(own, path.join(modules, "@codepipeline-partner", entry), "dir");
  }
  return dir;
}
