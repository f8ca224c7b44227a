// SHA-256 and HMAC for browsers and other runtimes without node:crypto, on Web Crypto.
export type Bytes = Uint8Array;

const encoder = new TextEncoder();
const bytes = (data: string | Bytes): Bytes => (typeof data === "string" ? encoder.encode(data) : data);

function hex(buffer: ArrayBuffer | Bytes): string {
  let out = "";
  for (const byte of new Uint8Array(buffer)) out += byte.toString(16).padStart(2, "0");
  return out;
}

export async function sha256Hex(data: string | Bytes): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", bytes(data) as BufferSource));
}

export async function hmac(key: string | Bytes, data: string): Promise<Bytes> {
  const cryptoKey = await crypto.subtle.importKey("raw", bytes(key) as BufferSource, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, encoder.encode(data)));
}

export async function hmacHex(key: Bytes, data: string): Promise<string> {
  return hex(await hmac(key, data));
}
