// @requestCompression: an operation the model marks so sends bodies of at least
// `requestMinCompressionSizeBytes` gzipped, with Content-Encoding: gzip, as the AWS SDKs
// do. Compression happens once per call, before signing (the signature covers the bytes
// sent), with the platform's CompressionStream, so the client needs no node:* module.

export interface RequestCompressionConfig {
  /**
   * Bodies of at least this many bytes are compressed, for operations the model marks
   * `@requestCompression`. Default 10,240 (as the AWS SDKs); 0 to 10,485,760. A client
   * of a model with no such operation neither reads nor checks it.
   */
  requestMinCompressionSizeBytes?: number;
  /** Send every body uncompressed. Default false. */
  disableRequestCompression?: boolean;
}

export const DEFAULT_MIN_COMPRESSION_SIZE_BYTES = 10_240;
/** The largest threshold the Smithy specification allows (10 MiB). */
export const MAX_MIN_COMPRESSION_SIZE_BYTES = 10_485_760;

/** Throws a RangeError unless `value` is absent or a whole number of bytes within 0 to 10,485,760. */
export function checkMinCompressionSize(value: number | undefined): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < 0 || value > MAX_MIN_COMPRESSION_SIZE_BYTES) {
    throw new RangeError(`requestMinCompressionSizeBytes must be a whole number from 0 to ${MAX_MIN_COMPRESSION_SIZE_BYTES}, not ${String(value)}`);
  }
}

/** Whether a body of `bodyBytes` goes compressed: compression is on (for the call, else the client) and it reaches the threshold. */
export function shouldCompress(bodyBytes: number, call: RequestCompressionConfig, config: RequestCompressionConfig): boolean {
  if (call.disableRequestCompression ?? config.disableRequestCompression) return false;
  checkMinCompressionSize(call.requestMinCompressionSizeBytes);
  return bodyBytes >= (call.requestMinCompressionSizeBytes ?? config.requestMinCompressionSizeBytes ?? DEFAULT_MIN_COMPRESSION_SIZE_BYTES);
}

/** A content coding the client applies to request bodies. */
export interface RequestCompression {
  /** Its name in Content-Encoding. */
  readonly encoding: "gzip";
  /** shouldCompress, reached through here so that a client none of whose operations compress bundles none of it. */
  shouldCompress: typeof shouldCompress;
  compress(body: string): Promise<Uint8Array<ArrayBuffer>>;
}

/**
 * gzip, with the platform's CompressionStream. Only the operations the model marks refer
 * to it, so a program that calls none of them bundles none of it.
 */
export const gzipBody: RequestCompression = {
  encoding: "gzip",
  shouldCompress,
  async compress(body) {
    const compressed = new Blob([body]).stream().pipeThrough(new CompressionStream("gzip"));
    return new Uint8Array(await new Response(compressed).arrayBuffer());
  },
};
