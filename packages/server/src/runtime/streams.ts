// Reading a byte stream whole, but never past a limit: what the Fetch adapter does with a
// request body and the handler with a decompressed one. No node:* import, so every runtime
// the handler serves can use it.

/**
 * The stream's bytes, or "too large" as soon as they pass `limit` (the stream is then
 * cancelled, never read further), or "broken" when the stream errors before its end.
 */
export async function readBounded(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | "too large" | "broken"> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        return "too large";
      }
      chunks.push(value);
    }
  } catch {
    return "broken";
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
