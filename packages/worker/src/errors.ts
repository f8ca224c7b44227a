// Which errors stop the worker. Polling again cannot fix an action type that does not
// exist, an input the service refuses or credentials it does not take: a worker that
// kept polling would only log the same failure forever while no job ever runs. Such an
// error ends the worker (`done` rejects with a JobWorkerFatalError); anything else (a
// throttle, a 5xx, a broken connection) is waited out with backoff. A poll that never
// left this process (the credential provider failed) is waited out too, except before
// any poll has succeeded: then it is a misconfiguration, fatal after a few tries.
import { truncate } from "./failure.js";

/** The worker stopped on an error that retrying cannot fix; `cause` is that error. */
export class JobWorkerFatalError extends Error {
  declare readonly name: "JobWorkerFatalError";
  /** The call that failed (`PollForThirdPartyJobs`, ...). */
  readonly operation: string;
  constructor(operation: string, cause: unknown, attempts = 1) {
    const failed = attempts > 1 ? `failed ${attempts} times in a row, the last time with` : "failed with";
    super(`The job worker stopped: ${operation} ${failed} ${describe(cause).replace(/\.$/, "")}. Retrying cannot fix this: ${remedy(cause)}.`, { cause });
    this.name = "JobWorkerFatalError";
    this.operation = operation;
  }
}

/**
 * The service's answers to a request it cannot authenticate or authorize, as AWS's JSON
 * services name them (the emulator too). ExpiredToken is among them: a credential
 * provider renews credentials before they expire, so an expired token means static ones.
 */
const AUTH_ERRORS = new Set([
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "IncompleteSignatureException",
  "MissingAuthenticationTokenException",
  "AccessDeniedException",
  "AccessDenied",
  "NotAuthorized",
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "ExpiredTokenException",
  "ExpiredToken",
]);

/** Refusals of PollForThirdPartyJobs's own input: the worker sends the same input every time. */
const POLL_INPUT_ERRORS = new Set(["ActionTypeNotFoundException", "ValidationException", "InputValidationError"]);

/**
 * How many polls in a row that never left this process (no credentials, a provider that
 * throws) end a worker that has not yet polled successfully: at startup that is a
 * misconfiguration, which should fail loudly, yet one timeout of the instance metadata
 * service should not. After a poll has succeeded, such failures are waited out.
 */
export const UNSENT_POLL_ATTEMPTS = 3;

/** Whether `error`, from `operation`, ends the worker, whatever came before (see UNSENT_POLL_ATTEMPTS for a poll never sent). */
export function isFatal(operation: string, error: unknown): boolean {
  if (isAuthFailure(error)) return true;
  if (operation !== "PollForThirdPartyJobs") return false;
  return POLL_INPUT_ERRORS.has(nameOf(error));
}

export function isAuthFailure(error: unknown): boolean {
  return AUTH_ERRORS.has(nameOf(error));
}

/** Whether the client made the call: a service error or a RequestError, which carry the call's $metadata. */
export function fromTheCall(error: unknown): boolean {
  return typeof error === "object" && error !== null && "$metadata" in error;
}

/** How many attempts the client made before it gave up with `error` (1 when it does not say). */
export function attemptsOf(error: unknown): number {
  const attempts = fromTheCall(error) ? (error as { $metadata: { attempts?: unknown } }).$metadata.attempts : undefined;
  return typeof attempts === "number" ? attempts : 1;
}

export function nameOf(error: unknown): string {
  return error instanceof Error && typeof error.name === "string" ? error.name : "";
}

function remedy(error: unknown): string {
  const name = nameOf(error);
  if (name === "ActionTypeNotFoundException") return "check actionTypeId against the custom action type registered in this account and Region";
  if (name === "ValidationException" || name === "InputValidationError") {
    // The service's message (quoted above) says which field; these are the options behind them.
    return "the service refused the poll's input; it is built from actionTypeId (its actionTypeId) and concurrency (its maxBatchSize, at most concurrency): check those";
  }
  if (name === "AccessDeniedException" || name === "AccessDenied" || name === "NotAuthorized") return "the credentials' IAM policy must allow the codepipeline partner-job actions (PollForThirdPartyJobs, GetThirdPartyJobDetails, AcknowledgeThirdPartyJob, PutThirdPartyJobSuccessResult, PutThirdPartyJobFailureResult)";
  if (isAuthFailure(error)) return "check the client's credentials (and the clock, for a signature that expired)";
  return "the call was never sent; check the client's credentials (with IAM roles, SSO or profiles, pass a provider such as defaultProvider() from @aws-sdk/credential-provider-node)";
}

/** `Name: message` on one line (a log line, never a stack), at most 300 characters. */
export function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return truncate(text.replace(/\s*\n\s*/g, " "), 300);
}
