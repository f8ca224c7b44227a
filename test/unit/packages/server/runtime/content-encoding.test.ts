// Request bodies with a Content-Encoding, as a client sends them for @requestCompression
// operations: gzip is undone (after the signature check, which covers the bytes as sent),
// through the node:http adapter and the Fetch adapter alike; the result is bounded, so a
// zip bomb gets 413 without being inflated whole; a broken gzip body is a 400, an unknown
// coding a 415.
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeBody } from "../../../../../packages/server/src/runtime/content-encoding.js";
import { behaviourTraitsWorkspace } from "../../../../support/behaviour-traits-model.js";

const TARGET = "CodePipeline_20150709.PutArtifactData";
const HEADERS = { "content-type": "application/x-amz-json-1.1", "x-amz-target": TARGET };
const json = (data: string) => JSON.stringify({ name: "p", data });
/** 64 MiB of one character once inflated, about 64 KiB as sent. */
const bomb = gzipSync(json("0".repeat(64 * 1024 * 1024)), { level: 9 });

let generated: { client: any; server: any };
let server: { url: string; close(): Promise<void> };
let fetchHandler: (request: Request) => Promise<Response>;

beforeAll(async () => {
  generated = await behaviourTraitsWorkspace("server-runtime-content-encoding");
  const implementation = { putArtifactData: async (input: any) => ({ receivedCharacters: input.data.length }) };
  const handler = generated.server.createCodePipelineServiceHandler(implementation, { logger: { error: () => {} } });
  server = await generated.server.listen(handler);
  fetchHandler = generated.server.toFetchHandler(generated.server.createCodePipelineServiceHandler(implementation, { logger: { error: () => {} }, maxDecompressedBodyBytes: 4096 }));
}, 60_000);
afterAll(() => server?.close());

async function post(headers: Record<string, string>, body: Uint8Array | string): Promise<{ status: number; body: any }> {
  const response = await fetch(server.url, { method: "POST", headers: { ...HEADERS, ...headers }, body: body as BodyInit });
  return { status: response.status, body: await response.json() };
}

describe("through node:http (listen)", () => {
  it("a gzip body is read as its decompressed JSON", async () => {
    const data = "log line\n".repeat(5000);
    const compressed = gzipSync(json(data));
    expect(await post({ "content-encoding": "gzip" }, compressed)).toEqual({ status: 200, body: { receivedCharacters: data.length } });
  });

  it("the coding's name is case-insensitive; x-gzip and identity are understood; codings stack", async () => {
    const compressed = gzipSync(json("abc"));
    for (const coding of ["GZIP", "x-gzip", "gzip, identity", "identity,gzip"]) {
      expect(await post({ "content-encoding": coding }, compressed), coding).toEqual({ status: 200, body: { receivedCharacters: 3 } });
    }
    expect(await post({ "content-encoding": "gzip, gzip" }, gzipSync(gzipSync(json("twice"))))).toEqual({ status: 200, body: { receivedCharacters: 5 } });
    expect(await post({ "content-encoding": "identity" }, json("plain"))).toEqual({ status: 200, body: { receivedCharacters: 5 } });
  });

  it("a zip bomb: 413 once the decompressed body passes the limit (1 MiB by default)", async () => {
    expect(bomb.byteLength).toBeLessThan(1024 * 1024); // within the adapter's limit as sent
    const started = performance.now();
    const answer = await post({ "content-encoding": "gzip" }, bomb);
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({ __type: "RequestEntityTooLargeException", message: "The body, decompressed, is larger than 1048576 bytes." });
    // Stopped at the limit, not after inflating 64 MiB.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("a body that is not gzip: 400 SerializationException", async () => {
    const truncated = gzipSync(json("abc")).subarray(0, 12);
    for (const body of [new TextEncoder().encode(json("abc")), truncated]) {
      expect(await post({ "content-encoding": "gzip" }, body)).toEqual({ status: 400, body: { __type: "SerializationException", message: "The body is not valid gzip data." } });
    }
  });

  it("a coding the server does not know: 415", async () => {
    const answer = await post({ "content-encoding": "br" }, json("abc"));
    expect(answer.status).toBe(415);
    expect(answer.body.__type).toBe("UnsupportedMediaTypeException");
  });

  it("what the generated client sends for a @requestCompression operation", async () => {
    const client = new generated.client.CodePipelineClient({ endpoint: server.url, credentials: { accessKeyId: "AKID", secretAccessKey: "secret" }, requestMinCompressionSizeBytes: 0 });
    expect((await client.putArtifactData({ name: "p", data: "compressed" })).receivedCharacters).toBe(10);
  });
});

describe("through the Fetch adapter", () => {
  const request = (headers: Record<string, string>, body: Uint8Array | string) =>
    new Request("http://localhost/", { method: "POST", headers: { ...HEADERS, ...headers }, body: body as BodyInit });

  it("a gzip body is read as its decompressed JSON", async () => {
    const response = await fetchHandler(request({ "content-encoding": "gzip" }, gzipSync(json("fetch"))));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ receivedCharacters: 5 });
  });

  it("maxDecompressedBodyBytes bounds it: 413 past it, however small the body as sent", async () => {
    const over = await fetchHandler(request({ "content-encoding": "gzip" }, gzipSync(json("x".repeat(5000)))));
    expect(over.status).toBe(413);
    expect((await over.json()).__type).toBe("RequestEntityTooLargeException");
    const under = await fetchHandler(request({ "content-encoding": "gzip" }, gzipSync(json("x".repeat(4000)))));
    expect(under.status).toBe(200);
    expect((await fetchHandler(request({ "content-encoding": "gzip" }, bomb))).status).toBe(413);
  });
});

describe("decodeBody", () => {
  it("undoes the codings last first, and bounds each result", async () => {
    const twice = gzipSync(gzipSync("hello"));
    expect(Buffer.from((await decodeBody(twice, "gzip, gzip", 100)) as Uint8Array).toString()).toBe("hello");
    expect(await decodeBody(twice, "gzip, gzip", 4)).toMatchObject({ status: 413 });
    expect(await decodeBody("plain", "identity", 100)).toEqual(new TextEncoder().encode("plain"));
    expect(await decodeBody("plain", "compress", 100)).toMatchObject({ status: 415 });
    expect(await decodeBody("plain", "__proto__", 100)).toMatchObject({ status: 415 });
  });
});
