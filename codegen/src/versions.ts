// Tool versions for the headers of generated files.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** The installed version of an npm package, from its package.json. */
export function packageVersion(name: string): string {
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    const manifest = path.join(dir, "package.json");
    try {
      const parsed = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string };
      if (parsed.name === name && parsed.version) return parsed.version;
    } catch {
      // not this folder; keep climbing
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json found for ${name}`);
    dir = parent;
  }
}

/** A Maven property from the toolchain's pom.xml, such as smithy.version. */
export function pomProperty(pom: string, name: string): string {
  const match = new RegExp(`<${name.replace(/\./g, "\\.")}>([^<]+)</`).exec(pom);
  if (!match) throw new Error(`pom.xml does not set <${name}>`);
  return match[1]!;
}
