// The reference server (`npm run serve`) in a process of its own, as a user starts it:
// its URL once it listens, its stderr (the request log) as it comes, its exit.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { REPO_ROOT, SOURCE_CONDITION } from "./repo.js";

const TSX = path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const SERVE = path.join(REPO_ROOT, "packages", "server", "src", "reference", "serve.ts");

export interface ServeProcess {
  child: ChildProcess;
  /** Set once it prints `listening on URL`. */
  url?: string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<number | string>;
  stop(): Promise<void>;
}

export interface ServeOptions {
  env?: NodeJS.ProcessEnv;
  /** A soft file-descriptor limit to run it under (through `sh -c 'ulimit -n N'`). */
  descriptorLimit?: number;
}

/** Starts the reference server; resolves once it listens or has exited. */
export function startServe(args: string[], options: ServeOptions = {}): Promise<ServeProcess> {
  const env = { ...stripAwsEnv(process.env), ...options.env };
  const child =
    options.descriptorLimit === undefined
      ? spawn(process.execPath, [TSX, SOURCE_CONDITION, SERVE, ...args], { stdio: ["ignore", "pipe", "pipe"], env })
      : spawn("sh", ["-c", `ulimit -n ${options.descriptorLimit} && exec "$0" "$@"`, process.execPath, TSX, SOURCE_CONDITION, SERVE, ...args], { stdio: ["ignore", "pipe", "pipe"], env });
  let out = "";
  let err = "";
  const exited = new Promise<number | string>((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown")));
  const running: ServeProcess = {
    child,
    stderr: () => err,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
  return new Promise((resolve) => {
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      const url = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1];
      if (url && !running.url) {
        running.url = url;
        resolve(running);
      }
    });
    void exited.then(() => resolve(running));
  });
}

/** The test's own AWS_* and npm_config_* variables must not leak into the server's flags. */
function stripAwsEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith("AWS_") && !name.startsWith("npm_config_") && name !== "CODEPIPELINE_PARTNER_CREDENTIALS") copy[name] = value;
  }
  return copy;
}

/** Polls until `predicate` holds or `timeoutMs` passes. */
export async function eventually(predicate: () => boolean, timeoutMs = 5_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
