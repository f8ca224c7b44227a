// SigV4 verification with @smithy/signature-v4: the server recomputes the signature over
// the headers the caller signed and compares in constant time. Failures answer 403 with
// the codes AWS services use.
import { HttpRequest as SmithyRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from "node:crypto";
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

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === "string" ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** The SHA-256 (and HMAC-SHA-256) @smithy/signature-v4 asks for, on node:crypto. */
export class Sha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(this.secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

const denied = (name: string, message: string) => new ProtocolError(403, name, message);

export async function verifySigV4(request: HttpRequest, body: string, service: string, options: AuthenticateOptions): Promise<CallerIdentity> {
  const authorization = request.headers["authorization"];
  if (!authorization) throw denied("MissingAuthenticationTokenException", "Missing Authentication Token");
  const match = AUTHORIZATION.exec(authorization.trim());
  if (!match) {
    throw denied("IncompleteSignatureException", "The Authorization header is not a complete AWS4-HMAC-SHA256 signature (Credential, SignedHeaders, Signature).");
  }
  const [, accessKeyId, scopeDate, region, scopeService, signedList, signature] = match as unknown as string[];
  const signed = signedList!.split(";");
  const amzDate = request.headers["x-amz-date"];
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate) || !signed.includes("host") || !signed.includes("x-amz-date")) {
    throw denied("IncompleteSignatureException", "The signature must cover host and x-amz-date, and X-Amz-Date must be present.");
  }
  // Every x-amz-* header sent must be signed, as AWS requires: otherwise a captured request
  // could be replayed to another operation (X-Amz-Target) within the clock skew.
  const unsigned = Object.keys(request.headers).filter((name) => name.startsWith("x-amz-") && request.headers[name] !== undefined && !signed.includes(name));
  if (unsigned.length > 0) {
    throw denied("IncompleteSignatureException", `These headers must be signed: ${unsigned.sort().join(", ")}.`);
  }
  if (scopeService !== service || (options.region && region !== options.region) || amzDate.slice(0, 8) !== scopeDate) {
    throw denied("InvalidSignatureException", `Credential should be scoped to a valid region and the service '${service}'.`);
  }
  const signedAt = Date.UTC(+amzDate.slice(0, 4), +amzDate.slice(4, 6) - 1, +amzDate.slice(6, 8), +amzDate.slice(9, 11), +amzDate.slice(11, 13), +amzDate.slice(13, 15));
  const skew = options.clockSkewMs ?? 5 * 60_000;
  if (Math.abs(Date.now() - signedAt) > skew) {
    throw denied("InvalidSignatureException", "Signature expired: the request's X-Amz-Date is too far from the server's clock.");
  }
  const secretAccessKey = await options.secretFor(accessKeyId!);
  if (!secretAccessKey) throw denied("UnrecognizedClientException", "The security token included in the request is invalid.");

  const payloadHash = createHash("sha256").update(body).digest("hex");
  const declaredHash = request.headers["x-amz-content-sha256"];
  if (declaredHash !== undefined && declaredHash !== payloadHash) {
    throw denied("InvalidSignatureException", "X-Amz-Content-Sha256 does not match the body.");
  }
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = request.headers[name];
    if (value === undefined) throw denied("IncompleteSignatureException", `The signed header '${name}' is missing from the request.`);
    headers[name] = value;
  }
  const sessionToken = signed.includes("x-amz-security-token") ? headers["x-amz-security-token"] : undefined;
  const signer = new SignatureV4({
    credentials: { accessKeyId: accessKeyId!, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    region: region!,
    service,
    sha256: Sha256,
    applyChecksum: declaredHash !== undefined,
  });
  const expected = await signer.sign(
    new SmithyRequest({ method: request.method, protocol: "https:", hostname: headers.host ?? "", path: request.path, headers, body }),
    { signingDate: new Date(signedAt) },
  );
  const expectedSignature = /Signature=([0-9a-f]{64})/.exec(expected.headers.authorization ?? "")?.[1] ?? "";
  const expectedSigned = /SignedHeaders=([^,]+)/.exec(expected.headers.authorization ?? "")?.[1];
  const same = expectedSignature.length === signature!.length && timingSafeEqual(Buffer.from(expectedSignature), Buffer.from(signature!));
  if (expectedSigned !== signedList || !same) {
    throw denied("InvalidSignatureException", "The request signature we calculated does not match the signature you provided.");
  }
  return { accessKeyId: accessKeyId!, region: region! };
}
