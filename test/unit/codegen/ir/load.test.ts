// The JSON AST loader, from JSON AST literals (no JVM): the IR it builds for each trait and
// shape kind, compared with the same IR spelled by hand; mixins flattened; the service's
// closure; and its refusals, which name the shape and the trait.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GenerateError } from "../../../../codegen/src/errors.js";
import { loadModel, type JsonAst } from "../../../../codegen/src/ir/load.js";
import type { Member, Shape, StructureShape } from "../../../../codegen/src/ir/types.js";
import {
  ast,
  enumShape,
  id,
  intEnum,
  list,
  load,
  loadProblems,
  map,
  member,
  simple,
  smithy,
  structure,
  union,
  type AstShape,
} from "../../../support/ir.js";

const REAL_MODEL = new URL("../../../../generated/smithy/model.json", import.meta.url);

/** An input structure with these members (JSON AST member literals). */
const input = (members: Record<string, { target: string; traits?: Record<string, unknown> }>, traits: Record<string, unknown> = {}) => ({
  Input: { type: "structure", members, traits },
});

const inputShape = (shapes: Record<string, AstShape>, options?: Parameters<typeof load>[1]) =>
  load(shapes, options).shapes.get(id("Input")) as StructureShape;

describe("the real model (the committed JSON AST)", () => {
  const ir = loadModel(JSON.parse(readFileSync(REAL_MODEL, "utf8")) as JsonAst);

  it("loads the service and PutThirdPartyJobSuccessResult with every constraint", () => {
    expect(ir.service).toMatchObject({
      name: "CodePipeline_20150709",
      version: "2015-07-09",
      protocol: "aws.protocols#awsJson1_1",
      signingName: "codepipeline",
      targetPrefix: "CodePipeline_20150709",
      sdkId: "CodePipeline",
      endpointPrefix: "codepipeline",
    });
    expect(ir.operations.find((op) => op.name === "PutThirdPartyJobSuccessResult")).toMatchObject({
      input: "com.amazonaws.codepipeline#PutThirdPartyJobSuccessResultInput",
      output: undefined,
    });
    const put = ir.shapes.get("com.amazonaws.codepipeline#PutThirdPartyJobSuccessResultInput") as StructureShape;
    expect(put.members.map((m) => [m.name, m.required, m.constraints])).toEqual([
      ["jobId", true, { length: { min: 1, max: 512 } }],
      ["clientToken", true, { length: { min: 1, max: 256 } }],
      ["currentRevision", false, {}],
      ["continuationToken", false, { length: { min: 1, max: 2048 } }],
      ["executionDetails", false, {}],
    ]);
  });

  it("holds the service's closure only, sorted by ID, with every reference resolved", () => {
    const ids = [...ir.shapes.keys()];
    // No trait definitions from aws.* or smithy.*.
    expect(ids.every((shapeId) => shapeId.startsWith("com.amazonaws.codepipeline#"))).toBe(true);
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
    expect(ir.operations.map((op) => op.name)).toEqual(ir.operations.map((op) => op.name).sort((a, b) => a.localeCompare(b)));
    const references = [
      ...ir.operations.flatMap((op) => [op.input, op.output, ...op.errors]),
      ...[...ir.shapes.values()].flatMap((shape) =>
        shape.kind === "structure" || shape.kind === "union"
          ? shape.members.map((m) => m.target)
          : shape.kind === "list"
            ? [shape.member.target]
            : shape.kind === "map"
              ? [shape.key.target, shape.value.target]
              : [],
      ),
    ].filter((ref): ref is string => ref !== undefined);
    expect(references.filter((ref) => !ir.shapes.has(ref))).toEqual([]);
  });
});

describe("members: each trait, as the IR spells it", () => {
  it.each<[string, { given: Record<string, AstShape>; want: Member }]>([
    ["a bare member", { given: input({ a: { target: smithy.String } }), want: member("a", smithy.String) }],
    ["@required", { given: input({ a: { target: smithy.String, traits: { "smithy.api#required": {} } } }), want: member("a", smithy.String, { required: true }) }],
    [
      "@default and @clientOptional",
      {
        given: input({ a: { target: smithy.Integer, traits: { "smithy.api#default": 5, "smithy.api#required": {}, "smithy.api#clientOptional": {} } } }),
        want: member("a", smithy.Integer, { default: 5, required: true, clientOptional: true }),
      },
    ],
    ["@default(null) is no default", { given: input({ a: { target: smithy.String, traits: { "smithy.api#default": null } } }), want: member("a", smithy.String) }],
    [
      "a member's constraints override its target's, trait by trait",
      {
        given: {
          ...input({ a: { target: id("Code"), traits: { "smithy.api#length": { max: 3 } } } }),
          Code: { type: "string", traits: { "smithy.api#length": { min: 1, max: 9 }, "smithy.api#pattern": "^x" } },
        },
        want: member("a", "Code", { constraints: { length: { max: 3 }, pattern: "^x" } }),
      },
    ],
    ["@range", { given: input({ n: { target: smithy.Integer, traits: { "smithy.api#range": { min: 0, max: 100 } } } }), want: member("n", smithy.Integer, { constraints: { range: { min: 0, max: 100 } } }) }],
    [
      "a list's @uniqueItems reaches its members",
      {
        given: { ...input({ l: { target: id("L") } }), L: { type: "list", member: { target: smithy.String }, traits: { "smithy.api#uniqueItems": {} } } },
        want: member("l", "L", { constraints: { uniqueItems: true } }),
      },
    ],
    [
      "a sensitive target makes its member sensitive",
      { given: { ...input({ a: { target: id("Secret") } }), Secret: { type: "string", traits: { "smithy.api#sensitive": {} } } }, want: member("a", "Secret", { sensitive: true }) },
    ],
    [
      "a member's @timestampFormat wins over its target's",
      {
        given: { ...input({ a: { target: id("T"), traits: { "smithy.api#timestampFormat": "http-date" } } }), T: { type: "timestamp", traits: { "smithy.api#timestampFormat": "date-time" } } },
        want: member("a", "T", { timestampFormat: "http-date" }),
      },
    ],
    [
      "a target's @timestampFormat reaches its members",
      { given: { ...input({ a: { target: id("T") } }), T: { type: "timestamp", traits: { "smithy.api#timestampFormat": "date-time" } } }, want: member("a", "T", { timestampFormat: "date-time" }) },
    ],
    [
      "documentation and deprecation",
      {
        given: input({ a: { target: smithy.String, traits: { "smithy.api#deprecated": { message: "old", since: "2020" }, "smithy.api#documentation": "Docs." } } }),
        want: member("a", smithy.String, { deprecated: { message: "old", since: "2020" }, documentation: "Docs." }),
      },
    ],
    [
      "traits no target interprets are listed, sorted",
      { given: input({ a: { target: smithy.String, traits: { "smithy.api#tags": ["x"], "aws.api#data": "content", "smithy.api#required": {} } } }), want: member("a", smithy.String, { required: true, otherTraits: ["aws.api#data", "smithy.api#tags"] }) },
    ],
    [
      "@jsonName is kept as written; whether it applies is the protocol's call",
      { given: input({ a: { target: smithy.String, traits: { "smithy.api#jsonName": "A" } } }), want: member("a", smithy.String, { jsonName: "A" }) },
    ],
  ])("%s", (_, { given, want }) => {
    expect(inputShape(given).members[0]).toEqual(want);
  });
});

describe("shapes: each kind, as the IR spells it", () => {
  it.each<[string, { given: Record<string, AstShape>; want: Shape }]>([
    [
      "a structure with documentation and @input",
      {
        given: { Input: { type: "structure", members: { a: { target: smithy.String } }, traits: { "smithy.api#input": {}, "smithy.api#documentation": "In." } } },
        want: structure("Input", [member("a", smithy.String)], { isInput: true, documentation: "In." }),
      },
    ],
    [
      "a client error without @httpError answers 400",
      { given: { ...input({ e: { target: id("E") } }), E: { type: "structure", members: {}, traits: { "smithy.api#error": "client" } } }, want: structure("E", [], { error: { fault: "client", httpStatus: 400 } }) },
    ],
    [
      "a server error without @httpError answers 500",
      { given: { ...input({ e: { target: id("E") } }), E: { type: "structure", members: {}, traits: { "smithy.api#error": "server" } } }, want: structure("E", [], { error: { fault: "server", httpStatus: 500 } }) },
    ],
    [
      "@httpError sets the status",
      {
        given: { ...input({ e: { target: id("E") } }), E: { type: "structure", members: {}, traits: { "smithy.api#error": "client", "smithy.api#httpError": 404 } } },
        want: structure("E", [], { error: { fault: "client", httpStatus: 404 } }),
      },
    ],
    [
      "a union's members are never required",
      {
        given: { ...input({ u: { target: id("U") } }), U: { type: "union", members: { a: { target: smithy.String, traits: { "smithy.api#required": {} } }, b: { target: smithy.Unit } } } },
        want: union("U", [member("a", smithy.String), member("b", smithy.Unit)]),
      },
    ],
    [
      "a @sparse list with bounds",
      {
        given: { ...input({ l: { target: id("L") } }), L: { type: "list", member: { target: smithy.Integer }, traits: { "smithy.api#sparse": {}, "smithy.api#length": { max: 5 } } } },
        want: list("L", smithy.Integer, { sparse: true, constraints: { length: { max: 5 } } }),
      },
    ],
    [
      "a map",
      { given: { ...input({ m: { target: id("M") } }), M: { type: "map", key: { target: smithy.String }, value: { target: smithy.Long } } }, want: map("M", smithy.String, smithy.Long) },
    ],
    [
      "an enum: values from @enumValue, else the member's name",
      {
        given: {
          ...input({ e: { target: id("E") } }),
          E: { type: "enum", members: { RED: { target: smithy.Unit, traits: { "smithy.api#enumValue": "red" } }, GREEN: { target: smithy.Unit } } },
        },
        want: enumShape("E", { RED: "red", GREEN: "GREEN" }),
      },
    ],
    [
      "an intEnum",
      {
        given: { ...input({ e: { target: id("E") } }), E: { type: "intEnum", members: { LOW: { target: smithy.Unit, traits: { "smithy.api#enumValue": 1 } } } } },
        want: intEnum("E", { LOW: 1 }),
      },
    ],
    [
      "a simple shape with its own traits",
      {
        given: { ...input({ s: { target: id("T") } }), T: { type: "timestamp", traits: { "smithy.api#timestampFormat": "date-time", "smithy.api#documentation": "When." } } },
        want: simple("timestamp", "T", { timestampFormat: "date-time", documentation: "When." }),
      },
    ],
    [
      "a service rename changes the name, not the ID",
      {
        given: { ...input({ s: { target: id("Thing") } }), Thing: { type: "structure", members: {} } },
        want: structure("Thing", [], { name: "Widget" }),
      },
    ],
  ])("%s", (_, { given, want }) => {
    const ir = load(given, { serviceShape: { rename: { [id("Thing")]: "Widget" } } });
    expect(ir.shapes.get(want.id)).toEqual(want);
  });

  it("an enum member's documentation is kept", () => {
    const ir = load({
      ...input({ e: { target: id("E") } }),
      E: { type: "enum", members: { A: { target: smithy.Unit, traits: { "smithy.api#enumValue": "a", "smithy.api#documentation": "The first." } } } },
    });
    expect(ir.shapes.get(id("E"))).toMatchObject({ values: [{ name: "A", value: "a", documentation: "The first." }] });
  });

  it.each([
    ["PrimitiveInteger", "integer"],
    ["PrimitiveBoolean", "boolean"],
    ["String", "string"],
    ["Document", "document"],
    ["BigDecimal", "bigDecimal"],
  ])("the prelude's %s is a %s", (name, kind) => {
    const ir = load(input({ a: { target: `smithy.api#${name}` } }));
    expect(ir.shapes.get(`smithy.api#${name}`)).toEqual({ id: `smithy.api#${name}`, name, kind, constraints: {}, otherTraits: [] });
  });
});

describe("mixins are flattened", () => {
  const mixin = (members: Record<string, { target: string; traits?: Record<string, unknown> }>, traits: Record<string, unknown> = {}, mixins?: string[]) => ({
    type: "structure",
    members,
    traits: { "smithy.api#mixin": {}, ...traits },
    ...(mixins ? { mixins: mixins.map((name) => ({ target: id(name) })) } : {}),
  });

  it.each<[string, { given: Record<string, AstShape>; want: StructureShape }]>([
    [
      "mixin members come first, with their traits, then the shape's own",
      {
        given: {
          Input: { type: "structure", mixins: [{ target: id("M") }], members: { own: { target: smithy.String } } },
          M: mixin({ mixed: { target: smithy.String, traits: { "smithy.api#required": {}, "smithy.api#documentation": "From the mixin." } } }),
        },
        want: structure("Input", [member("mixed", smithy.String, { required: true, documentation: "From the mixin." }), member("own", smithy.String)]),
      },
    ],
    [
      "the mixin's traits are inherited, except @mixin itself; the shape's own win",
      {
        given: {
          Input: { type: "structure", mixins: [{ target: id("M") }], members: {}, traits: { "smithy.api#documentation": "Own." } },
          M: mixin({}, { "smithy.api#documentation": "Mixed.", "smithy.api#tags": ["t"], "smithy.api#deprecated": {} }),
        },
        want: structure("Input", [], { documentation: "Own.", deprecated: {}, otherTraits: ["smithy.api#tags"] }),
      },
    ],
    [
      "mixins of mixins, and several mixins in order",
      {
        given: {
          Input: { type: "structure", mixins: [{ target: id("B") }, { target: id("C") }], members: { d: { target: smithy.String } } },
          A: mixin({ a: { target: smithy.String } }),
          B: mixin({ b: { target: smithy.String } }, {}, ["A"]),
          C: mixin({ c: { target: smithy.Integer } }),
        },
        want: structure("Input", [member("a", smithy.String), member("b", smithy.String), member("c", smithy.Integer), member("d", smithy.String)]),
      },
    ],
  ])("%s", (_, { given, want }) => {
    const ir = load(given);
    expect(ir.shapes.get(id("Input"))).toEqual(want);
    // A mixin is not a shape of the service: nothing is generated for it.
    expect([...ir.shapes.values()].filter((shape) => shape.kind === "structure").map((shape) => shape.name)).toEqual(["Input"]);
  });
});

describe("the service and its operations", () => {
  const shapes: Record<string, AstShape> = {
    TestService: {
      type: "service",
      version: "2024-01-01",
      operations: [{ target: id("Zeta") }, { target: id("Alpha") }],
      errors: [{ target: id("Throttled") }],
      traits: {
        "aws.protocols#awsQueryCompatible": {},
        "aws.protocols#awsJson1_0": {},
        "aws.auth#sigv4": { name: "things" },
        "aws.api#service": { sdkId: "Things", endpointPrefix: "things-api" },
        "smithy.api#title": "The Things Service",
        "smithy.api#documentation": "Keeps things.",
      },
    },
    Zeta: { type: "operation", input: { target: id("ZetaInput") }, output: { target: smithy.Unit }, errors: [{ target: id("NotFound") }], traits: { "smithy.api#documentation": "Last." } },
    Alpha: { type: "operation", input: { target: smithy.Unit }, output: { target: id("AlphaOutput") }, traits: { "smithy.api#deprecated": { message: "Gone soon." } } },
    ZetaInput: { type: "structure", members: { a: { target: smithy.String } } },
    AlphaOutput: { type: "structure", members: {} },
    NotFound: { type: "structure", members: {}, traits: { "smithy.api#error": "client" } },
    Throttled: { type: "structure", members: {}, traits: { "smithy.api#error": "server" } },
    Unused: { type: "structure", members: {} },
  };

  it("the service: its protocol, signing name, SDK ID, endpoint prefix, title and docs", () => {
    expect(load(shapes).service).toEqual({
      id: id("TestService"),
      name: "TestService",
      version: "2024-01-01",
      protocol: "aws.protocols#awsJson1_0",
      signingName: "things",
      targetPrefix: "TestService",
      sdkId: "Things",
      endpointPrefix: "things-api",
      title: "The Things Service",
      documentation: "Keeps things.",
    });
  });

  it("operations sorted by name; Unit is no input or output; the operation's errors, then the service's", () => {
    expect(load(shapes).operations).toEqual([
      { id: id("Alpha"), name: "Alpha", input: undefined, output: id("AlphaOutput"), errors: [id("Throttled")], deprecated: { message: "Gone soon." } },
      { id: id("Zeta"), name: "Zeta", input: id("ZetaInput"), output: undefined, errors: [id("NotFound"), id("Throttled")], documentation: "Last." },
    ]);
  });

  it("shapes: the service's closure only, sorted by ID", () => {
    expect([...load(shapes).shapes.keys()]).toEqual([
      "smithy.api#String",
      id("AlphaOutput"),
      id("NotFound"),
      id("Throttled"),
      id("ZetaInput"),
    ]);
  });

  it("a union member targeting Unit brings in the Unit structure", () => {
    const ir = load({ ...input({ u: { target: id("U") } }), U: { type: "union", members: { none: { target: smithy.Unit } } } });
    expect(ir.shapes.get(smithy.Unit)).toEqual(structure(smithy.Unit, []));
  });

  it("with two services, loads the one named, and asks which otherwise", () => {
    const two = ast({ ...input({}), Other: { type: "service", version: "1" } });
    expect(() => loadModel(two)).toThrow(
      `The model has 2 services: ${id("Other")}, ${id("TestService")}. Name the one to generate: ` +
        `"codegen": { "service": "${id("Other")}" } in smithy-build.json, or --service ${id("Other")}.`,
    );
    expect(() => loadModel(two, { service: id("Missing") })).toThrow(`${id("Missing")} is not a service shape in the model; its services: ${id("Other")}, ${id("TestService")}.`);
    expect(loadModel(two, { service: id("TestService") }).service.name).toBe("TestService");
    expect(loadModel(two, { service: id("Other") }).operations).toEqual([]);
  });
});

describe("refusals name the shape and the trait", () => {
  /** The loader's error for these shapes. */
  function refusal(given: Record<string, AstShape>, options?: Parameters<typeof load>[1]): GenerateError {
    try {
      load(given, options);
    } catch (caught) {
      expect(caught).toBeInstanceOf(GenerateError);
      return caught as GenerateError;
    }
    throw new Error("the model was accepted");
  }
  const oneFeature = (problem: string) => `The model uses a feature this codegen does not support:\n  - ${problem}`;
  const oneError = (problem: string) => `The model has an error:\n  - ${problem}`;

  it.each<[string, { given: Record<string, AstShape>; want: string }]>([
    [
      "a streaming blob",
      { given: { ...input({ body: { target: id("Stream") } }), Stream: { type: "blob", traits: { "smithy.api#streaming": {} } } }, want: oneFeature("test.ns#Stream: trait smithy.api#streaming: streaming payloads are not supported by the JSON targets.") },
    ],
    [
      "an event stream payload, on the member",
      { given: input({ p: { target: smithy.Blob, traits: { "smithy.api#eventPayload": {} } } }), want: oneFeature("test.ns#Input$p: trait smithy.api#eventPayload: event streams are not supported.") },
    ],
    [
      "an event stream header",
      { given: input({ h: { target: smithy.String, traits: { "smithy.api#eventHeader": {} } } }), want: oneFeature("test.ns#Input$h: trait smithy.api#eventHeader: event streams are not supported.") },
    ],
    [
      "an unsupported trait that came from a mixin",
      {
        given: { Input: { type: "structure", mixins: [{ target: id("M") }], members: {} }, M: { type: "structure", members: { b: { target: smithy.Blob, traits: { "smithy.api#requiresLength": {} } } }, traits: { "smithy.api#mixin": {} } } },
        want: oneFeature("test.ns#Input$b: trait smithy.api#requiresLength: streaming payloads are not supported."),
      },
    ],
    ["an IDL 1.0 set", { given: { ...input({ s: { target: id("Set") } }), Set: { type: "set", member: { target: smithy.String } } }, want: oneFeature("test.ns#Set: 'set' is IDL 1.0; use a list with @uniqueItems.") }],
    [
      "a string with the old enum trait",
      { given: { ...input({ e: { target: id("E") } }), E: { type: "string", traits: { "smithy.api#enum": [{ value: "a" }] } } }, want: oneFeature("test.ns#E: trait smithy.api#enum is deprecated; use an enum shape.") },
    ],
    ["a member targeting an operation", { given: { ...input({ o: { target: id("Op") } }) }, want: oneError("test.ns#Input$o: targets test.ns#Op, which is an operation; only a data shape (a structure, list, string, ...) can be targeted there.") }],
  ])("%s", (_, { given, want }) => {
    expect(refusal(given).message).toBe(want);
  });

  it("every problem at once", () => {
    const error = refusal(
      {
        ...input({ h: { target: smithy.String, traits: { "smithy.api#eventHeader": {} } }, s: { target: id("Set") } }),
        Set: { type: "set", member: { target: smithy.String } },
        Thing: { type: "structure", members: {} },
      },
      { serviceShape: { resources: [{ target: id("Thing") }] } },
    );
    // Errors in the model first, then what this codegen does not support.
    expect(error.message.split("\n")).toEqual([
      "The model has an error:",
      "  - test.ns#TestService: test.ns#Thing is bound as a resource, but is a structure.",
      "The model uses features this codegen does not support:",
      "  - test.ns#Input$h: trait smithy.api#eventHeader: event streams are not supported.",
      "  - test.ns#Set: 'set' is IDL 1.0; use a list with @uniqueItems.",
    ]);
  });

  it("a reference to a shape that is not in the model names it and the member that refers to it", () => {
    expect(refusal(input({ a: { target: id("Missing") } })).message).toBe("test.ns#Input$a refers to test.ns#Missing, which is not in the model.");
  });

  it.each<[string, { given: unknown; options?: { service: string }; want: string }]>([
    ["no shapes", { given: {}, want: "The JSON AST has no 'shapes' object; is it Smithy's model.json?" }],
    ["IDL 1.0", { given: { smithy: "1.0", shapes: {} }, want: "The JSON AST is Smithy IDL version 1.0; only 2.x is supported." }],
    ["no service", { given: { smithy: "2.0", shapes: {} }, want: "The model has no service shape." }],
    ["a named service that is not one", { given: ast(input({})), options: { service: id("Input") }, want: "test.ns#Input is not a service shape in the model; its services: test.ns#TestService." }],
  ])("refuses a JSON AST with %s", (_, { given, options, want }) => {
    expect(() => loadModel(given as JsonAst, options)).toThrow(GenerateError);
    expect(() => loadModel(given as JsonAst, options)).toThrow(want);
  });
});

describe("behaviour traits, on members, operations and services", () => {
  const awsJson = { "aws.protocols#awsJson1_1": {} };
  /** The operation `Op`, with these traits, input `Input` and output `Output` (when given). */
  const op = (traits: Record<string, unknown>, shapes: Record<string, AstShape>) => ({
    Op: { type: "operation", input: { target: id("Input") }, output: { target: "Output" in shapes ? id("Output") : smithy.Unit }, traits },
    ...shapes,
  });
  const labelled = input({ accountId: { target: smithy.String, traits: { "smithy.api#required": {}, "smithy.api#hostLabel": {} } }, name: { target: smithy.String } });
  const plain = input({ name: { target: smithy.String } });
  const paged = {
    ...input({ token: { target: smithy.String }, size: { target: smithy.Integer }, filter: { target: smithy.String } }),
    Output: { type: "structure", members: { result: { target: id("Page") } } },
    Page: { type: "structure", members: { next: { target: smithy.String }, items: { target: id("Names") } } },
    Names: { type: "list", member: { target: smithy.String } },
  } as Record<string, AstShape>;
  const operationOf = (shapes: Record<string, AstShape>, options?: Parameters<typeof load>[1]) => load(shapes, options).operations[0]!;

  it("@idempotencyToken and @hostLabel on members", () => {
    const shape = inputShape({ ...op({ "smithy.api#endpoint": { hostPrefix: "{accountId}." } }, labelled), ...input({ token: { target: smithy.String, traits: { "smithy.api#idempotencyToken": {} } }, accountId: { target: smithy.String, traits: { "smithy.api#required": {}, "smithy.api#hostLabel": {} } } }) });
    expect(shape.members).toEqual([
      member("token", smithy.String, { idempotencyToken: true }),
      member("accountId", smithy.String, { required: true, hostLabel: true }),
    ]);
  });

  it("@endpoint(hostPrefix) and @requestCompression on operations (encodings in lower case)", () => {
    expect(operationOf(op({ "smithy.api#endpoint": { hostPrefix: "{accountId}.data." }, "smithy.api#requestCompression": { encodings: ["GZIP"] } }, labelled))).toMatchObject({
      hostPrefix: "{accountId}.data.",
      requestCompression: { encodings: ["gzip"] },
    });
    expect(operationOf(op({}, plain))).not.toHaveProperty("hostPrefix");
    expect(operationOf(op({}, plain))).not.toHaveProperty("requestCompression");
  });

  it.each<[string, { service?: Record<string, unknown>; operation: Record<string, unknown>; want: unknown }]>([
    ["on the operation alone", { operation: { inputToken: "token", outputToken: "result.next", items: "result.items", pageSize: "size" }, want: { inputToken: "token", outputToken: ["result", "next"], items: ["result", "items"], pageSize: "size" } }],
    ["the service's defaults under the operation's", { service: { inputToken: "token", outputToken: "result.next", pageSize: "size" }, operation: { items: "result.items" }, want: { inputToken: "token", outputToken: ["result", "next"], items: ["result", "items"], pageSize: "size" } }],
    ["the operation's settings win", { service: { inputToken: "nope", outputToken: "nope", pageSize: "nope" }, operation: { inputToken: "token", outputToken: "result.next", pageSize: "size" }, want: { inputToken: "token", outputToken: ["result", "next"], pageSize: "size" } }],
  ])("@paginated %s", (_, { service, operation, want }) => {
    const serviceTraits = { ...awsJson, ...(service ? { "smithy.api#paginated": service } : {}) };
    expect(operationOf(op({ "smithy.api#paginated": operation }, paged), { serviceTraits }).paginated).toEqual(want);
  });

  it("the service's @paginated alone does not make an operation paginated", () => {
    expect(operationOf(op({}, paged), { serviceTraits: { ...awsJson, "smithy.api#paginated": { inputToken: "token", outputToken: "result.next" } } })).not.toHaveProperty("paginated");
  });

  it.each<[string, { shapes: Record<string, AstShape>; serviceTraits?: Record<string, unknown>; want: string[] }]>([
    ["a trait no target handles, on an operation", { shapes: op({ "aws.protocols#httpChecksum": { requestChecksumRequired: true } }, plain), want: ["  - test.ns#Op: trait aws.protocols#httpChecksum: request and response checksums are not supported."] }],
    ["a trait no target handles, on the service", { shapes: input({}), serviceTraits: { ...awsJson, "aws.api#clientEndpointDiscovery": { operation: id("Op"), error: id("E") } }, want: ["  - test.ns#TestService: trait aws.api#clientEndpointDiscovery: endpoint discovery is not supported."] }],
    ["a host label that is no input member", { shapes: op({ "smithy.api#endpoint": { hostPrefix: "{accountId}.{region}." } }, labelled), want: ["  - test.ns#Op: trait smithy.api#endpoint: host label {region} is not a member of the operation's input."] }],
    [
      "a host label on a member without @hostLabel",
      { shapes: op({ "smithy.api#endpoint": { hostPrefix: "{accountId}.{name}." } }, labelled), want: ["  - test.ns#Op: trait smithy.api#endpoint: host label {name} is not marked @hostLabel."] },
    ],
    ["a @hostLabel member the prefix does not use", { shapes: op({ "smithy.api#endpoint": { hostPrefix: "data." } }, labelled), want: ["  - test.ns#Input$accountId: trait smithy.api#hostLabel: the operation's @endpoint hostPrefix has no {accountId} label."] }],
    ["a @hostLabel member of an operation without @endpoint", { shapes: op({}, labelled), want: ["  - test.ns#Input$accountId: trait smithy.api#hostLabel: the operation's @endpoint hostPrefix has no {accountId} label."] }],
    ["an encoding no client applies", { shapes: op({ "smithy.api#requestCompression": { encodings: ["br"] } }, plain), want: ["  - test.ns#Op: trait smithy.api#requestCompression: encoding 'br' is not supported (only gzip)."] }],
    ["no encodings", { shapes: op({ "smithy.api#requestCompression": { encodings: [] } }, plain), want: ["  - test.ns#Op: trait smithy.api#requestCompression: 'encodings' names no encoding."] }],
    ["pagination without tokens, here or on the service", { shapes: op({ "smithy.api#paginated": { items: "result.items" } }, paged), want: ["  - test.ns#Op: trait smithy.api#paginated: no inputToken or outputToken, on the operation or its service."] }],
    [
      "pagination naming members that do not exist",
      {
        shapes: op({ "smithy.api#paginated": { inputToken: "cursor", outputToken: "result.cursor", items: "result.next", pageSize: "filter" } }, paged),
        want: [
          "  - test.ns#Op: trait smithy.api#paginated: inputToken 'cursor' is not a member of the operation's input.",
          "  - test.ns#Op: trait smithy.api#paginated: pageSize 'filter' is not an integer member of the operation's input.",
          "  - test.ns#Op: trait smithy.api#paginated: outputToken 'result.cursor' is not a path of output members.",
          "  - test.ns#Op: trait smithy.api#paginated: items 'result.next' is not a path of output members ending in a list or map.",
        ],
      },
    ],
  ])("refuses %s", (_, { shapes, serviceTraits, want }) => {
    expect(loadProblems(shapes, serviceTraits ? { serviceTraits } : {})).toEqual(want);
  });
});
