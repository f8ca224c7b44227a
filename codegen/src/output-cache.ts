// The files of recent generations, each under a hash of everything it was made from:
// the Smithy build's inputs, this generator's own sources, the versions of the tools
// that write and format code, and the options. A `generate` or `check` with nothing
// changed reads its files from here and compares them with the disk, instead of loading
// the model and running every target (it then loads neither ts-morph nor a formatter).
// `--no-cache` bypasses it, as it does the Smithy build cache.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { hashTree } from "./files.js";
import { CODEGEN_DIR, packageVersion } from "./versions.js";
import type { GeneratedFile } from "./writer.js";

/** The generator's running code: codegen/src (tsx), or its bundle in dist/ (the installed bin). */
const CODE_DIR = import.meta.dirname;
/** This repository, when the generator runs from its sources (an installed one has neither file). */
const PROJECT_ROOT = path.resolve(CODEGEN_DIR, "..");

/** Tools whose version can change what is written: the code printers and the formatter. */
const TOOLS = ["ts-morph", "typescript", "oxfmt", "openapi-typescript", "json-schema-to-typescript"];

export interface OutputKeyParts {
  /** The Smithy build's input hash (model, smithy-build.json, codegen/smithy/). */
  smithyInputs: string;
  /** Anything else the outputs depend on: the model's path as headers name it, the targets chosen. */
  options: Record<string, unknown>;
}

export async function outputKey({ smithyInputs, options }: OutputKeyParts): Promise<string> {
  const lockfile = path.join(PROJECT_ROOT, "package-lock.json");
  return hashTree([
    ["smithy", null, smithyInputs],
    ["options", null, JSON.stringify(options)],
    ["codegen/src", CODE_DIR],
    ["codegen/package.json", path.join(CODEGEN_DIR, "package.json")],
    // The bundle carries the formatting options inside it.
    [".prettierrc.json", existsSync(path.join(PROJECT_ROOT, ".prettierrc.json")) ? path.join(PROJECT_ROOT, ".prettierrc.json") : null, "bundled"],
    ["package-lock.json", existsSync(lockfile) ? lockfile : null, "none"],
    // The lockfile may be absent (a copy of the tree); the tools' installed versions are not.
    ["tools", null, TOOLS.map((tool) => `${tool}@${packageVersion(tool)}`).join(" ")],
    // Sorting uses the runtime's collation.
    ["node", null, process.version],
  ]);
}

export async function readOutputs(dir: string, key: string): Promise<GeneratedFile[] | undefined> {
  try {
    return (JSON.parse(await readFile(path.join(dir, `${key}.json`), "utf8")) as { files: GeneratedFile[] }).files;
  } catch {
    return undefined; // absent, or cut short by a crash: generate afresh
  }
}

/** Stores a generation's files (written whole, then renamed) and keeps the most recent `keep`. */
export async function storeOutputs(dir: string, key: string, files: GeneratedFile[], keep = 8): Promise<void> {
  await mkdir(dir, { recursive: true });
  const scratch = path.join(dir, `${key}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  await writeFile(scratch, JSON.stringify({ files }));
  await rename(scratch, path.join(dir, `${key}.json`));
  const entries = await Promise.all(
    (await readdir(dir))
      .filter((name) => /^[0-9a-f]{64}\.json$/.test(name))
      .map(async (name) => ({ file: path.join(dir, name), mtime: (await stat(path.join(dir, name)).catch(() => ({ mtimeMs: 0 }))).mtimeMs })),
  );
  entries.sort((a, b) => b.mtime - a.mtime);
  await Promise.all(entries.slice(keep).map((entry) => rm(entry.file, { force: true })));
}
