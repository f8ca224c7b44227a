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
 * other modeled members; `message` goes last so a member cannot replace it. Members that
 * `withJsonWriter` marked are written by that writer, else by JSON.stringify.
 */
export function encodeError(
  protocol: AwsJsonProtocol,
  error: { status: number; name: string; message?: string; members?: Record<string, unknown>; requestId?: string },
): EncodedError {
  const { name, message, members, requestId } = error;
  let body: string;
  if (typeof name === "string" && (message === undefined || typeof message === "string") && (members === undefined || !hasEnumerableKey(members))) {
    // The usual error, no other members: the bytes JSON.stringify gives for
    // { __type, message }, without building that object (a spread after `__type` takes
    // V8's slow path).
    body = message ? `{"__type":${jsonString(name)},"message":${jsonString(message)}}` : `{"__type":${jsonString(name)}}`;
  } else {
    const envelope: Record<string, unknown> = { __type: name, ...members };
    if (message) envelope.message = message;
    body = ((members as Marked | undefined)?.[JSON_WRITER] ?? JSON.stringify)(envelope);
  }
  const headers: Record<string, string> = { "content-type": protocol.contentType };
  if (requestId !== undefined) headers[REQUEST_ID_HEADER] = requestId;
  headers[ERROR_TYPE_HEADER] = name;
  return { status: error.status, headers, body };
}

/**
 * The key of an error's members' writer: a symbol no JSON body can hold, set not enumerable so
 * no spread copies it; `Symbol.for`, so a second copy of this package (its ESM and CJS builds) agrees.
 */
const JSON_WRITER: unique symbol = Symbol.for("@codepipeline-partner/json-writer") as never;
type Marked = { [JSON_WRITER]?: (wire: unknown) => string };

/**
 * `members`, marked to be written by `stringify` (the exact JSON writer, for an error whose
 * members reach a bigInteger or bigDecimal: JSON.stringify would write their `JsonNumber`s
 * as `{}`). Only generated code for such errors calls this, so no other server carries that writer.
 */
export function withJsonWriter<T extends object>(members: T, stringify: (wire: unknown) => string): T {
  Object.defineProperty(members, JSON_WRITER, { value: stringify });
  return members;
}

/** What JSON.stringify may escape in a string: quotes, backslashes, control characters and (lone) surrogates. */
const JSON_ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * JSON.stringify(text). When nothing needs escaping, which this test finds a few times
 * faster than JSON.stringify runs, that is the text in quotes. Any surrogate, paired or
 * not, takes the JSON.stringify path.
 */
function jsonString(text: string): string {
  return JSON_ESCAPED.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function hasEnumerableKey(object: object): boolean {
  for (const _ in object) return true;
  return false;
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
 * absent), else the body's `code`, else its `__type`, in the AWS SDKs' order. (So an error
 * member named `code` is an ordinary member while the header is there, which servers of
 * this protocol always send; without it, its value would be read as the error's name.)
 * The message is the body's member named `message` in any letter case (some services send
 * `Message`), or `errorMessage`.
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

/**
 * The modeled error class for `code`, looked up as an own property only: a name such as
 * `constructor` or `__proto__` must never find something on Object.prototype.
 */
export function modeledError<T>(errors: Record<string, T>, code: string | undefined): T | undefined {
  return code !== undefined && Object.hasOwn(errors, code) ? errors[code] : undefined;
}

function messageOf(body: Record<string, unknown> | undefined): string | undefined {
  if (!body) return undefined;
  for (const key of Object.keys(body)) {
    if (key.toLowerCase() === "message" && typeof body[key] === "string") return body[key] as string;
  }
  return stringMember(body, "errorMessage");
}

function stringMember(body: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = body && Object.hasOwn(body, key) ? body[key] : undefined;
  return typeof value === "string" ? value : undefined;
}
