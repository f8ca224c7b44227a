/**
 * A failure the user can act on. The CLI prints its message alone, never a stack trace:
 * the message must say what is wrong, where, and how to fix it.
 */
export class GenerateError extends Error {
  override name = "GenerateError";
  constructor(
    message: string,
    /** Diagnostics to print after the message, such as Smithy's own. */
    readonly details?: string,
  ) {
    super(message);
  }
}
