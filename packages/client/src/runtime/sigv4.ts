// AWS Signature Version 4 for awsJson requests: a POST to the endpoint's path (`/` unless
// the endpoint has one) with no query string and a fixed,
// small set of headers. It produces the same bytes as @smithy/signature-v4 (a property
// test checks 10,000 random requests), in a fraction of the time, by skipping the
// generality these requests never need and caching the day's signing key.
import { canonicalPath } from "@codepipeline-partner/protocol-aws-json";
import { hmac, hmacHex, sha256Hex, type Bytes } from "#crypto";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** When the credentials stop working; a provider is asked again before then. */
  expiration?: Date;
}

export interface SigningInput {
  /** The request's path as sent, percent-encoded as in a URL (default `/`). */
  path?: string;
  /** Lower-case header names; `host` among them. */
  headers: Record<string, string>;
  /** The bytes sent (a string is sent as UTF-8). */
  body: string | Uint8Array;
  credentials: Credentials;
  region: string;
  service: string;
  now: Date;
}

/** Headers SigV4 leaves unsigned, as @smithy/signature-v4 does. */
const UNSIGNABLE = new Set(["authorization", "cache-control", "connection", "expect", "from", "keep-alive", "max-forwards", "pragma", "referer", "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id"]);

const keyCache = new Map<string, Bytes>();

async function signingKey(secret: string, date: string, region: string, service: string): Promise<Bytes> {
  const cacheKey = `${date}\n${region}\n${service}\n${secret}`;
  const cached = keyCache.get(cacheKey);
  if (cached) return cached;
  const kDate = await hmac(`AWS4${secret}`, date);
  const kRegion = await hmac(kDate, region);
  const kService = await hmac(kRegion, service);
  const key = await hmac(kService, "aws4_request");
  if (keyCache.size > 50) keyCache.clear();
  keyCache.set(cacheKey, key);
  return key;
}

let lastSecond = Number.NaN;
let lastAmzDate = "";

/** `20240101T000000Z`, the X-Amz-Date form of a time (remembered for the current second). */
export function amzDate(now: Date): string {
  const second = Math.floor(now.getTime() / 1000);
  if (second !== lastSecond) {
    lastAmzDate = now.toISOString().replace(/[-:]|\.\d{3}/g, "");
    lastSecond = second;
  }
  return lastAmzDate;
}

/**
 * Adds x-amz-date, x-amz-content-sha256, x-amz-security-token (with a session token) and
 * authorization to `headers`, and returns them. Headers SigV4 leaves unsigned (user-agent,
 * proxy-*, ...) are left out of the signature, as @smithy/signature-v4 leaves them.
 */
export function signRequest(input: SigningInput): Promise<Record<string, string>> {
  return signHeaders(input, (name) => !UNSIGNABLE.has(name) && !name.startsWith("proxy-") && !name.startsWith("sec-"));
}

/**
 * signRequest for a caller that sends only headers SigV4 signs, as the client does: every
 * header is signed unless `signed` says otherwise, and a bundle without signRequest
 * carries no list of unsignable headers.
 */
export async function signHeaders(input: SigningInput, signed?: (name: string) => boolean): Promise<Record<string, string>> {
  const { headers, credentials, region, service } = input;
  const longDate = amzDate(input.now);
  const shortDate = longDate.slice(0, 8);
  const payloadHash = await sha256Hex(input.body);
  headers["x-amz-date"] = longDate;
  headers["x-amz-content-sha256"] = payloadHash;
  if (credentials.sessionToken) headers["x-amz-security-token"] = credentials.sessionToken;

  const names = (signed ? Object.keys(headers).filter(signed) : Object.keys(headers)).sort();
  let canonicalHeaders = "";
  for (const name of names) canonicalHeaders += `${name}:${headers[name]!.trim().replace(/\s+/g, " ")}\n`;
  const signedHeaders = names.join(";");
  const canonicalRequest = `POST\n${canonicalPath(input.path)}\n\n${canonicalHeaders}\n${signedHeaders}\n${payloadHash}`;
  const scope = `${shortDate}/${region}/${service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${longDate}\n${scope}\n${await sha256Hex(canonicalRequest)}`;
  const signature = await hmacHex(await signingKey(credentials.secretAccessKey, shortDate, region, service), stringToSign);
  headers["authorization"] = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}
