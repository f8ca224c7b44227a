// A model may name its shapes as the runtime names its symbols (issue 10): real AWS models
// have shapes named Output, Client, Endpoint; Smithy allows lowercase names too. Every
// runtime symbol any target imports (as the import registry recorded them while generating a
// model that reaches them all, so a new runtime import is covered without touching this
// test) becomes a shape of a second model, declared or imported beside that symbol, and
// every target's output must still compile under strict tsc, the symbol imported under its
// alias. Names the generator derives from the model cannot be aliased away (they are the
// public API): a shape that takes one is refused, naming both.
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GenerateError } from "../../../../codegen/src/errors.js";
import { loadModel, type JsonAst } from "../../../../codegen/src/ir/load.js";
import { requestedRuntimeSymbols, forgetRequestedRuntimeSymbols } from "../../../../codegen/src/targets/imports.js";
import { behaviourTraitsModel } from "../../../support/behaviour-traits-model.js";
import { REPO_ROOT } from "../../../support/repo.js";
import { emitIntoProject, strictTypeErrors, type ProjectFile } from "../../../support/strict-project.js";

const NS = "com.amazonaws.codepipeline";
const id = (name: string) => `${NS}#${name}`;
const ref = (target: string, traits: Record<string, unknown> = {}) => ({ target: target.includes("#") ? target : id(target), traits });

const RULE_SET = {
  version: "1.0",
  parameters: {
    Region: { type: "String", builtIn: "AWS::Region", required: false },
    UseFIPS: { type: "Boolean", builtIn: "AWS::UseFIPS", required: true, default: false },
  },
  rules: [
    {
      type: "tree",
      conditions: [{ fn: "isSet", argv: [{ ref: "Region" }] }, { fn: "aws.partition", argv: [{ ref: "Region" }], assign: "partition" }],
      rules: [{ type: "endpoint", conditions: [], endpoint: { url: "https://codepipeline.{Region}.{partition#dnsSuffix}" } }],
    },
    { type: "error", conditions: [], error: "Invalid Configuration: Missing Region" },
  ],
};

/**
 * The behaviour-traits model (host prefix, request compression, pagination) with an
 * endpoint rule set and an operation `Everything` whose messages hold what the codec and
 * the validators write most differently, plus `extra` shapes: members of both messages,
 * and errors of the operation.
 */
function model(extra: { members?: string[]; errors?: string[] } = {}): JsonAst {
  const json = structuredClone(behaviourTraitsModel) as unknown as JsonAst;
  const service = json.shapes[id("CodePipeline_20150709")]!;
  service.traits = { ...service.traits, "smithy.rules#endpointRuleSet": RULE_SET };
  service.operations = [...(service.operations ?? []), { target: id("Everything") }];
  const message = (trait: string) => ({
    type: "structure",
    members: {
      choice: ref("Choice"),
      whole: ref("smithy.api#BigInteger", { "smithy.api#range": { min: -5 } }),
      decimal: ref("smithy.api#BigDecimal", { "smithy.api#range": { max: 5 } }),
      ratio: ref("smithy.api#Double", { "smithy.api#range": { min: 0 } }),
      count: ref("smithy.api#Long"),
      at: ref("smithy.api#Timestamp"),
      written: ref("smithy.api#Timestamp", { "smithy.api#timestampFormat": "date-time" }),
      sent: ref("smithy.api#Timestamp", { "smithy.api#timestampFormat": "http-date" }),
      data: ref("smithy.api#Blob", { "smithy.api#length": { max: 10 } }),
      name: ref("smithy.api#String", { "smithy.api#length": { min: 1, max: 5 }, "smithy.api#pattern": "^[a-z]+$" }),
      mode: ref("Mode"),
      level: ref("Level"),
      tags: ref("Tags"),
      labels: ref("Labels"),
      // Read as an own property; optional, so the client's functions default the input to
      // `{}`, which strict tsc checks against the `constructor` every object inherits.
      constructor: ref("smithy.api#String"),
      ...Object.fromEntries((extra.members ?? []).map((name, i) => [`clash${i}`, ref(name)])),
    },
    traits: { [`smithy.api#${trait}`]: {} },
  });
  Object.assign(json.shapes, {
    [id("Everything")]: { type: "operation", input: ref("EverythingInput"), output: ref("EverythingOutput"), errors: (extra.errors ?? []).map((name) => ref(name)) },
    [id("EverythingInput")]: message("input"),
    [id("EverythingOutput")]: message("output"),
    [id("Choice")]: { type: "union", members: { text: ref("smithy.api#String"), nested: ref("Choice") } },
    [id("Mode")]: { type: "enum", members: { ON: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "on" } } } },
    [id("Level")]: { type: "intEnum", members: { ONE: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": 1 } } } },
    [id("Tags")]: { type: "list", member: ref("smithy.api#String"), traits: { "smithy.api#uniqueItems": {}, "smithy.api#length": { max: 3 } } },
    [id("Labels")]: { type: "map", key: ref("smithy.api#String"), value: ref("smithy.api#Integer", { "smithy.api#range": { max: 9 } }), traits: { "smithy.api#length": { max: 3 } } },
  });
  for (const name of extra.members ?? []) json.shapes[id(name)] = { type: "structure", members: { value: ref("smithy.api#String") } };
  for (const name of extra.errors ?? []) json.shapes[id(name)] = { type: "structure", members: { message: ref("smithy.api#String") }, traits: { "smithy.api#error": "client" } };
  return json;
}

function generate(json: JsonAst): ProjectFile[] {
  return emitIntoProject(loadModel(json));
}

const dir = path.join(REPO_ROOT, ".cache", "test-workspaces", "runtime-name-clashes");
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("shapes named as the runtime's symbols", () => {
  it("every target imports each such symbol under an alias, and the output compiles under strict tsc", async () => {
    // Test files share modules (isolate: false): another file's generation, in another
    // layout, may have recorded the same symbols under other module names.
    forgetRequestedRuntimeSymbols();
    const plain = generate(model());
    // The model reaches what the clashes must cover: each of these is imported only when used.
    const symbols = new Map([...requestedRuntimeSymbols()].map(([module, names]) => [module, [...names]]));
    const all = [...symbols.values()].flat();
    for (const reached of ["hostLabel", "gzipBody", "paginate", "parseExactJson", "toDateTime", "toHttpDate", "awsEndpointFunctions", "isObject", "own", "hasUniqueItems"]) expect(all).toContain(reached);
    // Without a clash nothing is aliased.
    expect(plain.map((file) => file.contents).join("\n")).not.toContain(" as __");

    // is<X>, validate<X>, ... are the validators' own names for shape X: shape X takes that name.
    const derived = /^(?:is|check|validate|se_|de_)([A-Z]\w*)$/;
    const members = new Set<string>();
    const errors = new Set<string>();
    for (const [module, names] of symbols) {
      for (const name of names) {
        const shape = derived.exec(name)?.[1] ?? name;
        // An errors module's symbols clash where the error classes are declared.
        (module.endsWith("/errors") || module.endsWith("/errors.js") || /^(?:ModeledError|ServiceException)/.test(name) ? errors : members).add(shape);
      }
    }
    const files = generate(model({ members: [...members].sort(), errors: [...errors].sort() }));
    const text = files.map((file) => file.contents).join("\n");
    for (const name of new Set(all)) expect(text, name).toMatch(new RegExp(`\\bas __${name}\\b`));

    expect(await strictTypeErrors(dir, files)).toEqual([]);
  }, 120_000);
});

describe("a shape named as the generator names another", () => {
  const refusal = (json: JsonAst) => {
    try {
      generate(json);
    } catch (error) {
      expect(error).toBeInstanceOf(GenerateError);
      return (error as Error).message;
    }
    throw new Error("generated without a refusal");
  };

  it("is refused by the loader, naming both and the service's rename", () => {
    const message = refusal(model({ members: ["EverythingServerInput"] }));
    expect(message).toContain(`${id("EverythingServerInput")}: its name EverythingServerInput`);
    expect(message).toContain(`operation ${id("Everything")}'s server input`);
    expect(message).toContain("'rename'");
  });

  it("covers the service's names and the functions derived from a shape", () => {
    expect(refusal(model({ members: ["CodePipelineClient"] }))).toContain(`${id("CodePipeline_20150709")}'s client class`);
    expect(refusal(model({ members: ["service"] }))).toContain(`${id("service")}: its name service`);
    expect(refusal(model({ members: ["isChoice"] }))).toContain(`${id("Choice")}'s type guard`);
  });
});
