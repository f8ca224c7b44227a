// The awsJson error envelope, both ways: a server encodes a failure as a JSON body with
// `__type` and an X-Amzn-Errortype header; a client reads the error name back from the
// header, the body's `code` or its `__type`, sanitised the same way.
import { ERROR_TYPE_HEADER, REQUEST_ID_HEADER, type AwsJsonProtocol } from "./protocol.js";

/** An error answer ready to send. */
export interface EncodedError {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The answer for error `name` with HTTP `status`. `members` are the error structure's
 * other modeled members; `message` goes last so a member cannot replace it.
 */
export function encodeError(
  protocol: AwsJsonProtocol,
  error: { status: number; name: string; message?: string; members?: Record<string, unknown>; requestId?: string },
): EncodedError {
  const body: Record<string, unknown> = { __type: error.name, ...error.members };
  if (error.message) body.message = error.message;
  const headers: Record<string, string> = { "content-type": protocol.contentType };
  if (error.requestId !== undefined) headers[REQUEST_ID_HEADER] = error.requestId;
  headers[ERROR_TYPE_HEADER] = error.name;
  return { status: error.status, headers, body: JSON.stringify(body) };
}

/** `aws.protocols#Name:http://...` is `Name`: the text before any `:`, after the first `#`. */
export function errorCode(raw: string): string {
  const colon = raw.indexOf(":");
  const withoutUri = colon < 0 ? raw : raw.slice(0, colon);
  return withoutUri.slice(withoutUri.indexOf("#") + 1).trim();
}

/** What a client can read from an error answer. */
export interface DecodedError {
  /** The sanitised error name, or undefined when the answer names none. */
  code: string | undefined;
  message: string | undefined;
  /** The body when it was a JSON object. */
  body: Record<string, unknown> | undefined;
  /** Why no code could be read, for the caller's message. */
  problem?: string;
}

/**
 * Reads an error answer. The name comes from X-Amzn-Errortype (an empty header counts as
 * absent), else the body's `code`, else its `__type`. The message is the body's member
 * named `message` in any letter case (some services send `Message`), or `errorMessage`.
 */
export function decodeError(errorTypeHeader: string | null | undefined, text: string): DecodedError {
  let body: Record<string, unknown> | undefined;
  let parseFailed = false;
  if (text.trim() !== "") {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      parseFailed = true;
    }
  }
  const raw = errorTypeHeader || stringMember(body, "code") || stringMember(body, "__type");
  const message = messageOf(body);
  if (!raw) {
    const problem = text.trim() === "" ? "an empty body" : body ? "no error type" : parseFailed ? "a body that is not JSON" : "a body that is not a JSON object";
    return { code: undefined, message, body, problem };
  }
  return { code: errorCode(raw) || undefined, message, body };
}

/** The keys of an error body that are the envelope, not members. */
export function isEnvelopeKey(key: string): boolean {
  return key === "__type" || key === "code" || key.toLowerCase() === "message";
}

/**
 * The modeled error class for `code`, looked up as an own property only: a name such as
 * `constructor` or `__proto__` must never find something on Object.prototype.
 */
export function modeledError<T>(errors: Record<string, T>, code: string | undefined): T | undefined {
  return code !== undefined && Object.prototype.hasOwnProperty.call(errors, code) ? errors[code] : undefined;
}

function messageOf(body: Record<string, unknown> | undefined): string | undefined {
  if (!body) return undefined;
  for (const key of Object.keys(body)) {
    if (key.toLowerCase() === "message" && typeof body[key] === "string") return body[key] as string;
  }
  return stringMember(body, "errorMessage");
}

function stringMember(body: Record<string, unknown> | undefined, key: string): string | undefined {
  if (!body || !Object.prototype.hasOwnProperty.call(body, key)) return undefined;
  const value = body[key];
  return typeof value === "string" ? value : undefined;
}
