// Small file-system helpers shared by the Smithy runner, the writer and the caches.
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

/** Every file under `dir`, recursively, as absolute paths in sorted order. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * One hash over named inputs: a folder (every file's relative path and bytes), a file,
 * or a literal string.
 */
export async function hashTree(inputs: Array<[string, string | null, string?]>): Promise<string> {
  const hash = createHash("sha256");
  for (const [name, location, literal] of inputs) {
    hash.update(`\0${name}\0`);
    if (location === null) {
      hash.update(literal ?? "");
      continue;
    }
    const info = await stat(location);
    const files = info.isDirectory() ? await listFiles(location) : [location];
    for (const file of files) {
      hash.update(`\0${path.relative(location, file).split(path.sep).join("/")}\0`);
      hash.update(await readFile(file));
    }
  }
  return hash.digest("hex");
}
