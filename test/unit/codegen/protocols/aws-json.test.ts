// awsJson1_0 and awsJson1_1 end to end, without the JVM: a small model given as a JSON
// AST is loaded, every target generates, and the generated client calls the generated
// server over 127.0.0.1. Whatever the protocol module decides (media type, float and
// timestamp encodings, the error envelope) shows on the wire for both versions.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadModel, type JsonAst } from "../../../../codegen/src/ir/load.js";
import { emitTargets } from "../../../../codegen/src/pipeline.js";
import { REPO_LAYOUT } from "../../../support/repo-layout.js";
import { generatedWorkspace } from "../../../support/workspace.js";

const NS = "example.echo";

/** A two-operation service in the JSON AST form, speaking `protocol`. */
function echoModel(protocol: "awsJson1_0" | "awsJson1_1"): JsonAst {
  const id = (name: string) => `${NS}#${name}`;
  const member = (target: string, traits: Record<string, unknown> = {}) => ({ target, traits });
  return {
    smithy: "2.0",
    shapes: {
      [id("Echo")]: {
        type: "service",
        version: "2024-01-01",
        operations: [{ target: id("EchoValues") }, { target: id("Crash") }],
        traits: { "aws.api#service": { sdkId: "Echo", endpointPrefix: "echo" }, "aws.auth#sigv4": { name: "echo" }, [`aws.protocols#${protocol}`]: {} },
      },
      [id("EchoValues")]: { type: "operation", input: { target: id("EchoValuesInput") }, output: { target: id("EchoValuesOutput") }, errors: [{ target: id("Refused") }, { target: id("Gone") }] },
      [id("Crash")]: { type: "operation", input: { target: "smithy.api#Unit" }, output: { target: "smithy.api#Unit" } },
      [id("EchoValuesInput")]: {
        type: "structure",
        members: {
          value: member("smithy.api#Double", { "smithy.api#required": {} }),
          ratio: member("smithy.api#Float"),
          values: member(id("Doubles")),
          at: member("smithy.api#Timestamp"),
          refuse: member("smithy.api#Boolean"),
          note: member("smithy.api#String", { "smithy.api#length": { max: 8 } }),
          // Names every object inherits: read as own properties only.
          constructor: member("smithy.api#String"),
          toString: member("smithy.api#String"),
        },
        traits: { "smithy.api#input": {} },
      },
      [id("EchoValuesOutput")]: {
        type: "structure",
        members: { value: member("smithy.api#Double"), ratio: member("smithy.api#Float"), values: member(id("Doubles")), at: member("smithy.api#Timestamp"), constructor: member("smithy.api#String"), toString: member("smithy.api#String") },
        traits: { "smithy.api#output": {} },
      },
      [id("Doubles")]: { type: "list", member: { target: "smithy.api#Double" } },
      // A member spelled Message, as some AWS services model it.
      [id("Gone")]: { type: "structure", members: { Message: member("smithy.api#String") }, traits: { "smithy.api#error": "client" } },
      [id("Refused")]: {
        type: "structure",
        members: { message: member("smithy.api#String"), reason: member("smithy.api#String") },
        traits: { "smithy.api#error": "client" },
      },
    },
  } as unknown as JsonAst;
}

const CONTENT_TYPE = { awsJson1_0: "application/x-amz-json-1.0", awsJson1_1: "application/x-amz-json-1.1" } as const;

describe.each(["awsJson1_0", "awsJson1_1"] as const)("%s", (protocol) => {
  const contentType = CONTENT_TYPE[protocol];
  let client: any;
  let server: { url: string; close(): Promise<void> };
  let generated: { client: any; server: any };
  /** Every exchange, as the wire saw it. */
  /** Every input the handler received. */
  const received: any[] = [];
  const exchanges: Array<{ request: { headers: Record<string, string>; body: string }; response: { status: number; headers: Headers; body: string } }> = [];

  beforeAll(async () => {
    const files = await emitTargets(loadModel(echoModel(protocol)), ["types", "validators", "client", "server"], undefined, undefined, REPO_LAYOUT);
    const dir = await generatedWorkspace(`protocol-${protocol}`, files);
    generated = {
      client: await import(path.join(dir, "client", "src", "index.ts")),
      server: await import(path.join(dir, "server", "src", "index.ts")),
    };
    const { createEchoServiceHandler, listen, Refused } = generated.server;
    const handler = createEchoServiceHandler(
      {
        async echoValues(input: any) {
          if (input.refuse) throw new Refused({ message: "refused on request", members: { reason: "asked" } });
          if (input.note === "gone") throw new generated.server.Gone({ members: { Message: "it is gone" } });
          // Each value comes back as its negation: NaN stays NaN, Infinity becomes -Infinity.
          received.push(input);
          const inherited = Object.fromEntries(["constructor", "toString"].filter((name) => Object.hasOwn(input, name)).map((name) => [name, `${input[name]}!`]));
          return { value: -input.value, ratio: input.ratio === undefined ? undefined : -input.ratio, values: input.values?.map((v: number) => -v), at: input.at, ...inherited };
        },
        async crash() {
          throw new Error("a bug behind the handler");
        },
      },
      { logger: { error: () => {} } },
    );
    server = await listen(handler, { maxBodyBytes: 2048 });
    const recordingFetch = async (url: string, init: RequestInit) => {
      const response = await fetch(url, init);
      const body = await response.text();
      exchanges.push({ request: { headers: init.headers as Record<string, string>, body: String(init.body) }, response: { status: response.status, headers: response.headers, body } });
      return new Response(body, { status: response.status, headers: response.headers });
    };
    client = new generated.client.EchoClient({ endpoint: server.url, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }, fetch: recordingFetch, maxAttempts: 1 });
  });
  afterAll(() => server?.close());

  it("sends the protocol's media type and answers in it", async () => {
    await client.echoValues({ value: 1 });
    const { request, response } = exchanges.at(-1)!;
    expect(request.headers["content-type"]).toBe(contentType);
    expect(request.headers["x-amz-target"]).toBe("Echo.EchoValues");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(contentType);
  });

  it("non-finite floats and doubles travel as the strings NaN, Infinity and -Infinity, both ways", async () => {
    const output = await client.echoValues({ value: Number.NaN, ratio: Number.POSITIVE_INFINITY, values: [Number.NEGATIVE_INFINITY, 1.5] });
    const { request, response } = exchanges.at(-1)!;
    expect(JSON.parse(request.body)).toEqual({ value: "NaN", ratio: "Infinity", values: ["-Infinity", 1.5] });
    expect(JSON.parse(response.body)).toEqual({ value: "NaN", ratio: "-Infinity", values: ["Infinity", -1.5] });
    expect(output.value).toBeNaN();
    expect(output.ratio).toBe(Number.NEGATIVE_INFINITY);
    expect(output.values).toEqual([Number.POSITIVE_INFINITY, -1.5]);
  });

  it("a string that is not one of the three spellings is not a number: SerializationException", async () => {
    for (const value of ["nan", "inf", "1.5", ""]) {
      const response = await fetch(server.url, { method: "POST", headers: { "content-type": contentType, "x-amz-target": "Echo.EchoValues" }, body: JSON.stringify({ value }) });
      expect(response.status).toBe(400);
      expect((await response.json()).__type).toBe("SerializationException");
    }
  });

  it("members named constructor and toString: absent, nothing is sent or received; set, they round-trip as strings", async () => {
    const absent = await client.echoValues({ value: 1 });
    expect(JSON.parse(exchanges.at(-1)!.request.body)).toEqual({ value: 1 });
    expect(Object.hasOwn(received.at(-1), "constructor") || Object.hasOwn(received.at(-1), "toString")).toBe(false);
    expect(JSON.parse(exchanges.at(-1)!.response.body)).toEqual({ value: -1 });
    expect(Object.hasOwn(absent, "constructor") || Object.hasOwn(absent, "toString")).toBe(false);

    const set = await client.echoValues({ value: 1, constructor: "c", toString: "t" });
    expect(JSON.parse(exchanges.at(-1)!.request.body)).toEqual({ value: 1, constructor: "c", toString: "t" });
    expect(received.at(-1)).toMatchObject({ constructor: "c", toString: "t" });
    expect(set).toMatchObject({ constructor: "c!", toString: "t!" });
  });

  it("timestamps travel as epoch seconds by default", async () => {
    const at = new Date("2024-05-06T07:08:09.250Z");
    const output = await client.echoValues({ value: 0, at });
    expect(JSON.parse(exchanges.at(-1)!.request.body).at).toBe(at.getTime() / 1000);
    expect(output.at).toEqual(at);
  });

  it("a modeled error: the envelope's __type and header, its members, in the protocol's media type", async () => {
    const error = await client.echoValues({ value: 0, refuse: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(generated.client.Refused);
    expect(error.message).toBe("refused on request");
    expect(error.reason).toBe("asked");
    const { response } = exchanges.at(-1)!;
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe(contentType);
    expect(response.headers.get("x-amzn-errortype")).toBe("Refused");
    expect(JSON.parse(response.body)).toEqual({ __type: "Refused", reason: "asked", message: "refused on request" });
  });

  it("an error member spelled Message lands on the error as it is, and is its message", async () => {
    const error = await client.echoValues({ value: 0, note: "gone" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(generated.client.Gone);
    expect(JSON.parse(exchanges.at(-1)!.response.body)).toEqual({ __type: "Gone", Message: "it is gone" });
    expect(error.Message).toBe("it is gone");
    expect(error.message).toBe("it is gone");
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it("a validation error, in the protocol's media type", async () => {
    const error = await client.echoValues({ value: 0, note: "too long a note" }).catch((caught: unknown) => caught);
    expect(error.name).toBe("ValidationException");
    expect(exchanges.at(-1)!.response.headers.get("content-type")).toBe(contentType);
  });

  it("a failure behind the handler: 500 InternalFailure, in the protocol's media type", async () => {
    const error = await client.crash().catch((caught: unknown) => caught);
    expect(error.name).toBe("InternalFailure");
    expect(error.$metadata.httpStatusCode).toBe(500);
    expect(exchanges.at(-1)!.response.headers.get("content-type")).toBe(contentType);
  });

  it("a body over the adapter's limit: 413 in the protocol's media type, with a request id", async () => {
    const error = await client.echoValues({ value: 0, values: Array.from({ length: 1000 }, (_, i) => i) }).catch((caught: unknown) => caught);
    expect(error.name).toBe("RequestEntityTooLargeException");
    const { response } = exchanges.at(-1)!;
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe(contentType);
    expect(response.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("a request in the other version's media type is refused with 415", async () => {
    const other = protocol === "awsJson1_0" ? CONTENT_TYPE.awsJson1_1 : CONTENT_TYPE.awsJson1_0;
    const response = await fetch(server.url, { method: "POST", headers: { "content-type": other, "x-amz-target": "Echo.EchoValues" }, body: '{"value":1}' });
    expect(response.status).toBe(415);
    expect(response.headers.get("content-type")).toBe(contentType);
    expect((await response.json()).__type).toBe("UnsupportedMediaTypeException");
  });
});
