// The awsJson service handler: routing by X-Amz-Target, body checks, validation with
// the generated validators, the user's function, and AWS-shaped answers. No input, however
// malformed, escapes as an exception: every path ends in an HttpResponse. What the protocol
// says (content type, target header, error envelope) comes from its runtime package.
import { encodeError, mediaType, parseTarget, REQUEST_ID_HEADER, REQUEST_METHOD, TARGET_HEADER, type AwsJsonProtocol, type ServiceDescription } from "@codepipeline-partner/protocol-aws-json";
import type { ValidationResult } from "@codepipeline-partner/validators";
import { verifySigV4, type AuthenticateOptions, type CallerIdentity } from "./auth.js";
import { decodeBody } from "./content-encoding.js";
import { ModeledError, ProtocolError } from "./errors.js";
import type { HttpRequest, HttpResponse, ServiceHandler } from "./http.js";
import { newRequestId } from "./request-id.js";

/** What a handler function learns about the request besides its input. */
export interface RequestContext {
  requestId: string;
  operation: string;
  /** Set when `authenticate` verified the request's signature. */
  caller?: CallerIdentity;
  headers: Readonly<Record<string, string | undefined>>;
}

/** What the generated code says about one operation, for the server. */
export interface ServerOperationDescription {
  /** The name of the implementation's method. */
  method: string;
  validate: (wire: unknown) => ValidationResult;
  /** Wire object to typed input (timestamps to Date...). */
  deserialize: (wire: Record<string, unknown>) => unknown;
  /** Typed output to wire object; absent for operations that return nothing. */
  serialize?: (output: never) => Record<string, unknown>;
  /** Set when the input holds a bigInteger or bigDecimal: a JSON.parse that keeps every digit. */
  parse?: (text: string) => unknown;
  /** Set when the output holds one: a JSON.stringify that writes every digit. */
  stringify?: (wire: unknown) => string;
}

/** What the generated code says about the service, for the server. */
export interface ServerServiceDescription extends ServiceDescription {
  /** Operations by name. */
  operations: Record<string, ServerOperationDescription>;
}

export interface Logger {
  error(message: string, detail?: unknown): void;
}

export interface HandlerOptions {
  /** Verify SigV4 signatures and let in only callers whose keys `authenticate.secretFor` knows. */
  authenticate?: AuthenticateOptions;
  /** Deepest JSON nesting accepted in a body (default 64). */
  maxDepth?: number;
  /** Where unexpected handler failures are reported (default: console). */
  logger?: Logger;
  /** Validate input against the model before the handler sees it (default true). */
  validate?: boolean;
  /**
   * Largest body accepted once its Content-Encoding (gzip) is undone, in bytes (default
   * 1 MiB, the adapters' limit on bodies as sent); a larger one gets 413.
   */
  maxDecompressedBodyBytes?: number;
}

// ignoreBOM keeps a byte-order mark in the text, so what is parsed is what was signed.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function createServiceHandler(spec: ServerServiceDescription, implementation: object, options: HandlerOptions = {}): ServiceHandler {
  const maxDepth = options.maxDepth ?? 64;
  const logger = options.logger ?? { error: (message: string, detail?: unknown) => console.error(message, detail) };
  const validate = options.validate ?? true;
  const maxDecompressed = options.maxDecompressedBodyBytes ?? 1024 * 1024;
  const methods = implementation as Record<string, ((input: unknown, context: RequestContext) => Promise<unknown>) | undefined>;

  const { protocol } = spec;
  const handle = async (request: HttpRequest): Promise<HttpResponse> => {
    const requestId = newRequestId();
    try {
      // An unknown caller learns nothing, not even which operations exist or whether its
      // body is UTF-8: the signature is checked first, over the bytes as they arrived.
      const caller = options.authenticate ? await verifySigV4(request, request.body, spec.signingName, options.authenticate) : undefined;
      let received = request.body;
      const encoding = request.headers["content-encoding"];
      if (encoding) {
        const decoded = await decodeBody(received, encoding, maxDecompressed);
        if (!(decoded instanceof Uint8Array)) return refuse(protocol, requestId, decoded.status, decoded.name, decoded.message);
        received = decoded;
      }
      let text: string;
      try {
        text = typeof received === "string" ? received : decoder.decode(received);
      } catch {
        return refuse(protocol, requestId, 400, "SerializationException", "The body is not valid UTF-8.");
      }

      if (request.method !== REQUEST_METHOD) {
        return refuse(protocol, requestId, 405, "MethodNotAllowedException", `Only ${REQUEST_METHOD} is accepted; got ${request.method}.`);
      }
      if (request.path !== "/") {
        return refuse(protocol, requestId, 404, "UnknownOperationException", `Requests go to '/', not '${request.path}'.`);
      }
      const target = request.headers[TARGET_HEADER];
      const name = parseTarget(spec.targetPrefix, target);
      const operation = name !== undefined && Object.hasOwn(spec.operations, name) ? spec.operations[name] : undefined;
      if (!operation || name === undefined) {
        return refuse(protocol, requestId, 400, "UnknownOperationException", target ? `Unknown operation ${JSON.stringify(target)}.` : "The X-Amz-Target header is missing.");
      }
      const contentType = mediaType(request.headers["content-type"]);
      if (contentType !== protocol.contentType) {
        return refuse(protocol, requestId, 415, "UnsupportedMediaTypeException", `Content-Type must be ${protocol.contentType}; got ${contentType ? JSON.stringify(contentType) : "none"}.`);
      }

      const wire = parseBody(text, maxDepth, operation.parse);
      if (validate) {
        const result = operation.validate(wire);
        if (!result.ok) return refuse(protocol, requestId, 400, result.kind === "deserialization" ? "SerializationException" : "ValidationException", result.message);
      } else if (typeof wire !== "object" || wire === null || Array.isArray(wire)) {
        return refuse(protocol, requestId, 400, "SerializationException", "The body must be a JSON object.");
      }

      const method = methods[operation.method];
      if (typeof method !== "function") {
        return refuse(protocol, requestId, 501, "NotImplementedException", `${name} is not implemented by this server.`);
      }
      // Two literals, not a spread: a spread after other members takes V8's slow path.
      const context: RequestContext = caller ? { requestId, operation: name, headers: request.headers, caller } : { requestId, operation: name, headers: request.headers };
      // The implementation runs from the microtask queue, not from the request's 'end'
      // event: there V8 creates no message (the thrown error's source location, found by
      // walking the stack) for an exception, and a modeled error is thrown. About 2 µs per
      // modeled error under load, for a microtask turn on every call.
      await undefined;
      const output = await method.call(implementation, operation.deserialize(wire as Record<string, unknown>), context);
      const body = operation.serialize && output ? (operation.stringify ?? JSON.stringify)(operation.serialize(output as never)) : "";
      return { status: 200, headers: { "content-type": protocol.contentType, [REQUEST_ID_HEADER]: requestId }, body };
    } catch (error) {
      return errorResponse(error, spec, requestId, logger);
    }
  };
  return Object.assign(handle, { protocol });
}

/**
 * The answer to a request the handler refuses itself. Returned, not thrown: a throw
 * from node:http's 'end' event makes V8 find its place in the source (a stack walk).
 */
function refuse(protocol: AwsJsonProtocol, requestId: string, status: number, name: string, message: string): HttpResponse {
  return encodeError(protocol, { status, name, message, requestId });
}

const ERROR_NAME = /^[A-Za-z][A-Za-z0-9_.#:-]*$/;
const isErrorStatus = (status: number) => Number.isInteger(status) && status >= 400 && status <= 599;

/** A ModeledError with an impossible status or name counts as an unexpected failure. */
function errorResponse(error: unknown, spec: ServerServiceDescription, requestId: string, logger: Logger): HttpResponse {
  if (error instanceof ModeledError && isErrorStatus(error.httpStatus) && ERROR_NAME.test(error.name)) {
    return encodeError(spec.protocol, { status: error.httpStatus, name: error.name, message: error.message, members: error.members, requestId });
  }
  if (error instanceof ProtocolError) {
    return encodeError(spec.protocol, { status: error.status, name: error.name, message: error.message, requestId });
  }
  // A bug or an outage behind the handler: log it, and tell the caller nothing more.
  logger.error(`request ${requestId} failed`, error);
  return encodeError(spec.protocol, { status: 500, ...INTERNAL_FAILURE, requestId });
}

/** The answer to a failure the caller cannot be told more about. */
export const INTERNAL_FAILURE = { name: "InternalFailure", message: "The server could not complete the request." } as const;

/** JSON.parse, after refusing nesting deeper than `maxDepth`; an empty body is `{}`. */
function parseBody(text: string, maxDepth: number, parse: (text: string) => unknown = JSON.parse): unknown {
  if (text.trim() === "") return {};
  if (!mayNestDeeper(text, maxDepth)) return parseJson(text, parse);
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      if (++depth > maxDepth) throw new ProtocolError(400, "SerializationException", `The body nests deeper than ${maxDepth} levels.`);
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return parseJson(text, parse);
}

function parseJson(text: string, parse: (text: string) => unknown): unknown {
  // Only the message of JSON.parse's SyntaxError is read: capturing its stack trace would
  // cost more than the rest of the answer.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse(text);
  } catch (error) {
    throw new ProtocolError(400, "SerializationException", `The body is not valid JSON: ${(error as Error).message}`);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** False when the body has too few brackets to nest past `maxDepth`: most bodies skip the scan. */
function mayNestDeeper(text: string, maxDepth: number): boolean {
  let brackets = 0;
  for (const bracket of ["{", "["]) {
    for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1)) {
      if (++brackets > maxDepth) return true;
    }
  }
  return false;
}
