// The engine under every generated operation: awsJson requests over fetch, signed with
// SigV4, retried in the AWS SDKs' standard mode (with its retry quota), with a timeout per
// attempt, an AbortSignal per call and a bound on the response size. What the protocol
// says comes from its runtime package.
import {
  decodeError,
  formatTarget,
  modeledError,
  REQUEST_ID_HEADER,
  REQUEST_METHOD,
  ERROR_TYPE_HEADER,
  TARGET_HEADER,
  type ServiceDescription,
} from "@codepipeline-partner/protocol-aws-json";
import type { ValidationResult } from "@codepipeline-partner/validators";
import { memoize, type CredentialProvider, type CredentialsOption } from "./credentials.js";
import { resolveEndpoint, type EndpointConfig, type ResolvedEndpoint } from "./endpoints.js";
import { InputValidationError, RequestError, ServiceException, type ResponseMetadata } from "./errors.js";
import type { checkMinCompressionSize, RequestCompression, RequestCompressionConfig } from "./request-compression.js";
import { signHeaders } from "./sigv4.js";

/**
 * `region`, `endpoint`, `useFipsEndpoint` and `useDualstackEndpoint` are in EndpointConfig;
 * `requestMinCompressionSizeBytes` and `disableRequestCompression` in RequestCompressionConfig.
 */
export interface ClientConfig extends EndpointConfig, RequestCompressionConfig {
  /**
   * Credentials, or an AWS SDK-style provider of them (for example from
   * `@aws-sdk/credential-providers`). Default: the AWS_* environment variables.
   */
  credentials?: CredentialsOption;
  /** The transport. Default: the platform's `fetch`. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Attempts per call, the first included. Default 3. */
  maxAttempts?: number;
  /** Milliseconds allowed for one attempt before it is cut off (and retried). Default 30,000; 0 for none. */
  requestTimeoutMs?: number;
  /** Base of the exponential backoff, in milliseconds. Default 100 (500 after throttling). */
  retryBaseDelayMs?: number;
  /** Longest wait between attempts, in milliseconds. Default 20,000. */
  maxRetryDelayMs?: number;
  /**
   * Largest response body the client reads, in bytes. Default 10 MiB (this model's
   * outputs and error bodies are a few KiB); `Infinity` for no bound. A declared
   * Content-Length above it is refused before reading, and a body that grows past it is
   * cancelled at the limit. After a 2xx that is a `ResponseBodyError` (the call may have
   * been applied); after an error status the status alone decides what happens.
   */
  maxResponseBytes?: number;
  /**
   * Check input against the model's constraints before sending: the generated
   * `inputValidators` (the client class also takes `true`). Default: no check, as the
   * service enforces them, and a newer service may relax them. Passing the validators,
   * not a flag, keeps them out of the bundles of programs that do not check.
   */
  validateInput?: InputValidators | boolean;
  /** Appended to the x-amz-user-agent header. */
  userAgentSuffix?: string;
  /** The clock used for signing. Default: the system clock. */
  now?: () => Date;
  /**
   * Do not prefix the host for operations whose model gives them a host prefix
   * (`@endpoint`), as the AWS SDKs' option of that name. Default false.
   */
  disableHostPrefix?: boolean;
}

export interface CallOptions extends RequestCompressionConfig {
  /** Aborts the call, including any wait between attempts. */
  abortSignal?: AbortSignal;
  maxAttempts?: number;
  requestTimeoutMs?: number;
}

/** What the generated code says about the service, for the client. */
export interface ClientServiceDescription extends ServiceDescription {
  endpointPrefix: string;
  /** The model's endpoint rule set, when it has one (./endpoint-rules.ts); else the standard AWS regional rules. */
  resolveEndpoint?: (...args: Parameters<typeof resolveEndpoint>) => ResolvedEndpoint & { forCall?: Resolved["forCall"] };
  userAgent: string;
  /** Modeled errors by name. */
  errors: Record<string, new (options: { message?: string; $metadata: ResponseMetadata }) => ServiceException>;
  /**
   * By error name, the protocol's reader of the members of each modeled error that has
   * members besides its message: they reach the error's constructor converted as outputs are.
   * It gets the parsed body and its text, which an error holding a big number reads again
   * with the exact JSON reader (JSON.parse rounds those to doubles).
   */
  errorMembers?: Record<string, (wire: any, text: string) => object>;
  /**
   * Set when an operation of the model compresses requests: the check of the client's
   * `requestMinCompressionSizeBytes`, which only those operations read (so a bundle
   * without them carries no check).
   */
  checkMinCompressionSize?: typeof checkMinCompressionSize;
}

/** The generated validator of each operation's input wire object, by operation name. */
export type InputValidators = Readonly<Record<string, (wire: unknown) => ValidationResult>>;

/** What the generated code says about one operation, for the client. */
export interface OperationDescription<Input, Output> {
  name: string;
  /** The input as its JSON wire object, members in model order. */
  serialize: (input: Input) => Record<string, unknown>;
  /** The output from its JSON wire form; absent for operations that return nothing. */
  deserialize?: (wire: unknown) => Output;
  /** Set when the input holds a bigInteger or bigDecimal: a JSON.stringify that writes every digit. */
  stringify?: (wire: unknown) => string;
  /** Set when the output holds one: a JSON.parse that keeps every digit. */
  parse?: (text: string) => unknown;
  /** The input member that is an idempotency token, filled with a random UUID when the caller leaves it out. */
  idempotencyToken?: string;
  /** The host prefix (`@endpoint`), its labels filled from the input; throws an InputValidationError for a label that is no host label. */
  hostPrefix?: (input: Input) => string;
  /** `@requestCompression`: the coding applied to bodies at or over the client's threshold. */
  requestCompression?: RequestCompression;
}

export interface Client {
  readonly config: Readonly<ClientConfig>;
  readonly service: ClientServiceDescription;
  /** @internal */
  readonly resolved: Resolved;
}

/** Where one call goes, and how it is signed, when a model's endpoint rule set decides that per call. */
export interface CallEndpoint {
  url: string;
  /** The endpoint's path, which requests go to and SigV4 signs. */
  path: string;
  host: string;
  region: string;
  /** The endpoint's SigV4 signing name, over the service's. */
  signingName?: string;
  /** Headers the endpoint asks for, sent (and signed) with the request. */
  headers?: Record<string, string>;
  /** Headers the endpoint asks for that SigV4 leaves unsigned (user-agent, x-amzn-trace-id, ...): sent, not signed. */
  unsignedHeaders?: Record<string, string>;
}

interface Resolved extends CallEndpoint {
  /** The endpoint of one call, from its operation and input: for a model's endpoint rule set. */
  forCall?: (operation: string, input: unknown, credentials: CredentialProvider) => CallEndpoint | Promise<CallEndpoint>;
  credentials: CredentialProvider;
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  userAgent: string;
  maxResponseBytes: number;
  /** Shared by every call of this client. */
  retryQuota: RetryQuota;
}

/**
 * The retry quota of the AWS SDKs' standard retry mode: a bucket of tokens shared by every
 * call of one client, so an outage does not multiply the load by maxAttempts. It starts
 * at 500 tokens; a retry takes 5 (10 after a timeout or a network failure) and is not made
 * when the bucket cannot pay; a call that succeeds puts back what its last retry took, or
 * 1 when it needed none, up to 500.
 */
export interface RetryQuota {
  available: number;
}

export const INITIAL_RETRY_TOKENS = 500;
export const RETRY_COST = 5;
export const TIMEOUT_RETRY_COST = 10;
export const NO_RETRY_INCREMENT = 1;

/** 10 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export type Output<T> = T & { $metadata: ResponseMetadata };

export function createClient(config: ClientConfig, service: ClientServiceDescription): Client {
  const resolve: NonNullable<ClientServiceDescription["resolveEndpoint"]> = service.resolveEndpoint ?? resolveEndpoint;
  const { url, region, forCall } = resolve(config, service.endpointPrefix);
  const transport = config.fetch ?? globalThis.fetch;
  if (typeof transport !== "function") throw new TypeError("No fetch: pass one as `fetch` in the client configuration.");
  const maxResponseBytes = config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  service.checkMinCompressionSize?.(config.requestMinCompressionSizeBytes);
  if (!(maxResponseBytes >= 0)) throw new TypeError(`maxResponseBytes must be a number of bytes, not ${String(config.maxResponseBytes)}`);
  if (config.validateInput === true) {
    throw new TypeError("validateInput takes the validators here: pass `validateInput: inputValidators` (exported with the operations), or use the client class, which has them.");
  }
  return {
    config,
    service,
    resolved: {
      // An endpoint's path is kept (a gateway may serve the API under one); its query is not.
      url: `${url.origin}${url.pathname}`,
      path: url.pathname,
      host: url.host,
      region,
      credentials: memoize(config.credentials),
      fetch: transport,
      userAgent: config.userAgentSuffix ? `${service.userAgent} ${config.userAgentSuffix}` : service.userAgent,
      maxResponseBytes,
      retryQuota: { available: INITIAL_RETRY_TOKENS },
      forCall,
    },
  };
}

/** Error codes the AWS SDKs treat as throttling (retried, with a longer backoff). */
const THROTTLING = new Set([
  "BandwidthLimitExceeded", "EC2ThrottledException", "LimitExceededException", "PriorRequestNotComplete",
  "ProvisionedThroughputExceededException", "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException",
  "SlowDown", "ThrottledException", "Throttling", "ThrottlingException", "TooManyRequestsException",
  "TransactionInProgressException",
]);
/** Error codes the AWS SDKs treat as transient. */
const TRANSIENT = new Set(["RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable"]);

export async function invoke<Input, Out>(
  client: Client,
  operation: OperationDescription<Input, Out>,
  input: Input,
  options: CallOptions = {},
): Promise<Output<Out>> {
  const { config, service, resolved } = client;
  // Filled once per call, before the body is made: every retry sends the same token.
  const token = operation.idempotencyToken;
  if (token !== undefined && (input as Record<string, unknown> | undefined)?.[token] == null) input = { ...input, [token]: crypto.randomUUID() };
  let wire: Record<string, unknown>;
  try {
    wire = operation.serialize(input ?? ({} as Input));
  } catch (error) {
    throw unsendable(operation.name, input, error);
  }
  const validate = typeof config.validateInput === "object" ? config.validateInput[operation.name] : undefined;
  if (validate) {
    const result = validate(wire);
    if (!result.ok) throw new InputValidationError(result.message, result.kind === "validation" ? result.issues : [{ path: result.path, message: result.message }]);
  }
  let body: string;
  try {
    body = (operation.stringify ?? JSON.stringify)(wire);
  } catch (error) {
    throw unsendable(operation.name, input, error);
  }
  const endpoint = resolved.forCall ? await resolved.forCall(operation.name, input, resolved.credentials) : resolved;
  let url = endpoint.url;
  let host = endpoint.host;
  if (operation.hostPrefix && !config.disableHostPrefix) {
    const prefix = operation.hostPrefix(input);
    url = url.replace("://", `://${prefix}`);
    host = prefix + host;
  }
  const bodyBytes = utf8.encode(body).byteLength;
  const compression = operation.requestCompression;
  const compressed = compression?.shouldCompress(bodyBytes, options, config) ? await compression.compress(body) : undefined;
  const maxAttempts = Math.max(1, options.maxAttempts ?? config.maxAttempts ?? 3);
  const timeout = options.requestTimeoutMs ?? config.requestTimeoutMs ?? 30_000;
  const signal = options.abortSignal;
  const invocationId = crypto.randomUUID();
  const metadata: ResponseMetadata = { attempts: 0, totalRetryDelay: 0 };
  const quota = resolved.retryQuota;
  let retryCost = 0; // what this call's last retry took from the quota

  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    metadata.attempts = attempt;
    const credentials = await resolved.credentials();
    const unsigned: Record<string, string> = {
      ...endpoint.headers,
      "amz-sdk-invocation-id": invocationId,
      "amz-sdk-request": `attempt=${attempt}; max=${maxAttempts}`,
      "content-length": String(compressed ? compressed.byteLength : bodyBytes),
      "content-type": service.protocol.contentType,
      host,
      [TARGET_HEADER]: formatTarget(service.targetPrefix, operation.name),
      "x-amz-user-agent": resolved.userAgent,
    };
    // The signature covers the compressed bytes: they are what is sent.
    if (compressed) unsigned["content-encoding"] = compression!.encoding;
    // Every header here is one SigV4 signs (as the SDKs sign them: the wire tests compare).
    const headers = { ...endpoint.unsignedHeaders, ...(await signHeaders({
      path: endpoint.path,
      headers: unsigned,
      body: compressed ?? body,
      credentials,
      region: endpoint.region,
      service: endpoint.signingName ?? service.signingName,
      now: config.now?.() ?? new Date(),
    })) };
    // fetch sets Host and Content-Length itself, to the values signed here.
    delete headers.host;
    delete headers["content-length"];

    signal?.throwIfAborted(); // the caller may have given up while credentials resolved

    // The attempt's timer runs until the body is read: a stalled body is cut off too.
    const attempt$ = attemptController(signal, timeout);
    let response: Response;
    try {
      // AWS JSON services never redirect: following one would re-send the signed call
      // (and its session token) elsewhere, so a 3xx comes back as it is.
      response = await resolved.fetch(url, { method: REQUEST_METHOD, headers, body: compressed ?? body, redirect: "manual", signal: attempt$.signal });
    } catch (error) {
      attempt$.done();
      if (signal?.aborted) throw signal.reason;
      // No status arrived: retried as the SDKs retry timeouts and network failures.
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      const failure = timedOut
        ? new RequestError("TimeoutError", `${operation.name}: no response within ${timeout} ms (attempt ${attempt} of ${maxAttempts}).`, { ...metadata }, { cause: error })
        : new RequestError("NetworkError", `${operation.name}: the request to ${url} failed: ${describe(error)}`, { ...metadata }, { cause: error });
      if (attempt >= maxAttempts || !takeRetryTokens(quota, TIMEOUT_RETRY_COST)) throw failure;
      retryCost = TIMEOUT_RETRY_COST;
      await backoff(attempt, false);
      continue;
    }

    // A status has arrived. From here on the status (and the error code it carries) alone
    // decides whether the call is sent again; what happens to the body never does:
    // - 2xx: never. The service said it took the call; a body that then breaks, stalls
    //   past the timeout or exceeds maxResponseBytes is a ResponseBodyError saying that
    //   the call may have been applied.
    // - 3xx: never, and never followed (ProtocolError).
    // - 429, a throttling code, 500/502/503/504 or a transient code: retried, as the SDKs
    //   do, because the service said it did not apply the call, even when the body of
    //   that answer then breaks (its error code then comes from X-Amzn-Errortype, if any).
    // - any other status: never.
    metadata.httpStatusCode = response.status;
    metadata.requestId = response.headers.get(REQUEST_ID_HEADER) ?? undefined;
    const status = response.status;
    if ((status >= 300 && status < 400) || response.type === "opaqueredirect" || response.redirected === true) {
      attempt$.done();
      discard(response);
      throw redirected(operation.name, response, { ...metadata });
    }
    let text: string;
    let unreadable: unknown;
    let readFailed = false;
    try {
      text = await readBody(response, resolved.maxResponseBytes);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      text = "";
      unreadable = error;
      readFailed = true;
    } finally {
      attempt$.done();
    }
    if (status >= 200 && status < 300) {
      if (readFailed) {
        throw new RequestError(
          "ResponseBodyError",
          `${operation.name}: the service answered HTTP ${status}, so it may have applied the call, but the response body could not be read (${describe(unreadable)}). The call was not sent again.`,
          { ...metadata },
          { cause: unreadable },
        );
      }
      const output = success(operation, text, metadata);
      quota.available = Math.min(INITIAL_RETRY_TOKENS, quota.available + (retryCost || NO_RETRY_INCREMENT));
      return output;
    }
    const failure = serviceError(operation.name, service, response, text, { ...metadata }, readFailed ? describe(unreadable) : undefined);
    const throttled = THROTTLING.has(failure.name) || status === 429;
    const retryable = throttled || RETRYABLE_STATUS.has(status) || TRANSIENT.has(failure.name);
    if (!retryable || attempt >= maxAttempts || !takeRetryTokens(quota, RETRY_COST)) throw failure;
    retryCost = RETRY_COST;
    await backoff(attempt, throttled);
  }

  async function backoff(attempt: number, throttled: boolean): Promise<void> {
    // Standard mode: exponential backoff with full jitter.
    const base = throttled ? Math.max(500, config.retryBaseDelayMs ?? 100) : (config.retryBaseDelayMs ?? 100);
    const delay = Math.random() * Math.min(config.maxRetryDelayMs ?? 20_000, base * 2 ** (attempt - 1));
    metadata.totalRetryDelay += delay;
    await sleep(delay, signal);
  }
}

const utf8 = new TextEncoder();

/** Statuses the AWS SDKs retry; 501 and the like are answers, not outages. */
const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);

function takeRetryTokens(quota: RetryQuota, cost: number): boolean {
  if (quota.available < cost) return false;
  quota.available -= cost;
  return true;
}

/**
 * The body as text, refusing more than `limit` bytes: a declared Content-Length above it
 * is refused unread, and the stream is cancelled as soon as it passes it. Transports whose
 * responses have no body stream (test doubles) are read with text().
 */
async function readBody(response: Response, limit: number): Promise<string> {
  const declared = response.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) {
    discard(response);
    throw new RangeError(`its Content-Length, ${declared} bytes, is more than maxResponseBytes (${limit})`);
  }
  const stream = response.body;
  if (!stream) return response.text();
  const reader = stream.getReader();
  // Decoded as it arrives: a character split across chunks is held until its last byte.
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) return text + decoder.decode();
    size += chunk.value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {});
      throw new RangeError(`it is more than maxResponseBytes (${limit} bytes); reading stopped there`);
    }
    text += decoder.decode(chunk.value, { stream: true });
  }
}

/** Lets go of a body that will not be read, so the connection is released. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}

function redirected(operation: string, response: Response, metadata: ResponseMetadata): RequestError {
  const location = response.headers.get("location");
  const what = response.redirected === true && !(response.status >= 300 && response.status < 400)
    ? `the transport followed a redirect${response.url ? ` to ${snippet(response.url)}` : ""}`
    : `the service answered with a redirect (HTTP ${response.status}${location ? ` to ${snippet(location)}` : ""})`;
  return new RequestError("ProtocolError", `${operation}: ${what}; AWS JSON services never redirect, so the client neither follows nor retries it.`, metadata);
}

/** Why the input cannot be sent: an Invalid Date (named by its path) or a value JSON cannot hold. */
function unsendable(operation: string, input: unknown, error: unknown): InputValidationError {
  const path = invalidDatePath(input, "", 0);
  const message = path !== undefined ? `Invalid Date at '${path}': not a timestamp that can be sent` : `the input cannot be serialized: ${describe(error)}`;
  return new InputValidationError(`${operation}: ${message}; nothing was sent.`, [{ path: path ?? "", message }], { cause: error });
}

/** The path, in the validators' form (`a.b`, list items `a.1.member`), of the first Invalid Date in `value`. */
function invalidDatePath(value: unknown, path: string, depth: number): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? path : undefined;
  if (typeof value !== "object" || value === null || depth > 64) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = invalidDatePath(value[i], `${path}.${i + 1}.member`, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const found = invalidDatePath((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function success<Out>(operation: Pick<OperationDescription<never, Out>, "name" | "deserialize" | "parse">, text: string, metadata: ResponseMetadata): Output<Out> {
  if (!operation.deserialize) return { $metadata: metadata } as Output<Out>;
  try {
    const wire: unknown = text.trim() === "" ? {} : (operation.parse ?? JSON.parse)(text);
    if (typeof wire !== "object" || wire === null || Array.isArray(wire)) throw new TypeError("not a JSON object");
    return { ...operation.deserialize(wire), $metadata: metadata } as Output<Out>;
  } catch (error) {
    throw new RequestError("ProtocolError", `${operation.name}: the service answered 2xx with a body that cannot be read (${(error as Error).message}): ${snippet(text)}`, metadata, { cause: error });
  }
}

/**
 * The error of a non-2xx response: the modeled class when the name is one, else a
 * ServiceException named by it. `unreadable` says why the body could not be read, if so.
 */
function serviceError(operation: string, service: ClientServiceDescription, response: Response, text: string, metadata: ResponseMetadata, unreadable?: string): ServiceException | RequestError {
  const decoded = decodeError(response.headers.get(ERROR_TYPE_HEADER), text);
  const fault = response.status >= 500 ? "server" : "client";
  if (unreadable !== undefined) decoded.message ??= `HTTP ${response.status}, with a body that could not be read (${unreadable})`;
  if (decoded.code === undefined) {
    const what =
      unreadable !== undefined
        ? `a body that could not be read (${unreadable})`
        : decoded.problem === "a body that is not JSON"
          ? `${decoded.problem}: ${snippet(text)}`
          : (decoded.problem ?? "no error type");
    return new ServiceException({ name: "UnknownError", $fault: fault, message: `HTTP ${response.status} with ${what}`, $metadata: metadata });
  }
  const { code, message, body } = decoded;
  const Modeled = modeledError(service.errors, code);
  if (Modeled) {
    // The error's other modeled members, read as an output's are; a member that cannot be
    // read makes the answer one that is not the protocol's.
    const read = body && modeledError(service.errorMembers ?? {}, code);
    let members: object | undefined;
    try {
      members = read && read(body, text);
    } catch (error) {
      return new RequestError("ProtocolError", `${operation}: the service answered HTTP ${response.status} with error ${code}, whose members cannot be read (${describe(error)}): ${snippet(text)}`, metadata, { cause: error });
    }
    return new Modeled({ ...members, ...(message !== undefined && { message }), $metadata: metadata });
  }
  return new ServiceException({ name: code, $fault: fault, message: message ?? `HTTP ${response.status}`, $metadata: metadata });
}

function snippet(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}

/**
 * The signal of one attempt: aborted by the caller's signal or after `timeout` ms. A
 * plain timer is several times cheaper per call than AbortSignal.timeout.
 */
function attemptController(user: AbortSignal | undefined, timeout: number): { signal: AbortSignal | undefined; done: () => void } {
  if (timeout <= 0) return { signal: user, done: () => {} };
  const controller = new AbortController();
  if (user?.aborted) controller.abort(user.reason);
  const timer = setTimeout(() => controller.abort(new DOMException(`no complete response within ${timeout} ms`, "TimeoutError")), timeout);
  const onAbort = () => controller.abort(user!.reason);
  user?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
      user?.removeEventListener("abort", onAbort);
    },
  };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
