// SigV4 verification: the server rebuilds the canonical request over exactly the headers
// the caller lists in SignedHeaders (whatever they are: user-agent, expect and
// x-amzn-trace-id included, which some signers leave out and others sign) and the body's
// bytes as they arrived, signs it with the caller's secret and compares in constant time.
// Failures answer 403 with the codes AWS services use.
import { canonicalPath } from "@codepipeline-partner/protocol-aws-json";
import { equalBytes, hmac, sha256, sha256Hex, type Bytes } from "#crypto";
import { ProtocolError } from "./errors.js";
import type { HttpRequest } from "./http.js";

export interface AuthenticateOptions {
  /** The secret access key of an access key ID, or undefined for a caller you do not know. */
  secretFor: (accessKeyId: string) => string | undefined | Promise<string | undefined>;
  /** How far the caller's clock may be from ours, in milliseconds (default 5 minutes). */
  clockSkewMs?: number;
  /** The region requests must be signed for (default: any). */
  region?: string;
}

export interface CallerIdentity {
  accessKeyId: string;
  region: string;
}

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;
/** SignedHeaders: header names as SigV4 lists them (HTTP tokens, in lower case), separated by ';'. */
const SIGNED_HEADERS = /^[a-z0-9!#$%&'*+.^_`|~-]+(?:;[a-z0-9!#$%&'*+.^_`|~-]+)*$/;
const AMZ_DATE = /^\d{8}T\d{6}Z$/;

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === "string" ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** The SHA-256 (and HMAC-SHA-256) @smithy/signature-v4 asks for, on the platform's crypto. */
export class Sha256 {
  private readonly secret: SourceData | undefined;
  private chunks: Uint8Array[] = [];
  constructor(secret?: SourceData) {
    this.secret = secret;
  }
  update(data: SourceData): void {
    const chunk = bytes(data);
    this.chunks.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk.slice());
  }
  async digest(): Promise<Uint8Array> {
    const data = new Uint8Array(this.chunks.reduce((length, chunk) => length + chunk.length, 0));
    let offset = 0;
    for (const chunk of this.chunks) {
      data.set(chunk, offset);
      offset += chunk.length;
    }
    return this.secret === undefined ? sha256(data) : hmac(bytes(this.secret), data);
  }
  reset(): void {
    this.chunks = [];
  }
}

const denied = (name: string, message: string) => new ProtocolError(403, name, message);

/**
 * Verifies the request's SigV4 signature. `body` is the body as it arrived: bytes (hashed
 * as they are, valid UTF-8 or not) or, from an adapter that only has text, a string
 * (hashed as UTF-8).
 */
export async function verifySigV4(request: HttpRequest, body: Uint8Array | string, service: string, options: AuthenticateOptions): Promise<CallerIdentity> {
  const authorization = header(request, "authorization");
  if (!authorization) throw denied("MissingAuthenticationTokenException", "Missing Authentication Token");
  const match = AUTHORIZATION.exec(authorization.trim());
  if (!match) {
    throw denied("IncompleteSignatureException", "The Authorization header is not a complete AWS4-HMAC-SHA256 signature (Credential, SignedHeaders, Signature).");
  }
  const [, accessKeyId, scopeDate, region, scopeService, signedList, signature] = match as unknown as [string, string, string, string, string, string, string];
  const signed = signedList.split(";");
  if (!SIGNED_HEADERS.test(signedList) || !distinct(signed)) {
    throw denied("IncompleteSignatureException", "SignedHeaders must list distinct lower-case header names, separated by ';'.");
  }
  // The time of signing: X-Amz-Date, or the Date header when there is no X-Amz-Date.
  const amzDate = header(request, "x-amz-date");
  const date = amzDate === undefined && signed.includes("date") ? header(request, "date") : undefined;
  const longDate = amzDate !== undefined ? (AMZ_DATE.test(amzDate) ? amzDate : undefined) : date !== undefined ? fromHttpDate(date) : undefined;
  if (!signed.includes("host") || longDate === undefined || (amzDate !== undefined && !signed.includes("x-amz-date"))) {
    throw denied("IncompleteSignatureException", "The signature must cover host and x-amz-date (or date), and X-Amz-Date (or Date) must be present and well formed.");
  }
  // Every x-amz-* header sent must be signed, as AWS requires: otherwise a captured request
  // could be replayed to another operation (X-Amz-Target) within the clock skew.
  let unsigned: string[] | undefined;
  for (const name in request.headers) {
    if (name.startsWith("x-amz-") && request.headers[name] !== undefined && !signed.includes(name)) (unsigned ??= []).push(name);
  }
  if (unsigned) {
    throw denied("IncompleteSignatureException", `These headers must be signed: ${unsigned.sort().join(", ")}.`);
  }
  if (scopeService !== service || (options.region && region !== options.region) || longDate.slice(0, 8) !== scopeDate) {
    throw denied("InvalidSignatureException", `Credential should be scoped to a valid region and the service '${service}'.`);
  }
  const signedAt = Date.UTC(+longDate.slice(0, 4), +longDate.slice(4, 6) - 1, +longDate.slice(6, 8), +longDate.slice(9, 11), +longDate.slice(11, 13), +longDate.slice(13, 15));
  const skew = options.clockSkewMs ?? 5 * 60_000;
  if (!(Math.abs(Date.now() - signedAt) <= skew)) {
    throw denied("InvalidSignatureException", "Signature expired: the request's X-Amz-Date is too far from the server's clock.");
  }

  let canonicalHeaders = "";
  for (const name of signed) {
    const value = header(request, name);
    if (value === undefined) throw denied("IncompleteSignatureException", `The signed header '${name}' is missing from the request.`);
    canonicalHeaders += `${name}:${canonicalValue(value)}\n`;
  }

  // node:crypto answers at once, Web Crypto (and a secret store may) with a promise; only a
  // promise is awaited, as each await costs a turn of the microtask queue.
  const secret = options.secretFor(accessKeyId);
  const secretAccessKey = isPromise(secret) ? await secret : secret;
  if (!secretAccessKey) throw denied("UnrecognizedClientException", "The security token included in the request is invalid.");

  // The hash of the bytes as they arrived: what the caller hashed before sending them.
  const bodyHash = sha256Hex(body);
  const payloadHash = isPromise(bodyHash) ? await bodyHash : bodyHash;
  const declaredHash = header(request, "x-amz-content-sha256");
  if (declaredHash !== undefined && declaredHash !== payloadHash) {
    throw denied("InvalidSignatureException", "X-Amz-Content-Sha256 does not match the body.");
  }
  // The adapters pass the path without its query string; awsJson requests have none, and
  // one that did was signed over it and fails here.
  const canonicalRequest = `${request.method}\n${canonicalPath(request.path)}\n\n${canonicalHeaders}\n${signedList}\n${payloadHash}`;
  const scope = `${scopeDate}/${region}/${scopeService}/aws4_request`;
  const requestHash = sha256Hex(canonicalRequest);
  const stringToSign = `AWS4-HMAC-SHA256\n${longDate}\n${scope}\n${isPromise(requestHash) ? await requestHash : requestHash}`;
  const key = cachedSigningKey(secretAccessKey, scopeDate, region, scopeService) ?? (await signingKey(secretAccessKey, scopeDate, region, scopeService));
  const mac = hmac(key, stringToSign);
  const expected = isPromise(mac) ? await mac : mac;
  if (!equalBytes(expected, fromHex(signature))) {
    throw denied("InvalidSignatureException", "The request signature we calculated does not match the signature you provided.");
  }
  return { accessKeyId, region };
}

function header(request: HttpRequest, name: string): string | undefined {
  const value: unknown = request.headers[name];
  // node:http gives set-cookie as an array; no other header arrives as one.
  return value === undefined ? undefined : Array.isArray(value) ? value.join(",") : String(value);
}

/** A header value as SigV4 signs it: line breaks and runs of blanks made one space, trimmed. */
function canonicalValue(value: string): string {
  // Most values have nothing to change: one test instead of three replacements.
  if (!NOT_CANONICAL.test(value)) return value;
  return value.replace(/[\r\n]/g, " ").replace(/[ \t]+/g, " ").replace(/^ | $/g, "");
}
/** What canonicalValue changes: a line break, a tab, two blanks in a row, a blank at either end. */
const NOT_CANONICAL = /[\r\n\t]|  |^ | $/;

/** Whether a list's names are all different. Signers list them sorted: then one pass tells. */
function distinct(names: string[]): boolean {
  for (let i = 1; i < names.length; i++) {
    if (names[i - 1]! >= names[i]!) return new Set(names).size === names.length;
  }
  return true;
}

/** `20240101T000000Z` from a Date header: that form itself, or an HTTP-date in GMT. */
function fromHttpDate(value: string): string | undefined {
  const trimmed = value.trim();
  if (AMZ_DATE.test(trimmed)) return trimmed;
  if (!/ GMT$/.test(trimmed)) return undefined;
  const time = Date.parse(trimmed);
  return Number.isFinite(time) ? new Date(time).toISOString().replace(/[-:]|\.\d{3}/g, "") : undefined;
}

/** The bytes of a hex string the AUTHORIZATION pattern has checked (64 lower-case digits). */
function fromHex(hex: string): Bytes {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = (hexDigit(hex.charCodeAt(2 * i)) << 4) | hexDigit(hex.charCodeAt(2 * i + 1));
  return out;
}
/** 0-9 and a-f (the pattern allows no other) to their values, without parseInt and slices. */
const hexDigit = (code: number) => (code <= 0x39 ? code - 0x30 : code - 0x57);

/** A promise or any thenable (a secret store may return one): what `await` would wait for. */
const isPromise = <T>(value: T | PromiseLike<T>): value is PromiseLike<T> => typeof (value as { then?: unknown } | null | undefined)?.then === "function";

const keyCache = new Map<string, Bytes>();
/** The signing key used last: most requests come from one caller, so its key is found without building the cache's key. */
let lastKey: { secret: string; date: string; region: string; service: string; key: Bytes } | undefined;

function cachedSigningKey(secret: string, date: string, region: string, service: string): Bytes | undefined {
  const last = lastKey;
  if (last && last.secret === secret && last.date === date && last.region === region && last.service === service) return last.key;
  const key = keyCache.get(`${date}\n${region}\n${service}\n${secret}`);
  if (key) lastKey = { secret, date, region, service, key };
  return key;
}

/** The day's signing key for a secret, region and service (the last 50 are kept). */
async function signingKey(secret: string, date: string, region: string, service: string): Promise<Bytes> {
  let key = await hmac(`AWS4${secret}`, date);
  for (const part of [region, service, "aws4_request"]) key = await hmac(key, part);
  if (keyCache.size >= 50) keyCache.delete(keyCache.keys().next().value!);
  keyCache.set(`${date}\n${region}\n${service}\n${secret}`, key);
  lastKey = { secret, date, region, service, key };
  return key;
}
