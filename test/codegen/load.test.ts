// The JSON AST loader: the IR it builds from the real model and from small models made
// for one feature each, and its refusals, which name the shape and the trait.
import { describe, expect, it } from "vitest";
import { GenerateError } from "../../codegen/src/errors.js";
import { loadModel, type JsonAst } from "../../codegen/src/ir/load.js";
import type { ShapeKind, StructureShape } from "../../codegen/src/ir/types.js";
import path from "node:path";
import { OUTPUT, runPipeline } from "../../codegen/src/pipeline.js";
import { CACHE_DIR, readRepoJson, REPO_ROOT } from "../support/repo.js";

const NS = "test.ns";

/** A one-operation awsJson1_1 service around the given shapes; Input is the operation's input. */
function model(shapes: Record<string, unknown>, serviceTraits: Record<string, unknown> = { "aws.protocols#awsJson1_1": {} }): JsonAst {
  return <JsonAst>{
    smithy: "2.0",
    shapes: {
      [`${NS}#Svc`]: { type: "service", version: "1", operations: [{ target: `${NS}#Op` }], traits: serviceTraits },
      [`${NS}#Op`]: { type: "operation", input: { target: `${NS}#Input` }, output: { target: "smithy.api#Unit" } },
      ...shapes,
    },
  };
}

const input = (members: Record<string, unknown>, traits: Record<string, unknown> = {}) => ({
  [`${NS}#Input`]: { type: "structure", members, traits },
});

describe("the real model", () => {
  it("loads the service, its operation and every constraint", async () => {
    const ir = loadModel(await readRepoJson<JsonAst>(OUTPUT.model));
    expect(ir.service).toMatchObject({
      name: "CodePipeline_20150709",
      version: "2015-07-09",
      protocol: "aws.protocols#awsJson1_1",
      signingName: "codepipeline",
      targetPrefix: "CodePipeline_20150709",
      sdkId: "CodePipeline",
      endpointPrefix: "codepipeline",
    });
    expect(ir.operations.map((op) => [op.name, op.input, op.output])).toEqual([
      ["PutThirdPartyJobSuccessResult", "com.amazonaws.codepipeline#PutThirdPartyJobSuccessResultInput", undefined],
    ]);
    const inputShape = ir.shapes.get("com.amazonaws.codepipeline#PutThirdPartyJobSuccessResultInput") as StructureShape;
    expect(inputShape.members.map((m) => [m.name, m.required, m.constraints])).toEqual([
      ["jobId", true, { length: { min: 1, max: 512 } }],
      ["clientToken", true, { length: { min: 1, max: 256 } }],
      ["currentRevision", false, {}],
      ["continuationToken", false, { length: { min: 1, max: 2048 } }],
      ["executionDetails", false, {}],
    ]);
    // Only the service's closure: no trait definitions from aws.* or smithy.*.
    expect([...ir.shapes.keys()].every((id) => id.startsWith("com.amazonaws.codepipeline#"))).toBe(true);
  });
});

describe("small models, one feature each", () => {
  it.each([
    ["a member's constraints override its target's", input({ a: { target: `${NS}#S`, traits: { "smithy.api#length": { max: 3 } } } }), { [`${NS}#S`]: { type: "string", traits: { "smithy.api#length": { min: 1, max: 9 }, "smithy.api#pattern": "^x" } } }, (s: StructureShape) => expect(s.members[0]!.constraints).toEqual({ length: { max: 3 }, pattern: "^x" })],
    ["@jsonName is ignored by awsJson1_1", input({ a: { target: "smithy.api#String", traits: { "smithy.api#jsonName": "A" } } }), {}, (s: StructureShape) => expect(s.members[0]!.jsonName).toBe("a")],
    ["@default and @clientOptional are kept", input({ a: { target: "smithy.api#Integer", traits: { "smithy.api#default": 5, "smithy.api#required": {}, "smithy.api#clientOptional": {} } } }), {}, (s: StructureShape) => expect(s.members[0]).toMatchObject({ default: 5, required: true, clientOptional: true })],
    ["a sensitive target makes its member sensitive", input({ a: { target: `${NS}#Secret` } }), { [`${NS}#Secret`]: { type: "string", traits: { "smithy.api#sensitive": {} } } }, (s: StructureShape) => expect(s.members[0]!.sensitive).toBe(true)],
    ["a member's timestampFormat wins over the target's", input({ a: { target: `${NS}#T`, traits: { "smithy.api#timestampFormat": "http-date" } } }), { [`${NS}#T`]: { type: "timestamp", traits: { "smithy.api#timestampFormat": "date-time" } } }, (s: StructureShape) => expect(s.members[0]!.timestampFormat).toBe("http-date")],
    ["mixin members come first, then the shape's own", { [`${NS}#Input`]: { type: "structure", mixins: [{ target: `${NS}#M` }], members: { own: { target: "smithy.api#String" } } } }, { [`${NS}#M`]: { type: "structure", members: { mixed: { target: "smithy.api#String" } }, traits: { "smithy.api#mixin": {} } } }, (s: StructureShape) => expect(s.members.map((m) => m.name)).toEqual(["mixed", "own"])],
    ["deprecated and documentation are carried", input({ a: { target: "smithy.api#String", traits: { "smithy.api#deprecated": { message: "old" }, "smithy.api#documentation": "Docs." } } }), {}, (s: StructureShape) => expect(s.members[0]).toMatchObject({ deprecated: { message: "old" }, documentation: "Docs." })],
  ] as const)("%s", (_, inputShapes, extra, expectation) => {
    const ir = loadModel(model({ ...inputShapes, ...extra }));
    expectation(ir.shapes.get(`${NS}#Input`) as StructureShape);
  });

  it("honours @jsonName under restJson1", () => {
    const ir = loadModel(model(input({ a: { target: "smithy.api#String", traits: { "smithy.api#jsonName": "A" } } }), { "aws.protocols#restJson1": {} }));
    expect((ir.shapes.get(`${NS}#Input`) as StructureShape).members[0]!.jsonName).toBe("A");
  });
});

describe("refusals name the shape and the trait", () => {
  it.each([
    ["a streaming blob", input({ body: { target: `${NS}#Stream` } }), { [`${NS}#Stream`]: { type: "blob", traits: { "smithy.api#streaming": {} } } }, /test\.ns#Stream: trait smithy\.api#streaming/],
    ["an idempotency token", input({ token: { target: "smithy.api#String", traits: { "smithy.api#idempotencyToken": {} } } }), {}, /test\.ns#Input\$token: trait smithy\.api#idempotencyToken/],
    ["an IDL 1.0 set", input({ s: { target: `${NS}#Set` } }), { [`${NS}#Set`]: { type: "set", member: { target: "smithy.api#String" } } }, /test\.ns#Set: 'set' is IDL 1\.0/],
    ["a string with the old enum trait", input({ e: { target: `${NS}#E` } }), { [`${NS}#E`]: { type: "string", traits: { "smithy.api#enum": [{ value: "a" }] } } }, /test\.ns#E: trait smithy\.api#enum is deprecated/],
  ] as const)("%s", (_, inputShapes, extra, message) => {
    const error = (() => {
      try {
        loadModel(model({ ...inputShapes, ...extra }));
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(GenerateError);
    expect((error as Error).message).toMatch(message);
  });

  it("refuses a JSON AST that is not one", () => {
    expect(() => loadModel({} as JsonAst)).toThrow(/no 'shapes' object/);
    expect(() => loadModel({ smithy: "1.0", shapes: {} })).toThrow(/only 2\.x/);
  });

  it("asks which service when there are two", () => {
    const ast = model(input({}));
    ast.shapes[`${NS}#Other`] = { type: "service", version: "1" };
    expect(() => loadModel(ast)).toThrow(/2 services .*name one/);
    expect(loadModel(ast, { service: `${NS}#Svc` }).service.name).toBe("Svc");
  });
});

describe("the kitchen-sink model", () => {
  it("covers every shape kind the IR knows, so the targets are tested on all of them", async () => {
    const fixtures = path.join(REPO_ROOT, "test", "fixtures");
    const { files } = await runPipeline({
      modelDir: path.join(fixtures, "kitchen-sink"),
      configPath: path.join(fixtures, "kitchen-sink.smithy-build.json"),
      cacheDir: CACHE_DIR,
      targets: ["types", "validators", "docs"],
    });
    const ast = JSON.parse(files.find((file) => file.path === OUTPUT.model)!.contents) as JsonAst;
    const kinds = new Set([...loadModel(ast).shapes.values()].map((shape) => shape.kind));
    const all: ShapeKind[] = [
      "structure", "union", "list", "map", "string", "enum", "intEnum", "boolean", "byte", "short", "integer",
      "long", "float", "double", "bigInteger", "bigDecimal", "timestamp", "blob", "document",
    ];
    expect([...kinds].sort()).toEqual([...all].sort());
  });

  it("the client target refuses what it cannot send exactly, naming the shape", async () => {
    const fixtures = path.join(REPO_ROOT, "test", "fixtures");
    const error = await runPipeline({
      modelDir: path.join(fixtures, "kitchen-sink"),
      configPath: path.join(fixtures, "kitchen-sink.smithy-build.json"),
      cacheDir: CACHE_DIR,
      targets: ["client"],
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GenerateError);
    expect((error as Error).message).toMatch(/^client: smithy\.api#BigInteger is a bigInteger, which the client target cannot send exactly yet/);
  });
});
