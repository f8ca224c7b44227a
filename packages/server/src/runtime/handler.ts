// The awsJson1_1 service handler: routing by X-Amz-Target, body checks, validation with
// the generated validators, the user's function, and AWS-shaped answers. No input, however
// malformed, escapes as an exception: every path ends in an HttpResponse.
import type { ValidationResult } from "@codepipeline-partner/validators";
import { verifySigV4, type AuthenticateOptions, type CallerIdentity } from "./auth.js";
import { ModeledError, ProtocolError } from "./errors.js";
import type { HttpRequest, HttpResponse, ServiceHandler } from "./http.js";

/** What a handler function learns about the request besides its input. */
export interface RequestContext {
  requestId: string;
  operation: string;
  /** Set when `authenticate` verified the request's signature. */
  caller?: CallerIdentity;
  headers: Readonly<Record<string, string | undefined>>;
}

export interface OperationSpec {
  validate: (wire: unknown) => ValidationResult;
  /** Wire object to typed input (timestamps to Date...). */
  deserialize: (wire: Record<string, unknown>) => unknown;
  /** Typed output to wire object; absent for operations that return nothing. */
  serialize?: (output: never) => Record<string, unknown>;
}

export interface ServiceSpec {
  targetPrefix: string;
  contentType: string;
  signingName: string;
  /** Operations by name, with the name of the handler method that implements each. */
  operations: Record<string, OperationSpec & { method: string }>;
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
}

// ignoreBOM keeps a byte-order mark in the text, so what is parsed is what was signed.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function createServiceHandler(spec: ServiceSpec, implementation: object, options: HandlerOptions = {}): ServiceHandler {
  const maxDepth = options.maxDepth ?? 64;
  const logger = options.logger ?? { error: (message: string, detail?: unknown) => console.error(message, detail) };
  const validate = options.validate ?? true;
  const methods = implementation as Record<string, ((input: unknown, context: RequestContext) => Promise<unknown>) | undefined>;

  return async (request: HttpRequest): Promise<HttpResponse> => {
    const requestId = crypto.randomUUID();
    try {
      let text: string;
      try {
        text = typeof request.body === "string" ? request.body : decoder.decode(request.body);
      } catch {
        throw new ProtocolError(400, "SerializationException", "The body is not valid UTF-8.");
      }
      // An unknown caller learns nothing, not even which operations exist.
      const caller = options.authenticate ? await verifySigV4(request, text, spec.signingName, options.authenticate) : undefined;

      if (request.method !== "POST") {
        throw new ProtocolError(405, "MethodNotAllowedException", `Only POST is accepted; got ${request.method}.`);
      }
      if (request.path !== "/") {
        throw new ProtocolError(404, "UnknownOperationException", `Requests go to '/', not '${request.path}'.`);
      }
      const target = request.headers["x-amz-target"];
      const prefix = `${spec.targetPrefix}.`;
      const name = target?.startsWith(prefix) ? target.slice(prefix.length) : undefined;
      const operation = name !== undefined && Object.hasOwn(spec.operations, name) ? spec.operations[name] : undefined;
      if (!operation || name === undefined) {
        throw new ProtocolError(400, "UnknownOperationException", target ? `Unknown operation ${JSON.stringify(target)}.` : "The X-Amz-Target header is missing.");
      }
      const contentType = request.headers["content-type"]?.split(";")[0]!.trim().toLowerCase();
      if (contentType !== spec.contentType) {
        throw new ProtocolError(415, "UnsupportedMediaTypeException", `Content-Type must be ${spec.contentType}; got ${contentType ? JSON.stringify(contentType) : "none"}.`);
      }

      const wire = parseBody(text, maxDepth);
      if (validate) {
        const result = operation.validate(wire);
        if (!result.ok) {
          throw result.kind === "deserialization"
            ? new ProtocolError(400, "SerializationException", result.message)
            : new ProtocolError(400, "ValidationException", result.message);
        }
      } else if (typeof wire !== "object" || wire === null || Array.isArray(wire)) {
        throw new ProtocolError(400, "SerializationException", "The body must be a JSON object.");
      }

      const method = methods[operation.method];
      if (typeof method !== "function") {
        throw new ProtocolError(501, "NotImplementedException", `${name} is not implemented by this server.`);
      }
      const context: RequestContext = { requestId, operation: name, headers: request.headers, ...(caller ? { caller } : {}) };
      const output = await method.call(implementation, operation.deserialize(wire as Record<string, unknown>), context);
      const body = operation.serialize && output ? JSON.stringify(operation.serialize(output as never)) : "";
      return { status: 200, headers: { "content-type": spec.contentType, "x-amzn-requestid": requestId }, body };
    } catch (error) {
      return errorResponse(error, spec, requestId, logger);
    }
  };
}

const ERROR_NAME = /^[A-Za-z][A-Za-z0-9_.#:-]*$/;
const isErrorStatus = (status: number) => Number.isInteger(status) && status >= 400 && status <= 599;

/** A ModeledError with an impossible status or name counts as an unexpected failure. */
function errorResponse(error: unknown, spec: ServiceSpec, requestId: string, logger: Logger): HttpResponse {
  let status: number;
  let name: string;
  let body: Record<string, unknown>;
  if (error instanceof ModeledError && isErrorStatus(error.httpStatus) && ERROR_NAME.test(error.name)) {
    status = error.httpStatus;
    name = error.name;
    body = { __type: name, ...error.members, ...(error.message ? { message: error.message } : {}) };
  } else if (error instanceof ProtocolError) {
    status = error.status;
    name = error.name;
    body = { __type: name, message: error.message };
  } else {
    // A bug or an outage behind the handler: log it, and tell the caller nothing more.
    logger.error(`request ${requestId} failed`, error);
    status = 500;
    name = "InternalFailure";
    body = { __type: name, message: "The server could not complete the request." };
  }
  return {
    status,
    headers: { "content-type": spec.contentType, "x-amzn-requestid": requestId, "x-amzn-errortype": name },
    body: JSON.stringify(body),
  };
}

/** JSON.parse, after refusing nesting deeper than `maxDepth`; an empty body is `{}`. */
function parseBody(text: string, maxDepth: number): unknown {
  if (text.trim() === "") return {};
  if (!mayNestDeeper(text, maxDepth)) return parseJson(text);
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
  return parseJson(text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ProtocolError(400, "SerializationException", `The body is not valid JSON: ${(error as Error).message}`);
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
