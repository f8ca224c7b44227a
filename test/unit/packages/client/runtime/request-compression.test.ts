// The compression step of @requestCompression on its own: which bodies are compressed
// (the threshold is inclusive; the call's settings win over the client's), that the
// result is gzip of the UTF-8 body, and the threshold's range.
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { checkMinCompressionSize, DEFAULT_MIN_COMPRESSION_SIZE_BYTES, gzipBody, shouldCompress } from "../../../../../packages/client/src/runtime/request-compression.js";

describe("shouldCompress", () => {
  it.each<[string, { bytes: number; call?: object; config?: object; compressed: boolean }]>([
    ["under the default threshold", { bytes: DEFAULT_MIN_COMPRESSION_SIZE_BYTES - 1, compressed: false }],
    ["at the default threshold (10,240 bytes)", { bytes: DEFAULT_MIN_COMPRESSION_SIZE_BYTES, compressed: true }],
    ["the client's threshold", { bytes: 100, config: { requestMinCompressionSizeBytes: 100 }, compressed: true }],
    ["the call's threshold over the client's", { bytes: 100, call: { requestMinCompressionSizeBytes: 101 }, config: { requestMinCompressionSizeBytes: 0 }, compressed: false }],
    ["a threshold of 0: every body", { bytes: 1, config: { requestMinCompressionSizeBytes: 0 }, compressed: true }],
    ["off for the client", { bytes: 50_000, config: { disableRequestCompression: true }, compressed: false }],
    ["off for the call", { bytes: 50_000, call: { disableRequestCompression: true }, compressed: false }],
    ["on for the call, off for the client", { bytes: 50_000, call: { disableRequestCompression: false }, config: { disableRequestCompression: true }, compressed: true }],
  ])("%s", (_, { bytes, call = {}, config = {}, compressed }) => {
    expect(shouldCompress(bytes, call, config)).toBe(compressed);
  });

  it("refuses a call's threshold outside the range", () => {
    expect(() => shouldCompress(1, { requestMinCompressionSizeBytes: -1 }, {})).toThrow(RangeError);
  });
});

describe("gzipBody", () => {
  it("is gzip of the body's UTF-8 bytes", async () => {
    const body = JSON.stringify({ text: "naïve café ☕ 𝄞 ".repeat(1000) });
    const compressed = await gzipBody.compress(body);
    expect(gzipBody.encoding).toBe("gzip");
    expect([...compressed.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(gunzipSync(compressed).toString("utf8")).toBe(body);
    expect(compressed.byteLength).toBeLessThan(Buffer.byteLength(body) / 10);
  });

  it("an empty body too", async () => {
    expect(gunzipSync(await gzipBody.compress("")).toString("utf8")).toBe("");
  });
});

describe("checkMinCompressionSize", () => {
  it.each([0, 1, 10_240, 10_485_760, undefined])("accepts %s", (value) => {
    expect(() => checkMinCompressionSize(value)).not.toThrow();
  });
  it.each([-1, 10_485_761, 0.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses %s", (value) => {
    expect(() => checkMinCompressionSize(value)).toThrow(/requestMinCompressionSizeBytes must be a whole number from 0 to 10485760/);
  });
});
