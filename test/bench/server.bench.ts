// Requests per second and p99 latency of the server stub against a bare node:http server
// (the anchor), each loaded by autocannon on 127.0.0.1 for a bounded time and count.
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "../support/repo.js";
import type { Row } from "./table.js";
import { VALID } from "./validators.bench.js";

const BODY = JSON.stringify({ ...VALID, jobId: "bench-job", clientToken: "bench-token" });

async function start(kind: "stub" | "bare"): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "test", "bench", "server-process.ts"), kind], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding("utf8").once("data", (line: string) => resolve(line.trim()));
    child.once("exit", () => reject(new Error(`the ${kind} server exited`)));
  });
  return { url, stop: () => child.kill() };
}

async function load(url: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "CodePipeline_20150709.PutThirdPartyJobSuccessResult" },
    body: BODY,
    connections: 32,
    duration: seconds,
    maxOverallRequests: 2_000_000, // a ceiling on requests; `duration` ends the run first
  });
}

export async function benchServer(seconds: number): Promise<Row[]> {
  const results = new Map<string, autocannon.Result>();
  for (const [name, kind] of [["bare node:http, JSON.parse only (anchor)", "bare"], ["generated stub: validation, reference handler", "stub"]] as const) {
    const server = await start(kind);
    try {
      await load(server.url, 1); // warm up
      const result = await load(server.url, seconds);
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
      results.set(name, result);
    } finally {
      server.stop();
    }
  }
  const anchor = results.get("bare node:http, JSON.parse only (anchor)")!.requests.average;
  return [...results].map(([name, result]) => ({
    group: "server under load (autocannon, 32 connections)",
    name,
    value: `${Math.round(result.requests.average).toLocaleString("en")} req/s, p99 ${result.latency.p99} ms`,
    ratio: result.requests.average / anchor,
  }));
}
