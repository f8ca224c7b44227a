// Runs the codegen CLI of a repository (the real one or a scratch copy) as a user would.
import path from "node:path";
import { run, type RunResult } from "../../codegen/src/smithy/toolchain.js";
import { REPO_ROOT } from "./repo.js";

export type CliResult = RunResult;

const TSX = path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs");

export function runCli(root: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  return run(process.execPath, [TSX, path.join(root, "codegen", "src", "cli.ts"), ...args], { cwd: root, env });
}
