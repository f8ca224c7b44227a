// awsJson1_0 and awsJson1_1 end to end, without the JVM: a small model given as a JSON
// AST is loaded, every target generates, and the generated client calls the generated
// server over 127.0.0.1. Whatever the protocol module decides (media type, float and
// timestamp encodings, the error envelope and its members, unions and their unknown
// member, nulls in dense lists and maps) shows on the wire for both versions.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadModel, type JsonAst } from "../../../../codegen/src/ir/load.js";
import { emitTargets } from "../../../../codegen/src/pipeline.js";
import { scriptedServer } from "../../../support/http-server.js";
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
      [id("EchoValues")]: {
        type: "operation",
        input: { target: id("EchoValuesInput") },
        output: { target: id("EchoValuesOutput") },
        errors: [{ target: id("Refused") }, { target: id("Gone") }, { target: id("Detailed") }],
      },
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
          choice: member(id("Choice")),
        },
        traits: { "smithy.api#input": {} },
      },
      [id("EchoValuesOutput")]: {
        type: "structure",
        members: {
          value: member("smithy.api#Double"),
          ratio: member("smithy.api#Float"),
          values: member(id("Doubles")),
          at: member("smithy.api#Timestamp"),
          constructor: member("smithy.api#String"),
          toString: member("smithy.api#String"),
          choice: member(id("Choice")),
          names: member(id("Names")),
          sparseNames: member(id("SparseNames")),
          counts: member(id("Counts")),
          sparseCounts: member(id("SparseCounts")),
        },
        traits: { "smithy.api#output": {} },
      },
      [id("Doubles")]: { type: "list", member: { target: "smithy.api#Double" } },
      [id("Names")]: { type: "list", member: { target: "smithy.api#String" } },
      [id("SparseNames")]: { type: "list", member: { target: "smithy.api#String" }, traits: { "smithy.api#sparse": {} } },
      [id("Counts")]: { type: "map", key: { target: "smithy.api#String" }, value: { target: "smithy.api#Integer" } },
      [id("SparseCounts")]: { type: "map", key: { target: "smithy.api#String" }, value: { target: "smithy.api#Integer" }, traits: { "smithy.api#sparse": {} } },
      // Exactly one member set; one of each kind the codec converts.
      [id("Choice")]: { type: "union", members: { text: member("smithy.api#String"), at: member("smithy.api#Timestamp"), data: member("smithy.api#Blob"), inner: member(id("Inner")) } },
      [id("Inner")]: { type: "structure", members: { at: member("smithy.api#Timestamp"), values: member(id("Doubles")) } },
      // An error with a member of each kind the codec converts, and one named code.
      [id("Detailed")]: {
        type: "structure",
        members: {
          message: member("smithy.api#String"),
          at: member("smithy.api#Timestamp", { "smithy.api#required": {} }),
          data: member("smithy.api#Blob"),
          ratio: member("smithy.api#Double"),
          inner: member(id("Inner")),
          names: member(id("Names")),
          code: member("smithy.api#String"),
        },
        traits: { "smithy.api#error": "client", "smithy.api#httpError": 409 },
      },
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

/** The members the handler gives the Detailed error: one of each kind the codec converts. */
const DETAILED = {
  at: new Date("2024-05-06T07:08:09.250Z"),
  data: new Uint8Array([1, 2, 255]),
  ratio: Number.NaN,
  inner: { at: new Date(0), values: [Number.POSITIVE_INFINITY, 1.5] },
  names: ["a", "b"],
  code: "E42",
};

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
          if (input.note === "detailed") throw new generated.server.Detailed({ message: "in detail", members: DETAILED });
          // What a newer server may answer: a union member this model does not know; nulls in lists and maps.
          if (input.note === "unknown") return { value: 0, choice: { $unknown: ["newer", { nested: [1, "two"] }] } };
          if (input.note === "nulls") return { value: 0, names: ["a", null, "b"], sparseNames: ["a", null], counts: { a: 1, gone: null }, sparseCounts: { a: 1, none: null } };
          // Each value comes back as its negation: NaN stays NaN, Infinity becomes -Infinity.
          received.push(input);
          const inherited = Object.fromEntries(["constructor", "toString"].filter((name) => Object.hasOwn(input, name)).map((name) => [name, `${input[name]}!`]));
          return { value: -input.value, ratio: input.ratio === undefined ? undefined : -input.ratio, values: input.values?.map((v: number) => -v), at: input.at, choice: input.choice, ...inherited };
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

  it("an error's members are sent in their wire form: a timestamp as epoch seconds, a blob as base64, NaN as \"NaN\", a nested structure and a list converted", async () => {
    await client.echoValues({ value: 0, note: "detailed" }).catch(() => {});
    const { response } = exchanges.at(-1)!;
    expect(response.status).toBe(409);
    expect(response.headers.get("x-amzn-errortype")).toBe("Detailed");
    expect(JSON.parse(response.body)).toEqual({
      __type: "Detailed",
      message: "in detail",
      at: DETAILED.at.getTime() / 1000,
      data: "AQL/",
      ratio: "NaN",
      inner: { at: 0, values: ["Infinity", 1.5] },
      names: ["a", "b"],
      code: "E42",
    });
  });

  it("the client's error carries every modeled member, read as an output's are; the header names the error, so a member named code is a member", async () => {
    const error = await client.echoValues({ value: 0, note: "detailed" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(generated.client.Detailed);
    expect(error).toMatchObject({ name: "Detailed", $fault: "client", message: "in detail", code: "E42", names: ["a", "b"] });
    expect(error.$metadata.httpStatusCode).toBe(409);
    expect(error.at).toEqual(DETAILED.at);
    expect(error.data).toEqual(new Uint8Array([1, 2, 255]));
    expect(error.ratio).toBeNaN();
    expect(error.inner).toEqual({ at: new Date(0), values: [Number.POSITIVE_INFINITY, 1.5] });
    // The envelope is not a member.
    expect(Object.hasOwn(error, "__type")).toBe(false);
  });

  it("an error answer whose members cannot be read is a ProtocolError naming the error, never an error with members missing", async () => {
    const scripted = await scriptedServer();
    try {
      scripted.script((_request, response) => {
        response.writeHead(409, { "content-type": contentType, "x-amzn-errortype": "Detailed" }).end(JSON.stringify({ __type: "Detailed", at: 0, data: "%not base64%" }));
      });
      const other = new generated.client.EchoClient({ endpoint: scripted.url, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }, maxAttempts: 1 });
      const error = await other.echoValues({ value: 0 }).catch((caught: unknown) => caught);
      expect(error).not.toBeInstanceOf(generated.client.Detailed);
      expect(error.name).toBe("ProtocolError");
      expect(error.message).toMatch(/^EchoValues: the service answered HTTP 409 with error Detailed, whose members cannot be read \(.+\): "\{/);
      expect(error.$metadata.httpStatusCode).toBe(409);
    } finally {
      await scripted.close();
    }
  });

  it("a union's member makes the round trip: the one member set is sent in its wire form, the handler and the caller get it typed", async () => {
    const at = new Date("2024-05-06T07:08:09.250Z");
    const cases = [
      { choice: { text: "t" }, wire: { text: "t" } },
      { choice: { at }, wire: { at: at.getTime() / 1000 } },
      { choice: { data: new Uint8Array([0, 255]) }, wire: { data: "AP8=" } },
      { choice: { inner: { at, values: [Number.NaN] } }, wire: { inner: { at: at.getTime() / 1000, values: ["NaN"] } } },
    ];
    for (const { choice, wire } of cases) {
      const output = await client.echoValues({ value: 1, choice });
      expect(JSON.parse(exchanges.at(-1)!.request.body).choice).toEqual(wire);
      expect(received.at(-1).choice).toEqual(choice);
      expect(JSON.parse(exchanges.at(-1)!.response.body).choice).toEqual(wire);
      expect(output.choice).toEqual(choice);
    }
  });

  it("a union's $unknown member is sent as its name and value, as the AWS SDKs send it; a server that does not know it refuses it as a deserialization failure", async () => {
    const error = await client.echoValues({ value: 1, choice: { $unknown: ["newer", { deep: [1] }] } }).catch((caught: unknown) => caught);
    expect(JSON.parse(exchanges.at(-1)!.request.body)).toEqual({ value: 1, choice: { newer: { deep: [1] } } });
    expect({ name: error.name, message: error.message }).toEqual({ name: "SerializationException", message: "Expected exactly one member of Choice to be set at 'choice', but found 0." });
  });

  it("a union member the client does not know arrives as $unknown: [name, value]", async () => {
    const output = await client.echoValues({ value: 0, note: "unknown" });
    expect(JSON.parse(exchanges.at(-1)!.response.body).choice).toEqual({ newer: { nested: [1, "two"] } });
    expect(output.choice).toEqual({ $unknown: ["newer", { nested: [1, "two"] }] });
  });

  it("nulls in a list or map that is not @sparse are left out by the client, as the AWS SDKs do; a @sparse one keeps them", async () => {
    const output = await client.echoValues({ value: 0, note: "nulls" });
    expect(JSON.parse(exchanges.at(-1)!.response.body)).toMatchObject({ names: ["a", null, "b"], counts: { a: 1, gone: null } });
    expect(output.names).toEqual(["a", "b"]);
    expect(output.counts).toEqual({ a: 1 });
    expect(output.sparseNames).toEqual(["a", null]);
    expect(output.sparseCounts).toEqual({ a: 1, none: null });
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
