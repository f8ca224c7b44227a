// Errors a handler throws on purpose. A ModeledError becomes the awsJson1_1 error the
// model describes; anything else thrown becomes a 500 InternalFailure, its detail logged
// and never sent.

export interface ModeledErrorOptions<Members = Record<string, unknown>> {
  message?: string;
  /**
   * The error's other modeled members. A generated error class types them and sends them
   * in their wire form (timestamps as epoch seconds, blobs in base64, ...); given to
   * ModeledError itself, they are sent as they are.
   */
  members?: Members;
}

export class ModeledError extends Error {
  override readonly name: string;
  readonly $fault: "client" | "server";
  readonly httpStatus: number;
  /** The members as they go on the wire. */
  readonly members: Record<string, unknown>;

  constructor(name: string, $fault: "client" | "server", httpStatus: number, options: ModeledErrorOptions = {}, members: Record<string, unknown> = options.members ?? {}) {
    // A modeled error is an answer, not a bug: nobody reads its stack, and capturing one
    // is the largest cost of a modeled-error answer (about 9 us of ~40).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(options.message);
    Error.stackTraceLimit = limit;
    this.name = name;
    this.$fault = $fault;
    this.httpStatus = httpStatus;
    this.members = members;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** A protocol-level failure the handler answers itself (bad JSON, a refused signature...). */
export class ProtocolError extends Error {
  readonly status: number;
  override readonly name: string;

  constructor(status: number, name: string, message: string) {
    // An answer too, and thrown at a caller that sent something wrong (a flood of bad
    // signatures is a cheap attack): no stack trace, about 4 µs of each such answer.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.status = status;
    this.name = name;
  }
}

/** The error of a body over an adapter's size limit. */
export function tooLargeError(limit: number): { name: string; message: string } {
  return { name: "RequestEntityTooLargeException", message: `The body is larger than ${limit} bytes.` };
}
