// The errors a call can end in. Every error the service returns is a ServiceException
// (modeled ones as their generated subclasses); failures on our side are plain Errors
// with names of their own.
import type { ValidationIssue } from "@codepipeline-partner/validators";

export interface ResponseMetadata {
  /** HTTP status of the last attempt, when one got an answer. */
  httpStatusCode?: number;
  /** The service's ID for the request (x-amzn-requestid). */
  requestId?: string;
  /** How many attempts were made. */
  attempts: number;
  /** Milliseconds spent waiting between attempts. */
  totalRetryDelay: number;
}

export interface ServiceExceptionOptions {
  name: string;
  $fault: "client" | "server";
  message?: string;
  $metadata: ResponseMetadata;
}

/** An error answered by the service. Unmodeled error codes arrive as this class, named by their code. */
export class ServiceException extends Error {
  // `declare`: set once, in the constructor, not also as class fields (fewer bytes in
  // every bundle; subclasses narrow the types the same way).
  declare readonly $fault: "client" | "server";
  declare $metadata: ResponseMetadata;

  constructor(options: ServiceExceptionOptions) {
    super(options.message ?? options.name);
    this.name = options.name;
    this.$fault = options.$fault;
    this.$metadata = options.$metadata;
  }
}

/**
 * Nothing was sent: the input broke the model's constraints (checked only with
 * `validateInput: true`), or it cannot be put on the wire at all (an Invalid Date).
 */
export class InputValidationError extends Error {
  declare readonly name: "InputValidationError";
  declare readonly issues: ValidationIssue[];
  constructor(message: string, issues: ValidationIssue[], options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InputValidationError";
    this.issues = issues;
  }
}

/**
 * The call could not get a usable answer:
 * - `NetworkError`, `TimeoutError`: no response arrived (after every attempt allowed);
 * - `ResponseBodyError`: the service answered 2xx, so it **may have applied the call**,
 *   but the body could not be read (the connection broke, the attempt timed out, or it
 *   was larger than `maxResponseBytes`). The call is never sent again after a 2xx;
 *   `$metadata.httpStatusCode` holds the status;
 * - `ProtocolError`: an answer that is not the protocol's, such as a redirect (never
 *   followed) or a 2xx body that is not the operation's output.
 */
export class RequestError extends Error {
  declare readonly name: "NetworkError" | "TimeoutError" | "ResponseBodyError" | "ProtocolError";
  declare readonly $metadata: ResponseMetadata;
  constructor(name: RequestError["name"], message: string, $metadata: ResponseMetadata, options?: { cause?: unknown }) {
    super(message, options);
    this.name = name;
    this.$metadata = $metadata;
  }
}
