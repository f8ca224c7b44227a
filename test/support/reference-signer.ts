// @smithy/signature-v4, the reference SigV4 implementation, set up as the AWS SDK sets it up.
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "../../packages/server/src/runtime/auth.js";

export interface ReferenceRequest {
  hostname: string;
  /** The request path as sent (default `/`). */
  path?: string;
  headers: Record<string, string>;
  body: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  region: string;
  service: string;
  now: Date;
}

/** The headers @smithy/signature-v4 adds to a POST request (to `/` unless `path` says otherwise). */
export async function referenceSign(input: ReferenceRequest): Promise<Record<string, string>> {
  const signer = new SignatureV4({ credentials: input.credentials, region: input.region, service: input.service, sha256: Sha256, applyChecksum: true });
  const signed = await signer.sign(
    new HttpRequest({ method: "POST", protocol: "https:", hostname: input.hostname, path: input.path ?? "/", headers: { ...input.headers }, body: input.body }),
    { signingDate: input.now },
  );
  return signed.headers;
}
