// Small file-system helpers shared by the Smithy runner and the writer.
import { readdir } from "node:fs/promises";
import path from "node:path";

/** Every file under `dir`, recursively, as absolute paths in sorted order. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
