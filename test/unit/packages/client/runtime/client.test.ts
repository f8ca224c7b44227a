// What the client does for the model's behaviour traits, against the generated server of a
// model of its own (test/support/behaviour-traits-model.ts) on 127.0.0.1 or behind a fetch
// that hands requests straight to its handler:
// - @idempotencyToken: a UUID v4 when the caller leaves the token out, the same on every
//   retry of a call, a new one per call, and the caller's own kept;
// - @endpoint(hostPrefix) with @hostLabel: the request goes to the prefixed host, and the
//   signature covers it;
// - @requestCompression: bodies at or over the threshold go gzipped with Content-Encoding,
//   signed as sent; smaller ones, other operations and `disableRequestCompression` not.
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { behaviourTraitsWorkspace } from "../../../../support/behaviour-traits-model.js";

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const authenticate = { secretFor: (id: string) => (id === credentials.accessKeyId ? credentials.secretAccessKey : undefined) };
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

let generated: { client: any; server: any };
let server: { url: string; close(): Promise<void> };
/** What each handler received, newest last. */
const received: Record<string, any[]> = { startPipelineExecution: [], putArtifactData: [], getJobLogs: [] };
/** Every request the client sent, newest last. */
const sent: Sent[] = [];
const recordingFetch = (url: string, init: RequestInit) => {
  sent.push({ url, headers: { ...(init.headers as Record<string, string>) }, body: init.body as string | Uint8Array });
  return fetch(url, init);
};
/** Pipelines whose executions fail (500) this many more times before they start. */
const failures = new Map<string, number>();

function implementation() {
  return {
    async startPipelineExecution(input: any) {
      received.startPipelineExecution!.push(input);
      const left = failures.get(input.name) ?? 0;
      if (left > 0) {
        failures.set(input.name, left - 1);
        throw new Error("a transient failure behind the handler");
      }
      return { pipelineExecutionId: `exec-${received.startPipelineExecution!.length}` };
    },
    async putArtifactData(input: any) {
      received.putArtifactData!.push(input);
      return { receivedCharacters: input.data.length };
    },
    async getJobLogs(input: any, context: any) {
      received.getJobLogs!.push(input);
      return { lines: [`host ${context.headers.host}`] };
    },
    async putPipelineSettings() {
      return {};
    },
    async listPipelines() {
      return {};
    },
    async listPipelineVersions() {
      return {};
    },
  };
}

beforeAll(async () => {
  generated = await behaviourTraitsWorkspace("client-runtime-client");
  const handler = generated.server.createCodePipelineServiceHandler(implementation(), { authenticate, logger: { error: () => {} } });
  server = await generated.server.listen(handler);
}, 60_000);
afterAll(() => server?.close());

const newClient = (config: Record<string, unknown> = {}) =>
  new generated.client.CodePipelineClient({ endpoint: server.url, credentials, fetch: recordingFetch, retryBaseDelayMs: 1, ...config });

describe("@idempotencyToken", () => {
  it("left out, it is a UUID v4, the same on every attempt of the call", async () => {
    failures.set("flaky", 2);
    const before = received.startPipelineExecution!.length;
    const sentBefore = sent.length;
    const output = await newClient().startPipelineExecution({ name: "flaky" });
    expect(output.$metadata.attempts).toBe(3);
    const tokens = received.startPipelineExecution!.slice(before).map((input) => input.clientRequestToken);
    expect(tokens).toHaveLength(3);
    expect(tokens[0]).toMatch(UUID_V4);
    expect(new Set(tokens).size).toBe(1);
    // On the wire too: every attempt's body carries it.
    const bodies = sent.slice(sentBefore).map((request) => JSON.parse(String(request.body)));
    expect(bodies.map((body) => body.clientRequestToken)).toEqual(tokens);
  });

  it("each call gets a token of its own", async () => {
    const client = newClient();
    await client.startPipelineExecution({ name: "a" });
    await client.startPipelineExecution({ name: "a" });
    const [first, second] = received.startPipelineExecution!.slice(-2).map((input) => input.clientRequestToken);
    expect(first).toMatch(UUID_V4);
    expect(second).toMatch(UUID_V4);
    expect(first).not.toBe(second);
  });

  it("the caller's own token is sent as it is, on every attempt, and the caller's input is left alone", async () => {
    failures.set("mine", 1);
    const input = { name: "mine", clientRequestToken: "my-own-token" };
    await newClient().startPipelineExecution(input);
    expect(received.startPipelineExecution!.slice(-2).map((seen) => seen.clientRequestToken)).toEqual(["my-own-token", "my-own-token"]);
    expect(input).toEqual({ name: "mine", clientRequestToken: "my-own-token" });

    const left = { name: "mine" };
    await newClient().startPipelineExecution(left);
    expect(left).toEqual({ name: "mine" });
  });

  it("null counts as left out", async () => {
    await newClient().startPipelineExecution({ name: "n", clientRequestToken: null });
    expect(received.startPipelineExecution!.at(-1).clientRequestToken).toMatch(UUID_V4);
  });

  it("operations without a token are sent without one", async () => {
    await newClient().putArtifactData({ name: "p", data: "x" });
    expect(Object.keys(JSON.parse(String(sent.at(-1)!.body)))).toEqual(["name", "data"]);
  });
});

describe("@endpoint(hostPrefix) with @hostLabel", () => {
  /** A fetch that gives each request to the handler, with the Host and Content-Length headers a transport would send. */
  function handlerFetch(handler: (request: any) => Promise<any>, overrideHost?: string) {
    return async (url: string, init: RequestInit) => {
      const target = new URL(url);
      const body = new TextEncoder().encode(String(init.body));
      const headers = { ...(init.headers as Record<string, string>), host: overrideHost ?? target.host, "content-length": String(body.byteLength) };
      sent.push({ url, headers, body: init.body as string });
      const answer = await handler({ method: init.method, path: target.pathname, headers, body });
      return new Response(answer.body === "" ? null : answer.body, { status: answer.status, headers: answer.headers });
    };
  }
  const handler = () => generated.server.createCodePipelineServiceHandler(implementation(), { authenticate, logger: { error: () => {} } });
  const regional = (fetch: unknown, config: Record<string, unknown> = {}) =>
    new generated.client.CodePipelineClient({ region: "eu-west-1", credentials, fetch, maxAttempts: 1, ...config });

  it("sends the request to the prefixed host, signed for it", async () => {
    const output = await regional(handlerFetch(handler())).getJobLogs({ accountId: "123456789012", jobId: "j-1" });
    const request = sent.at(-1)!;
    expect(request.url).toBe("https://123456789012.logs.codepipeline.eu-west-1.amazonaws.com/");
    expect(request.headers.authorization).toMatch(/SignedHeaders=[^,]*\bhost\b/);
    // The server verified the signature over that Host header, and saw it.
    expect(output.lines).toEqual(["host 123456789012.logs.codepipeline.eu-west-1.amazonaws.com"]);
  });

  it("the signature covers the prefix: the same request to the bare host is refused", async () => {
    const error = await regional(handlerFetch(handler(), "codepipeline.eu-west-1.amazonaws.com"))
      .getJobLogs({ accountId: "123456789012", jobId: "j-1" })
      .catch((caught: unknown) => caught);
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.name).toMatch(/Signature/);
  });

  it("a label in capitals travels, and is signed, in lower case (as fetch sends a host)", async () => {
    const output = await regional(handlerFetch(handler())).getJobLogs({ accountId: "Team-A", jobId: "j-1" });
    expect(sent.at(-1)!.url).toBe("https://team-a.logs.codepipeline.eu-west-1.amazonaws.com/");
    expect(output.lines).toEqual(["host team-a.logs.codepipeline.eu-west-1.amazonaws.com"]);
  });

  it("prefixes an explicit endpoint too, keeping its scheme and port", async () => {
    await regional(handlerFetch(handler()), { endpoint: "http://localhost:8080" }).getJobLogs({ accountId: "acct", jobId: "j-1" });
    expect(sent.at(-1)!.url).toBe("http://acct.logs.localhost:8080/");
  });

  it("disableHostPrefix: the endpoint's own host", async () => {
    const output = await regional(handlerFetch(handler()), { disableHostPrefix: true }).getJobLogs({ accountId: "123456789012", jobId: "j-1" });
    expect(sent.at(-1)!.url).toBe("https://codepipeline.eu-west-1.amazonaws.com/");
    expect(output.lines).toEqual(["host codepipeline.eu-west-1.amazonaws.com"]);
  });

  it("operations without a host prefix go to the endpoint's host", async () => {
    await regional(handlerFetch(handler())).startPipelineExecution({ name: "p" });
    expect(sent.at(-1)!.url).toBe("https://codepipeline.eu-west-1.amazonaws.com/");
  });
});

describe("@requestCompression", () => {
  const large = "artifact ".repeat(3000); // 27,000 characters: over the default 10,240 bytes

  it("a body over the threshold goes gzipped, with Content-Encoding: gzip, signed as sent", async () => {
    const output = await newClient().putArtifactData({ name: "p", data: large });
    // The server verified the signature (authenticate is on) and got the whole text.
    expect(output.receivedCharacters).toBe(large.length);
    const request = sent.at(-1)!;
    expect(request.headers["content-encoding"]).toBe("gzip");
    expect(request.body).toBeInstanceOf(Uint8Array);
    const bytes = request.body as Uint8Array;
    expect(bytes.byteLength).toBeLessThan(large.length / 10);
    expect(JSON.parse(gunzipSync(bytes).toString("utf8"))).toEqual({ name: "p", data: large });
    expect(request.headers["x-amz-content-sha256"]).toBe(await sha256Hex(bytes));
  });

  it("a body under the threshold goes as it is", async () => {
    await newClient().putArtifactData({ name: "p", data: "small" });
    const request = sent.at(-1)!;
    expect(request.headers["content-encoding"]).toBeUndefined();
    expect(request.body).toBe('{"name":"p","data":"small"}');
  });

  it("the threshold is inclusive: a body of exactly requestMinCompressionSizeBytes is compressed", async () => {
    const body = JSON.stringify({ name: "p", data: "x".repeat(500) });
    await newClient({ requestMinCompressionSizeBytes: body.length }).putArtifactData({ name: "p", data: "x".repeat(500) });
    expect(sent.at(-1)!.headers["content-encoding"]).toBe("gzip");
    await newClient({ requestMinCompressionSizeBytes: body.length + 1 }).putArtifactData({ name: "p", data: "x".repeat(500) });
    expect(sent.at(-1)!.headers["content-encoding"]).toBeUndefined();
    expect(received.putArtifactData!.at(-1).data).toBe("x".repeat(500));
  });

  it("disableRequestCompression, for the client or for one call, and per-call thresholds", async () => {
    await newClient({ disableRequestCompression: true }).putArtifactData({ name: "p", data: large });
    expect(sent.at(-1)!.headers["content-encoding"]).toBeUndefined();
    expect(received.putArtifactData!.at(-1).data).toBe(large);

    const client = newClient();
    await client.putArtifactData({ name: "p", data: large }, { disableRequestCompression: true });
    expect(sent.at(-1)!.headers["content-encoding"]).toBeUndefined();
    await client.putArtifactData({ name: "p", data: "small" }, { requestMinCompressionSizeBytes: 0 });
    expect(sent.at(-1)!.headers["content-encoding"]).toBe("gzip");
    expect(received.putArtifactData!.at(-1).data).toBe("small");
  });

  it("only operations the model marks are compressed", async () => {
    await newClient().putPipelineSettings({ name: "p", settings: { stageCount: 1, owner: "o" }, description: large });
    expect(sent.at(-1)!.headers["content-encoding"]).toBeUndefined();
  });

  it("every retry sends the same compressed bytes", async () => {
    let calls = 0;
    const flaky = async (url: string, init: RequestInit) => {
      sent.push({ url, headers: { ...(init.headers as Record<string, string>) }, body: init.body as Uint8Array });
      return ++calls === 1 ? new Response('{"__type":"InternalFailure"}', { status: 500 }) : fetch(url, init);
    };
    await newClient({ fetch: flaky }).putArtifactData({ name: "p", data: large });
    const [first, second] = sent.slice(-2).map((request) => Buffer.from(request.body as Uint8Array).toString("hex"));
    expect(first).toBe(second);
  });

  it("a threshold outside 0 to 10,485,760 bytes is refused, for the client and for a call", async () => {
    for (const bad of [-1, 10_485_761, 1.5, Number.NaN]) {
      expect(() => newClient({ requestMinCompressionSizeBytes: bad })).toThrow(RangeError);
    }
    expect(() => newClient({ requestMinCompressionSizeBytes: 10_485_760 })).not.toThrow();
    await expect(newClient().putArtifactData({ name: "p", data: "x" }, { requestMinCompressionSizeBytes: -1 })).rejects.toThrow(RangeError);
  });
});

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const { createHash } = await import("node:crypto");
  return createHash("sha256").update(bytes).digest("hex");
}
