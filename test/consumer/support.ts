// What the consumer tier's tests share: running a command as a user would, in a project
// outside the repository.
import { execFile } from "node:child_process";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

// The children get no NODE_OPTIONS: a developer's own (the source condition, say) must not
// leak in, nor tsx, since the built packages are what is tested.
const { NODE_OPTIONS: _, ...childEnv } = process.env;

/** Runs a command to its end and resolves with its exit code and output; never rejects on a non-zero exit. */
export function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: childEnv, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
