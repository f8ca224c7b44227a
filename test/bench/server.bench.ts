// The server under load: requests per second and the server's CPU time per answer on
// each path (success, a modeled error, a validation error, a serialization error, and
// success with SigV4 verification on), each against a bare node:http server that only
// parses the JSON and answers 200 (the anchor), measured in the same run. Two more rows
// show what node:http alone spends on what the protocol asks of an answer: the bare server
// reading the headers and answering 200 with a request ID, and answering with our modeled
// error's bytes.
//
// Each server runs in a process of its own (server-process.ts) and reports the CPU time
// it used over each load, so a figure is the server's own cost even when the load
// generator, sharing the machine's cores, caps the request rate. The bare server and
// every path are loaded in turn, round after round; each ratio is the median over the
// rounds of that round's ratio, each value the median over the rounds.
import autocannon from "autocannon";
import { HttpRequest as SmithyRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Sha256 } from "../../packages/server/src/runtime/auth.js";
import { REPO_ROOT } from "../support/repo.js";
import { BENCH_CREDENTIALS, BENCH_JOB, BENCH_SIGNING_DATE } from "./server-process.js";
import type { Row } from "./table.js";
import { format, VALID } from "./validators.bench.js";

const CONNECTIONS = 10;
const ROUNDS = 5;
const TARGET = "CodePipeline_20150709.PutThirdPartyJobSuccessResult";
const CONTENT_TYPE = "application/x-amz-json-1.1";
const body = (changes: Record<string, unknown>) => JSON.stringify({ ...VALID, jobId: BENCH_JOB.id, clientToken: BENCH_JOB.clientToken, ...changes });

export type Kind = "bare" | "bare-success" | "bare-error" | "stub" | "stub-sync" | "adapter-error" | "signed";

export interface Case {
  name: string;
  server: Kind;
  body: string;
  /** The status and X-Amzn-Errortype every answer must have. */
  expect: { status: number; type: string | null };
}

const ANCHOR = "bare node:http, JSON.parse only (anchor)";
export const CASES: Case[] = [
  { name: ANCHOR, server: "bare", body: body({}), expect: { status: 200, type: null } },
  {
    name: "bare node:http, reading the headers, answering 200 with a request ID",
    server: "bare-success",
    body: body({}),
    expect: { status: 200, type: null },
  },
  {
    name: "bare node:http, answering our modeled error's bytes",
    server: "bare-error",
    body: body({ jobId: "no-such-job" }),
    expect: { status: 400, type: "JobNotFoundException" },
  },
  { name: "ours: success", server: "stub", body: body({}), expect: { status: 200, type: null } },
  { name: "ours: modeled error (unknown job)", server: "stub", body: body({ jobId: "no-such-job" }), expect: { status: 400, type: "JobNotFoundException" } },
  {
    name: "ours: validation error (2 issues)",
    server: "stub",
    body: body({ clientToken: "", currentRevision: { ...VALID.currentRevision, changeIdentifier: "x".repeat(101) } }),
    expect: { status: 400, type: "ValidationException" },
  },
  {
    name: "ours: serialization error (wrong type)",
    server: "stub",
    body: body({ executionDetails: { ...VALID.executionDetails, percentComplete: "100" } }),
    expect: { status: 400, type: "SerializationException" },
  },
  { name: "ours: success, SigV4 verified", server: "signed", body: body({}), expect: { status: 200, type: null } },
];

interface Server {
  url: string;
  host: string;
  /** The server's CPU time, in µs, since the previous call. */
  cpu: () => Promise<number>;
  stop: () => void;
  /** Closes its stdin: the server exits (writing its --cpu-prof profile). */
  end: () => void;
  exited: () => Promise<void>;
}

/**
 * Cores for the servers and for the load generator, when `taskset` can pin them: the
 * servers share the last core this process may use, the bench's own process (autocannon)
 * has the others. On two cores, unpinned, the two took turns on both, and a row's CPU per
 * answer moved by 0.05-0.1 of the anchor's between runs; pinned, by about 0.02.
 */
const ALLOWED = allowedCpus();
const CAN_PIN = ALLOWED !== undefined && ALLOWED.cores.length >= 2 && spawnSync("taskset", ["-V"]).status === 0;
const SERVER_CORE = CAN_PIN ? String(ALLOWED.cores.at(-1)) : undefined;
/** Whether the load generator is pinned now (the rows say so). */
let pinned = false;

/** The CPUs this process may run on (Linux's Cpus_allowed_list), as listed and one by one. */
function allowedCpus(): { list: string; cores: number[] } | undefined {
  try {
    const list = /^Cpus_allowed_list:\s*(\S+)$/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (!list) return undefined;
    const cores = list.split(",").flatMap((range) => {
      const [first, last = first] = range.split("-").map(Number) as [number, number?];
      return Array.from({ length: last - first + 1 }, (_, i) => first + i);
    });
    return cores.every(Number.isInteger) ? { list, cores } : undefined;
  } catch {
    return undefined; // not Linux
  }
}

/** Runs `during` with this process on every allowed core but the servers' one, when it can be pinned. */
export async function withLoadGeneratorPinned<T>(during: () => Promise<T>): Promise<T> {
  const pin = (cores: string) => spawnSync("taskset", ["-a", "-p", "-c", cores, String(process.pid)], { stdio: "ignore" }).status === 0;
  pinned = CAN_PIN && pin(ALLOWED!.cores.slice(0, -1).join(","));
  try {
    return await during();
  } finally {
    if (pinned) pin(ALLOWED!.list);
    pinned = false;
  }
}

export async function start(kind: Kind, nodeOptions: string[] = []): Promise<Server> {
  const command = [process.execPath, ...nodeOptions, "--import", "tsx", path.join(REPO_ROOT, "test", "bench", "server-process.ts"), kind];
  const child = spawn(SERVER_CORE ? "taskset" : command[0]!, SERVER_CORE ? ["-c", SERVER_CORE, ...command] : command.slice(1), {
    cwd: REPO_ROOT,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let buffered = "";
  child.stdout!.setEncoding("utf8").on("data", (text: string) => {
    buffered += text;
    for (let end = buffered.indexOf("\n"); end >= 0; end = buffered.indexOf("\n")) {
      const line = buffered.slice(0, end).trim();
      buffered = buffered.slice(end + 1);
      const waiter = waiting.shift();
      failures.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  let exited = false;
  const failures: ((error: Error) => void)[] = [];
  child.once("exit", () => {
    exited = true;
    for (const fail of failures.splice(0)) fail(new Error(`the ${kind} server exited`));
  });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      if (lines.length > 0) return resolve(lines.shift()!);
      if (exited) return reject(new Error(`the ${kind} server exited`));
      waiting.push(resolve);
      failures.push(reject);
    });
  const url = await next();
  return {
    url,
    host: new URL(url).host,
    cpu: async () => {
      child.stdin!.write("cpu\n");
      return Number(await next());
    },
    stop: () => child.kill(),
    exited: () => (exited ? Promise.resolve() : new Promise<void>((resolve) => child.once("exit", () => resolve()))),
    end: () => child.stdin!.end(),
  };
}

/** The headers of a case's request; for the signed server, signed once, at a fixed date. */
export async function headersFor(testCase: Case, host: string): Promise<Record<string, string>> {
  const headers: Record<string, string> = { host, "content-type": CONTENT_TYPE, "x-amz-target": TARGET };
  if (testCase.server !== "signed") return headers;
  const signer = new SignatureV4({ credentials: BENCH_CREDENTIALS, region: "us-east-1", service: "codepipeline", sha256: Sha256 });
  const signed = await signer.sign(new SmithyRequest({ method: "POST", protocol: "http:", hostname: host, path: "/", headers, body: testCase.body }), {
    signingDate: BENCH_SIGNING_DATE,
  });
  return signed.headers as Record<string, string>;
}

/** One request first: the case must get the answer it claims to measure. */
export async function check(testCase: Case, server: Server, headers: Record<string, string>): Promise<void> {
  const { host: _, ...sent } = headers;
  const answer = await fetch(server.url, { method: "POST", headers: sent, body: testCase.body });
  await answer.text();
  const got = { status: answer.status, type: answer.headers.get("x-amzn-errortype") };
  if (got.status !== testCase.expect.status || got.type !== testCase.expect.type) {
    throw new Error(`${testCase.name}: expected ${JSON.stringify(testCase.expect)}, got ${JSON.stringify(got)}`);
  }
}

interface Measurement {
  requestsPerSecond: number;
  cpuPerAnswer: number;
}

export async function load(testCase: Case, server: Server, headers: Record<string, string>, seconds: number): Promise<Measurement> {
  await server.cpu();
  const result = await autocannon({
    url: server.url,
    method: "POST",
    headers,
    body: testCase.body,
    connections: CONNECTIONS,
    duration: seconds,
    maxOverallRequests: 100_000 * seconds, // a ceiling on requests; `duration` ends the run first
  });
  const cpu = await server.cpu();
  const answered = result.requests.total;
  const stats = (result.statusCodeStats ?? {}) as Record<string, { count: number } | undefined>;
  const expected = stats[String(testCase.expect.status)]?.count ?? 0;
  if (result.errors > 0 || result.timeouts > 0 || expected !== answered || answered === 0) {
    throw new Error(`${testCase.name}: ${answered} answers, ${expected} of them ${testCase.expect.status}, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return { requestsPerSecond: answered / (result.duration || seconds), cpuPerAnswer: cpu / answered };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export async function benchServer(seconds: number, rounds = ROUNDS): Promise<Row[]> {
  return withLoadGeneratorPinned(() => measureServers(seconds, rounds));
}

async function measureServers(seconds: number, rounds: number): Promise<Row[]> {
  const servers = new Map<Kind, Server>();
  try {
    for (const kind of ["bare", "bare-success", "bare-error", "stub", "signed"] as const) servers.set(kind, await start(kind));
    const headers = new Map<Case, Record<string, string>>();
    for (const testCase of CASES) {
      const server = servers.get(testCase.server)!;
      headers.set(testCase, await headersFor(testCase, server.host));
      await check(testCase, server, headers.get(testCase)!);
      await load(testCase, server, headers.get(testCase)!, 1); // warm up
    }
    const measured = new Map<Case, Measurement[]>(CASES.map((testCase) => [testCase, []]));
    for (let round = 0; round < rounds; round++) {
      for (const testCase of CASES) {
        measured.get(testCase)!.push(await load(testCase, servers.get(testCase.server)!, headers.get(testCase)!, seconds));
      }
    }
    const anchor = measured.get(CASES[0]!)!;
    return CASES.map((testCase) => {
      const runs = measured.get(testCase)!;
      const rps = median(runs.map((run) => run.requestsPerSecond));
      const cpu = median(runs.map((run) => run.cpuPerAnswer));
      return {
        group: `server under load (autocannon, ${CONNECTIONS} connections, median of ${rounds} rounds${pinned ? "; servers and autocannon on separate cores" : ""})`,
        name: testCase.name,
        value: `${format(rps)} req/s; ${cpu.toFixed(1)} µs CPU/answer`,
        ratio: median(runs.map((run, i) => run.requestsPerSecond / anchor[i]!.requestsPerSecond)),
        cpuRatio: median(runs.map((run, i) => anchor[i]!.cpuPerAnswer / run.cpuPerAnswer)),
      };
    });
  } finally {
    for (const server of servers.values()) server.stop();
  }
}
