// A tiny in-memory CodePipeline for the worker's unit tests, behind the generated client's
// `fetch` option: no sockets. By default it plays the partner-job loop straight (a queue
// of jobs, a nonce per dispatch, acknowledge to InProgress, one result each); a test
// overrides any operation to answer otherwise (`ServiceError` for a modeled error; the
// default behaviour comes as the override's second argument).
import { CodePipelineClient } from "@codepipeline-partner/client";

export type Operation = "PollForThirdPartyJobs" | "GetThirdPartyJobDetails" | "AcknowledgeThirdPartyJob" | "PutThirdPartyJobSuccessResult" | "PutThirdPartyJobFailureResult";

/** Thrown by an override: answered as the awsJson error `{ __type: name, message }`. */
export class ServiceError extends Error {
  constructor(
    override readonly name: string,
    message = name,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface FakeJob {
  id: string;
  clientToken: string;
  status: "Queued" | "Dispatched" | "InProgress" | "Succeeded" | "Failed";
  nonce?: string;
  continuationToken?: string;
  configuration?: Record<string, string>;
}

export const ACTION_TYPE = { category: "Deploy", owner: "ThirdParty", provider: "FakeDeployer", version: "1" } as const;
export const CLIENT_ID = "0d7d6b7e-0000-4000-8000-000000000001";
export const CLIENT_TOKEN = "client-token-1";

export function fakeCodePipeline(options: { jobs?: number; overrides?: Partial<Record<Operation, (input: any, straight: Record<Operation, (input: any) => unknown>) => unknown>> } = {}) {
  const jobs = new Map<string, FakeJob>();
  /** Every call that reached the service, in order. */
  const calls: { operation: Operation; input: any }[] = [];
  let dispatches = 0;
  const add = (count: number) => {
    for (let i = 0; i < count; i++) {
      const id = `job-${jobs.size + 1}`;
      jobs.set(id, { id, clientToken: CLIENT_TOKEN, status: "Queued" });
    }
  };
  add(options.jobs ?? 0);

  const owned = (input: { jobId: string; clientToken: string }) => {
    const job = jobs.get(input.jobId);
    if (!job) throw new ServiceError("JobNotFoundException", `No job ${input.jobId}`);
    if (job.clientToken !== input.clientToken) throw new ServiceError("InvalidClientTokenException");
    return job;
  };
  const straight: Record<Operation, (input: any) => unknown> = {
    PollForThirdPartyJobs(input) {
      const batch = [...jobs.values()].filter((job) => job.status === "Queued").slice(0, input.maxBatchSize ?? 1);
      for (const job of batch) Object.assign(job, { status: "Dispatched", nonce: String(++dispatches) });
      return { jobs: batch.map((job) => ({ jobId: job.id, clientId: CLIENT_ID })) };
    },
    GetThirdPartyJobDetails(input) {
      const job = owned(input);
      const data = { actionTypeId: ACTION_TYPE, actionConfiguration: { configuration: job.configuration ?? {} }, ...(job.continuationToken ? { continuationToken: job.continuationToken } : {}) };
      return { jobDetails: { id: job.id, data, nonce: job.nonce } };
    },
    AcknowledgeThirdPartyJob(input) {
      const job = owned(input);
      if (input.nonce !== job.nonce) throw new ServiceError("InvalidNonceException");
      if (job.status === "Dispatched") job.status = "InProgress";
      return { status: job.status };
    },
    PutThirdPartyJobSuccessResult(input) {
      const job = owned(input);
      if (job.status !== "InProgress") throw new ServiceError("InvalidJobStateException", `Job ${job.id} is ${job.status}`);
      job.status = "Succeeded";
      return {};
    },
    PutThirdPartyJobFailureResult(input) {
      const job = owned(input);
      if (job.status !== "InProgress") throw new ServiceError("InvalidJobStateException", `Job ${job.id} is ${job.status}`);
      job.status = "Failed";
      return {};
    },
  };

  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    const target = new Headers(init.headers).get("x-amz-target") ?? "";
    const operation = target.slice(target.indexOf(".") + 1) as Operation;
    const input = JSON.parse(String(init.body));
    calls.push({ operation, input });
    const headers = { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": `request-${calls.length}` };
    try {
      const answer = await (options.overrides?.[operation] ?? straight[operation])(input, straight);
      return new Response(JSON.stringify(answer ?? {}), { status: 200, headers });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      return new Response(JSON.stringify({ __type: error.name, message: error.message }), { status: error.status, headers });
    }
  };

  const client = new CodePipelineClient({
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
    fetch,
    retryBaseDelayMs: 1,
    maxRetryDelayMs: 5,
  });
  return {
    client,
    jobs,
    calls,
    add,
    callsOf: (operation: Operation) => calls.filter((call) => call.operation === operation).map((call) => call.input),
  };
}

/** A logger that keeps every line, by level. */
export function recordingLogger() {
  const lines: { level: "debug" | "info" | "warn" | "error"; message: string; error?: unknown }[] = [];
  const at = (level: (typeof lines)[number]["level"]) => (message: string, error?: unknown) => void lines.push({ level, message, error });
  return { logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") }, lines };
}

/** Resolves once `condition()` holds; fails after `timeoutMs` (generous: the machine is busy). */
export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** A promise with its resolve function. */
export function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}
