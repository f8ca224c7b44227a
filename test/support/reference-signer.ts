// @smithy/signature-v4, the reference SigV4 implementation, set up as the AWS SDK sets it up.
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";

/** The Checksum interface @smithy/signature-v4 asks for, on node:crypto. */
type SourceData = string | ArrayBuffer | ArrayBufferView;
const toBytes = (data: SourceData): string | Uint8Array =>
  typeof data === "string" ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash("sha256") : createHmac("sha256", toBytes(this.secret));
  }
  update(data: SourceData): void {
    this.hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

export interface ReferenceRequest {
  hostname: string;
  headers: Record<string, string>;
  body: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  region: string;
  service: string;
  now: Date;
}

/** The headers @smithy/signature-v4 adds to a POST / request. */
export async function referenceSign(input: ReferenceRequest): Promise<Record<string, string>> {
  const signer = new SignatureV4({ credentials: input.credentials, region: input.region, service: input.service, sha256: NodeSha256, applyChecksum: true });
  const signed = await signer.sign(
    new HttpRequest({ method: "POST", protocol: "https:", hostname: input.hostname, path: "/", headers: { ...input.headers }, body: input.body }),
    { signingDate: input.now },
  );
  return signed.headers;
}
