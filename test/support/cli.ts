// Runs the codegen CLI of a repository (the real one or a scratch copy) as a user would.
import { spawn } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "./repo.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const TSX = path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs");

export function runCli(root: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, path.join(root, "codegen", "src", "cli.ts"), ...args], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
