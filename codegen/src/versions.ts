// Tool versions for the headers of generated files, and where this package's own files are.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

const CODEGEN_PACKAGE = "@codepipeline-partner/codegen";

/**
 * The codegen package's folder (package.json, pom.xml's smithy/): the nearest folder above
 * the running code with its package.json. The code runs from src/ (tests, the npm scripts,
 * through tsx) or from the bundle in dist/ (the installed bin), at different depths.
 */
export const CODEGEN_DIR = packageDirAbove(import.meta.dirname, CODEGEN_PACKAGE);

/** The codegen's version, for headers, user agents and scaffolds' dependency ranges. */
export const CODEGEN_VERSION = (JSON.parse(readFileSync(path.join(CODEGEN_DIR, "package.json"), "utf8")) as { version: string }).version;

/** The installed version of an npm package, from its package.json. */
export function packageVersion(name: string): string {
  const dir = packageDirAbove(path.dirname(require.resolve(name)), name);
  return (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
}

/** The nearest folder at or above `start` whose package.json names `name` and a version. */
function packageDirAbove(start: string, name: string): string {
  for (let dir = start; ; ) {
    try {
      const parsed = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (parsed.name === name && parsed.version) return dir;
    } catch {
      // not this folder; keep climbing
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json found for ${name} above ${start}`);
    dir = parent;
  }
}

/** A Maven property from the toolchain's pom.xml, such as smithy.version. */
export function pomProperty(pom: string, name: string): string {
  const match = new RegExp(`<${name.replace(/\./g, "\\.")}>([^<]+)</`).exec(pom);
  if (!match) throw new Error(`pom.xml does not set <${name}>`);
  return match[1]!;
}
