// One server for the server benchmark, in a process of its own so the load generator
// does not share its event loop:
// - `bare`: node:http that parses the JSON and answers 200, the anchor;
// - `bare-success`: the same, also reading the request's headers (routing needs
//   X-Amz-Target and Content-Type) and answering with a request ID, as the protocol asks of
//   a success: what node:http alone spends on that;
// - `bare-error`: the same as `bare`, answering with the bytes of our modeled error answer
//   (400, the envelope, X-Amzn-Errortype and a request ID): what node:http alone spends on it;
// - `stub`: the generated handler (`listen()`, validation on) around the bench's
//   implementation of PutThirdPartyJobSuccessResult;
// - `signed`: the same with SigV4 verification on, for the bench's key, with a clock
//   skew tolerance wide enough for requests signed once, up front, at a fixed date.
// Two more, not in the bench's table, to take the modeled error's cost apart:
// - `stub-sync`: the stub with the same implementation as a plain function, so a modeled
//   error is thrown synchronously and no promise rejects (Node's unhandled-rejection
//   bookkeeping does not run);
// - `adapter-error`: our node:http adapter (`listen()`) around a handler that returns the
//   modeled error's bytes without routing, validating or throwing.
// It prints its URL, then answers each line on stdin with the CPU time (user + system,
// in microseconds) it has used since the previous line, so the bench can charge each
// load to the server that served it. It exits when stdin closes.
import {
  createCodePipelineServiceHandler,
  InvalidClientTokenException,
  InvalidJobStateException,
  JobNotFoundException,
  listen,
  type CodePipelineService,
  type HttpResponse,
  type ServiceHandler,
} from "@codepipeline-partner/server";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { successResultOnly } from "../support/one-operation.js";

export const BENCH_JOB = { id: "bench-job", clientToken: "bench-token" };
export const BENCH_CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
/** When the bench signs its requests, once. */
export const BENCH_SIGNING_DATE = new Date("2026-01-01T00:00:00Z");

const BARE_ERROR_BODY = '{"__type":"JobNotFoundException","message":"No job with ID no-such-job exists."}';

interface BenchJob {
  id: string;
  clientToken: string;
  status: "InProgress" | "Succeeded";
  result?: Record<string, unknown>;
}

/**
 * What the reference implementation did for PutThirdPartyJobSuccessResult (before it grew
 * into an emulator with its own costs): find the job, check its client token and status,
 * record the result, or throw the modeled error. Every lookup of the bench job finds a
 * fresh InProgress job, so each request succeeds; any other ID is JobNotFoundException.
 */
const benchService = () =>
  successResultOnly({
    async putThirdPartyJobSuccessResult(input) {
      return benchCall(input);
    },
  });

/** The same implementation, not async: a modeled error is thrown synchronously, no promise rejects. */
const syncBenchService = () =>
  successResultOnly({ putThirdPartyJobSuccessResult: ((input: Parameters<typeof benchCall>[0]) => benchCall(input)) as never }); // the type asks for a promise

function benchCall(input: Parameters<CodePipelineService["putThirdPartyJobSuccessResult"]>[0]): undefined {
  const job: BenchJob | undefined = input.jobId === BENCH_JOB.id ? { id: input.jobId, clientToken: BENCH_JOB.clientToken, status: "InProgress" } : undefined;
  if (!job) throw new JobNotFoundException({ message: `No job with ID ${input.jobId} exists.` });
  if (job.clientToken !== input.clientToken) {
    throw new InvalidClientTokenException({ message: `The client token is not the one issued for job ${input.jobId}.` });
  }
  if (job.status !== "InProgress") throw new InvalidJobStateException({ message: `Job ${input.jobId} is ${job.status}; only an InProgress job can succeed.` });
  const result: Record<string, unknown> = {};
  if (input.currentRevision) result.currentRevision = input.currentRevision;
  if (input.executionDetails) result.executionDetails = input.executionDetails;
  if (input.continuationToken) result.continuationToken = input.continuationToken;
  job.result = result;
  job.status = "Succeeded";
  return undefined;
}

/** The generated handler as the bench serves it. */
export function benchHandler(kind: "stub" | "stub-sync" | "signed"): ServiceHandler {
  return createCodePipelineServiceHandler(
    kind === "stub-sync" ? syncBenchService() : benchService(),
    kind === "signed"
      ? {
          authenticate: {
            secretFor: (accessKeyId) => (accessKeyId === BENCH_CREDENTIALS.accessKeyId ? BENCH_CREDENTIALS.secretAccessKey : undefined),
            clockSkewMs: Number.MAX_SAFE_INTEGER, // requests are signed once, at BENCH_SIGNING_DATE
          },
        }
      : {},
  );
}

async function serve(kind: string | undefined): Promise<string> {
  if (kind === "stub" || kind === "stub-sync" || kind === "signed") return (await listen(benchHandler(kind), { port: 0 })).url;
  if (kind === "adapter-error") {
    // Our node:http adapter around a handler that answers with the modeled error's bytes
    // without routing, validating or throwing: what the adapter spends on an error answer.
    const handler = async (): Promise<HttpResponse> => ({
      status: 400,
      headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": crypto.randomUUID(), "x-amzn-errortype": "JobNotFoundException" },
      body: BARE_ERROR_BODY,
    });
    return (await listen(Object.assign(handler, { protocol: benchHandler("stub").protocol }), { port: 0 })).url;
  }
  if (kind === "bare" || kind === "bare-success" || kind === "bare-error") {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      // node:http builds the headers object on first access: the anchor never asks for it.
      if (kind === "bare-success" && (request.headers["x-amz-target"] === undefined || request.headers["content-type"] === undefined)) throw new Error("no X-Amz-Target");
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        JSON.parse(Buffer.concat(chunks).toString("utf8"));
        if (kind === "bare") {
          response.writeHead(200, { "content-type": "application/x-amz-json-1.1", "content-length": 0 });
          response.end();
        } else if (kind === "bare-success") {
          response.writeHead(200, ["content-type", "application/x-amz-json-1.1", "x-amzn-requestid", crypto.randomUUID(), "content-length", "0"]);
          response.end();
        } else {
          // The bytes of our modeled error answer, written as our node:http adapter writes them.
          response.writeHead(400, [
            "content-type", "application/x-amz-json-1.1",
            "x-amzn-requestid", crypto.randomUUID(),
            "x-amzn-errortype", "JobNotFoundException",
            "content-length", String(BARE_ERROR_BODY.length),
          ]);
          response.end(BARE_ERROR_BODY);
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  console.error("usage: server-process.ts bare|bare-success|bare-error|stub|stub-sync|adapter-error|signed");
  process.exit(2);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = await serve(process.argv[2]);
  let last = process.cpuUsage();
  process.stdin.setEncoding("utf8").on("data", (text: string) => {
    for (let lines = text.split("\n").length - 1; lines > 0; lines--) {
      const now = process.cpuUsage();
      process.stdout.write(`${now.user - last.user + (now.system - last.system)}\n`);
      last = now;
    }
  });
  process.stdin.on("end", () => process.exit(0)); // the bench is done, or gone
  console.log(url);
}
