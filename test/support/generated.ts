// Generates the packages for a model folder with the real pipeline and writes them where
// tests can import and type-check them.
import { existsSync } from "node:fs";
import { cp, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { runPipeline, type PipelineOptions } from "../../codegen/src/pipeline.js";
import type { GeneratedFile } from "../../codegen/src/writer.js";
import { CACHE_DIR, REPO_ROOT } from "./repo.js";

export interface GeneratedPackages {
  /** Folder holding `types/src` and `validators/src`, generated and runtime files alike. */
  dir: string;
  files: Map<string, string>;
}

/** Runs Smithy and our targets on `modelDir`; writes the packages under .cache/test-packages/<name>. */
export async function generatePackages(
  name: string,
  modelDir: string,
  options: { configPath?: string; targets?: PipelineOptions["targets"] } = {},
): Promise<GeneratedPackages> {
  const { files } = await runPipeline({ modelDir, ...options, cacheDir: CACHE_DIR });
  const dir = path.join(REPO_ROOT, ".cache", "test-packages", name);
  await rm(dir, { recursive: true, force: true });
  await writePackages(dir, files);
  return { dir, files: new Map(files.map((file) => [file.path, file.contents])) };
}

export async function writePackages(dir: string, files: GeneratedFile[]): Promise<void> {
  for (const file of files) {
    const match = /^packages\/([^/]+)\/(.+)$/.exec(file.path);
    if (!match) continue;
    const target = path.join(dir, match[1]!, match[2]!);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.contents);
  }
  // The hand-written runtime the generated validators import.
  const runtime = path.join(dir, "validators", "src", "runtime");
  if (!existsSync(runtime)) await cp(path.join(REPO_ROOT, "packages", "validators", "src", "runtime"), runtime, { recursive: true });
  const modules = path.join(dir, "node_modules");
  if (!existsSync(modules)) await symlink(path.join(REPO_ROOT, "node_modules"), modules, "dir");
}
