// SHA-256, HMAC and a constant-time comparison on Web Crypto, for runtimes without
// node:crypto (workers, browsers); the same functions as crypto-node.ts, asynchronous.
export type Bytes = Uint8Array;

const encoder = new TextEncoder();
const bytes = (data: string | Bytes): Bytes => (typeof data === "string" ? encoder.encode(data) : data);

function hex(data: Bytes): string {
  let out = "";
  for (const byte of data) out += byte.toString(16).padStart(2, "0");
  return out;
}

export async function sha256(data: string | Bytes): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes(data) as BufferSource));
}

export async function sha256Hex(data: string | Bytes): Promise<string> {
  return hex(await sha256(data));
}

export async function hmac(key: string | Bytes, data: string | Bytes): Promise<Bytes> {
  const cryptoKey = await crypto.subtle.importKey("raw", bytes(key) as BufferSource, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, bytes(data) as BufferSource));
}

/** Whether two byte strings are equal, in time that depends only on their length. */
export function equalBytes(a: Bytes, b: Bytes): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}
