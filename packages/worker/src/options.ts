// The options of createJobWorker, checked when the worker is created: a worker that
// cannot work should say so at once, naming the option, not fail on its first job.
import type { Client, CodePipelineClient } from "@codepipeline-partner/client";
import { validateActionTypeId } from "@codepipeline-partner/validators";

/** An option of `createJobWorker` that cannot work; `option` names it (`pollBackoff.baseDelayMs`, say). */
export class JobWorkerOptionsError extends TypeError {
  declare readonly name: "JobWorkerOptionsError";
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(message);
    this.name = "JobWorkerOptionsError";
  }
}

type Checked = { [key: string]: unknown };

/** Throws a JobWorkerOptionsError for the first option that cannot work; returns the generated client's `Client`. */
export function checkOptions(options: unknown): Client {
  if (typeof options !== "object" || options === null) {
    throw new JobWorkerOptionsError("options", `createJobWorker: options must be an object with client, actionTypeId, clientToken and handle; got ${shown(options)}.`);
  }
  const given = options as Checked;
  const client = clientOf(given.client);

  const actionType = validateActionTypeId(given.actionTypeId);
  if (!actionType.ok) {
    // The model's own checks, in AWS's words, for an object; for anything else, what it is.
    const object = typeof given.actionTypeId === "object" && given.actionTypeId !== null;
    const why = object ? `: ${actionType.message}` : `; got ${shown(given.actionTypeId)}`;
    throw new JobWorkerOptionsError("actionTypeId", `createJobWorker: actionTypeId must be an ActionTypeId ({ category, owner, provider, version }) as the action type is registered${why}.`);
  }
  const token = given.clientToken;
  if (!((typeof token === "string" && token !== "") || typeof token === "function")) {
    refuse("clientToken", "a non-empty string, or a function of (clientId, jobId) that returns the client ID's token", token);
  }
  if (typeof given.handle !== "function") refuse("handle", "a function that runs one job (handle(job) returns or resolves to a JobOutcome)", given.handle);
  if (given.concurrency !== undefined && !(Number.isInteger(given.concurrency) && (given.concurrency as number) >= 1)) {
    refuse("concurrency", "a whole number of at least 1", given.concurrency);
  }
  if (given.gracePeriodMs !== undefined && !(typeof given.gracePeriodMs === "number" && given.gracePeriodMs >= 0)) {
    refuse("gracePeriodMs", "0 or more milliseconds (Infinity to wait for every handler)", given.gracePeriodMs);
  }
  checkBackoff(given.pollBackoff);
  if (given.failureFor !== undefined && typeof given.failureFor !== "function") refuse("failureFor", "a function of (error, job) that returns FailureDetails", given.failureFor);
  checkLogger(given.logger);
  const signal = given.signal as AbortSignal | undefined;
  if (signal !== undefined && !(typeof signal === "object" && signal !== null && typeof signal.aborted === "boolean" && typeof signal.addEventListener === "function")) {
    refuse("signal", "an AbortSignal (controller.signal)", signal);
  }
  return client;
}

/** The generated client inside `value`: a CodePipelineClient, or the Client of createCodePipelineClient. */
function clientOf(value: unknown): Client {
  const expected = "the generated client: new CodePipelineClient({ region, credentials }) from @codepipeline-partner/client, or createCodePipelineClient(...)";
  if (isClient(value)) return value;
  if (typeof value === "object" && value !== null && "client" in value && isClient((value as CodePipelineClient).client)) return (value as CodePipelineClient).client;
  // The AWS SDK's client has `send` and no `client`: easy to pass by mistake, so say which client.
  if (typeof value === "object" && value !== null && typeof (value as { send?: unknown }).send === "function") {
    throw new JobWorkerOptionsError("client", `createJobWorker: client must be ${expected}; got another client (the AWS SDK's CodePipelineClient is not one).`);
  }
  return refuse("client", expected, value);
}

function isClient(value: unknown): value is Client {
  if (typeof value !== "object" || value === null) return false;
  const { config, service } = value as Partial<Client>;
  return typeof config === "object" && config !== null && typeof service === "object" && service !== null;
}

function checkBackoff(backoff: unknown): void {
  if (backoff === undefined) return;
  if (typeof backoff !== "object" || backoff === null) refuse("pollBackoff", "an object with baseDelayMs and maxDelayMs", backoff);
  const { baseDelayMs, maxDelayMs } = backoff as { baseDelayMs?: unknown; maxDelayMs?: unknown };
  for (const [name, value] of [
    ["baseDelayMs", baseDelayMs],
    ["maxDelayMs", maxDelayMs],
  ] as const) {
    if (value !== undefined && !(typeof value === "number" && Number.isFinite(value) && value > 0)) refuse(`pollBackoff.${name}`, "a positive number of milliseconds", value);
  }
  if (typeof baseDelayMs === "number" && typeof maxDelayMs === "number" && baseDelayMs > maxDelayMs) {
    refuse("pollBackoff.maxDelayMs", `at least pollBackoff.baseDelayMs (${baseDelayMs})`, maxDelayMs);
  }
}

function checkLogger(logger: unknown): void {
  if (logger === undefined) return;
  if (typeof logger !== "object" || logger === null) refuse("logger", "an object with debug, info, warn and error functions (console is one)", logger);
  for (const level of ["debug", "info", "warn", "error"] as const) {
    const write = (logger as Checked)[level];
    if (write !== undefined && typeof write !== "function") refuse(`logger.${level}`, "a function of (message, error?)", write);
  }
}

function refuse(option: string, what: string, value: unknown): never {
  throw new JobWorkerOptionsError(option, `createJobWorker: ${option} must be ${what}; got ${shown(value)}.`);
}

/** A short description of a value for an error message: never a secret's contents. */
function shown(value: unknown): string {
  if (value === null || value === undefined || typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return value === "" ? "an empty string" : "a string";
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
