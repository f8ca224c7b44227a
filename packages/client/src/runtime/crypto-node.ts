// SHA-256 and HMAC for Node: node:crypto answers synchronously, which keeps signing cheap.
import { createHash, createHmac } from "node:crypto";

export type Bytes = Uint8Array;

export function sha256Hex(data: string | Bytes): string {
  return createHash("sha256").update(data).digest("hex");
}

export function hmac(key: string | Bytes, data: string): Bytes {
  return createHmac("sha256", key).update(data).digest();
}

export function hmacHex(key: Bytes, data: string): string {
  return createHmac("sha256", key).update(data).digest("hex");
}
