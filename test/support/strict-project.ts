// Generated code in a consumer's strict project, checked in-process: the files written into
// a folder of their own inside the repository (so the runtime packages resolve from its
// node_modules), compiled by tsc with the repository's options and every strict flag.
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ModelIR } from "../../codegen/src/ir/types.js";
import { resolveLayout } from "../../codegen/src/layout.js";
import { emitClient } from "../../codegen/src/targets/client.js";
import { emitServer } from "../../codegen/src/targets/server.js";
import { emitTypes } from "../../codegen/src/targets/types.js";
import { emitValidators } from "../../codegen/src/targets/validators.js";
import { REPO_ROOT } from "./repo.js";
import { projectTypeErrors } from "./snippets.js";
import { STRICT_FLAGS } from "./strict-flags.js";

export interface ProjectFile {
  path: string;
  contents: string;
}

/** A project's own folders for each target, as its codegen section would name them. */
export const PROJECT_FOLDERS = { types: "src/generated/types", validators: "src/generated/validators", client: "src/generated/client", server: "src/generated/server" };

/** Every TypeScript target's files for `ir`, each under its folder of PROJECT_FOLDERS, importing the runtime as such a project does. */
export function emitIntoProject(ir: ModelIR): ProjectFile[] {
  const { imports } = resolveLayout({ output: PROJECT_FOLDERS }, "codegen");
  const outputs = { types: emitTypes(ir), validators: emitValidators(ir, imports), client: emitClient(ir, { version: "0.0.0", imports }), server: emitServer(ir, imports) };
  return Object.entries(outputs).flatMap(([target, files]) => files.map((file) => ({ path: `${PROJECT_FOLDERS[target as keyof typeof PROJECT_FOLDERS]}/${file.path}`, contents: file.contents })));
}

/**
 * tsc's errors in `files` (written into `dir`, emptied first) under STRICT_FLAGS. Only
 * theirs: the runtime's sources are compiled by the packages' own checks.
 */
export async function strictTypeErrors(dir: string, files: ProjectFile[]): Promise<string[]> {
  await rm(dir, { recursive: true, force: true });
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file.path)), { recursive: true });
    await writeFile(path.join(dir, file.path), file.contents);
  }
  const tsFiles = files.filter((file) => file.path.endsWith(".ts")).map((file) => file.path);
  await writeFile(path.join(dir, "tsconfig.json"), JSON.stringify({ extends: path.join(REPO_ROOT, "tsconfig.json"), compilerOptions: STRICT_FLAGS, include: [], files: tsFiles }));
  const generated = new Set(tsFiles);
  return projectTypeErrors(path.join(dir, "tsconfig.json"), (file) => generated.has(file));
}
