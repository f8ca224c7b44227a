// Errors a handler throws on purpose. A ModeledError becomes the awsJson1_1 error the
// model describes; anything else thrown becomes a 500 InternalFailure, its detail logged
// and never sent.

export interface ModeledErrorOptions {
  message?: string;
  /** The error's other modeled members, sent as they are. */
  members?: Record<string, unknown>;
}

export class ModeledError extends Error {
  constructor(
    override readonly name: string,
    readonly $fault: "client" | "server",
    readonly httpStatus: number,
    options: ModeledErrorOptions = {},
    readonly members: Record<string, unknown> = options.members ?? {},
  ) {
    super(options.message);
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** A protocol-level failure the handler answers itself (bad JSON, unknown operation...). */
export class ProtocolError extends Error {
  constructor(
    readonly status: number,
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

/** The error of a body over an adapter's size limit. */
export function tooLargeError(limit: number): { name: string; message: string } {
  return { name: "RequestEntityTooLargeException", message: `The body is larger than ${limit} bytes.` };
}
