// SHA-256, HMAC and a constant-time comparison for Node: node:crypto answers synchronously,
// which keeps verification cheap. crypto-web.ts is the same on Web Crypto, for runtimes
// without node:crypto; the package's `#crypto` import picks one by the `node` condition.
import * as crypto from "node:crypto";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export type Bytes = Uint8Array;

export function sha256(data: string | Bytes): Bytes {
  return createHash("sha256").update(data).digest();
}

/** One-shot SHA-256: `crypto.hash` (Node 20.12+) skips the Hash object, a third of the cost on small inputs. */
export const sha256Hex: (data: string | Bytes) => string =
  typeof crypto.hash === "function" ? (data) => crypto.hash("sha256", data, "hex") : (data) => createHash("sha256").update(data).digest("hex");

export function hmac(key: string | Bytes, data: string | Bytes): Bytes {
  return createHmac("sha256", key).update(data).digest();
}

/** Whether two byte strings are equal, in time that depends only on their length. */
export function equalBytes(a: Bytes, b: Bytes): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
