// The server handler alone, in-process: CPU time per call of each server bench path, no
// sockets and no node:http, so its own cost shows through a busy machine's noise. The
// anchor does what the bare server does (decode the body, JSON.parse it). Each call starts
// from a process.nextTick callback, as node:http's request 'end' event does: code run
// from the microtask queue (a loop of awaits) pays less for a thrown exception, which
// would hide what a modeled error costs the server. Profile a path
// with `node --cpu-prof --cpu-prof-dir=<dir> --import tsx test/bench/handler-cost.ts <word>`
// and read it with `tsx test/bench/cpuprofile.ts <dir>`.
// Usage: tsx test/bench/handler-cost.ts [word of a row's name, or =the whole name] [calls, default 200000]
import type { HttpRequest, HttpResponse } from "@codepipeline-partner/server";
import { CASES, headersFor } from "./server.bench.js";
import { benchHandler } from "./server-process.js";

const [word = "", calls = "200000"] = process.argv.slice(2);
const n = Number(calls);
const matches = (name: string) => (word.startsWith("=") ? name === word.slice(1) : name.toLowerCase().includes(word.toLowerCase()));
const bare = async (request: HttpRequest): Promise<HttpResponse> => {
  JSON.parse(typeof request.body === "string" ? request.body : Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength).toString("utf8"));
  return { status: 200, headers: { "content-type": "application/x-amz-json-1.1" }, body: "" };
};
const handlers: Record<string, (request: HttpRequest) => Promise<HttpResponse>> = { bare, stub: benchHandler("stub"), signed: benchHandler("signed") };

for (const testCase of CASES) {
  if (testCase.server === "bare-error" || testCase.server === "bare-success" || !matches(testCase.name)) continue;
  const headers = await headersFor(testCase, "127.0.0.1:8080");
  // What node:http would add; the handler sees every header.
  Object.assign(headers, { connection: "keep-alive", "content-length": String(Buffer.byteLength(testCase.body)) });
  const body = Buffer.from(testCase.body);
  const handle = handlers[testCase.server]!;
  const request = (): HttpRequest => ({ method: "POST", path: "/", headers, body });
  const call = () => new Promise<HttpResponse>((resolve, reject) => process.nextTick(() => handle(request()).then(resolve, reject)));
  const first = await call();
  if (first.status !== testCase.expect.status || (first.headers["x-amzn-errortype"] ?? null) !== testCase.expect.type) {
    throw new Error(`${testCase.name}: got ${first.status} ${first.headers["x-amzn-errortype"]}`);
  }
  for (let i = 0; i < n / 10; i++) await call(); // warm up
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) await call();
  const used = process.cpuUsage(before);
  console.log(`${testCase.name.padEnd(45)} ${((used.user + used.system) / n).toFixed(2)} µs CPU/call`);
}
