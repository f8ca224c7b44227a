// Request bodies sent with a Content-Encoding: clients compress the bodies of operations
// the model marks @requestCompression with gzip. The handler decodes them after checking
// the signature (which covers the bytes as sent) with DecompressionStream, which every
// runtime the handler serves has (node:http, Fetch, Lambda), and bounds the result: a
// small body that inflates past the limit (a zip bomb) is refused with 413 as soon as it
// passes the limit, never inflated whole.

import { readBounded } from "./streams.js";

/** Why a body could not be decoded: the answer to send instead. */
export interface UndecodableBody {
  status: 400 | 413 | 415;
  name: string;
  message: string;
}

/** Content codings a request may use; identity is no coding at all. */
const DECODERS: Record<string, CompressionFormat | "identity"> = { gzip: "gzip", "x-gzip": "gzip", identity: "identity" };

/**
 * The body with the codings of a Content-Encoding header undone (the last applied is
 * undone first), at most `limit` bytes after each; or why it cannot be.
 */
export async function decodeBody(body: Uint8Array | string, contentEncoding: string, limit: number): Promise<Uint8Array | UndecodableBody> {
  const codings = contentEncoding.split(",").map((coding) => coding.trim().toLowerCase()).filter((coding) => coding !== "");
  let bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  for (const coding of codings.reverse()) {
    const format = Object.hasOwn(DECODERS, coding) ? DECODERS[coding] : undefined;
    if (format === undefined) {
      return { status: 415, name: "UnsupportedMediaTypeException", message: `Content-Encoding ${JSON.stringify(coding.slice(0, 50))} is not supported; send the body as it is, or gzip it.` };
    }
    if (format === "identity") continue;
    const decoded = await inflate(bytes, format, limit);
    if (decoded === "too large") return { status: 413, name: "RequestEntityTooLargeException", message: `The body, decompressed, is larger than ${limit} bytes.` };
    if (decoded === "corrupt") return { status: 400, name: "SerializationException", message: `The body is not valid ${format} data.` };
    bytes = decoded;
  }
  return bytes;
}

async function inflate(bytes: Uint8Array, format: CompressionFormat, limit: number): Promise<Uint8Array | "too large" | "corrupt"> {
  const decoded = await readBounded(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream(format)), limit);
  return decoded === "broken" ? "corrupt" : decoded;
}
