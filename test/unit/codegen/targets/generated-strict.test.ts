// Every target's output compiles in a consumer's project under every strict flag a user may
// turn on (issue 9): types, validators, client (its endpoint rules among them) and server,
// generated into a project of its own that imports the published runtime. The model holds
// what the emitters write most differently: a union (serialized, and read back with an
// unknown member), a bigInteger and a bigDecimal (the exact JSON), ordinary numbers, errors
// with typed members (one of them required, so its server class requires them), and an
// endpoint rule set (the AWS functions registered with the rules engine), and an operation
// named like a reserved word (Delete).
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadModel, type JsonAst } from "../../../../codegen/src/ir/load.js";
import { REPO_ROOT } from "../../../support/repo.js";
import { ast, smithy } from "../../../support/ir.js";
import { emitIntoProject, strictTypeErrors } from "../../../support/strict-project.js";

const RULE_SET = {
  version: "1.0",
  parameters: {
    Region: { type: "String", builtIn: "AWS::Region", required: false },
    UseFIPS: { type: "Boolean", builtIn: "AWS::UseFIPS", required: true, default: false },
    Endpoint: { type: "String", builtIn: "SDK::Endpoint", required: false },
  },
  rules: [
    {
      type: "tree",
      conditions: [{ fn: "isSet", argv: [{ ref: "Region" }] }, { fn: "aws.partition", argv: [{ ref: "Region" }], assign: "partition" }],
      rules: [{ type: "endpoint", conditions: [], endpoint: { url: "https://widgets.{Region}.{partition#dnsSuffix}" } }],
    },
    { type: "error", conditions: [], error: "Invalid Configuration: Missing Region" },
  ],
};

const message = (name: string) => ({
  type: "structure",
  members: {
    choice: { target: "test.ns#Choice" },
    choices: { target: "test.ns#Choices" },
    whole: { target: smithy.BigInteger },
    decimal: { target: smithy.BigDecimal },
    ratio: { target: smithy.Double },
    count: { target: smithy.Long },
    names: { target: "test.ns#Names" },
    counts: { target: "test.ns#Counts" },
  },
  traits: { [`smithy.api#${name}`]: {} },
});

function strictModel() {
  const json: JsonAst = ast(
    {
      PutWidgetsInput: message("input"),
      PutWidgetsOutput: message("output"),
      Choice: { type: "union", members: { text: { target: smithy.String }, content: { target: smithy.Blob }, amount: { target: smithy.BigDecimal }, nested: { target: "test.ns#Choice" } } },
      Choices: { type: "list", member: { target: "test.ns#Choice" } },
      Names: { type: "list", member: { target: smithy.String } },
      Counts: { type: "map", key: { target: smithy.String }, value: { target: smithy.Integer } },
      Refused: {
        type: "structure",
        members: { message: { target: smithy.String }, at: { target: smithy.Timestamp, traits: { "smithy.api#required": {} } }, data: { target: smithy.Blob }, names: { target: "test.ns#Names" }, code: { target: smithy.String } },
        traits: { "smithy.api#error": "client" },
      },
      Busy: { type: "structure", members: { Message: { target: smithy.String }, retryAfter: { target: smithy.Double } }, traits: { "smithy.api#error": "server" } },
      Gone: { type: "structure", members: { message: { target: smithy.String } }, traits: { "smithy.api#error": "client" } },
      // An operation whose method name is a reserved word: its function is _delete, the client's method delete.
      Delete: { type: "operation", input: { target: smithy.Unit }, output: { target: smithy.Unit } },
    },
    {
      serviceShape: { operations: [{ target: "test.ns#Op" }, { target: "test.ns#Delete" }] },
      serviceTraits: {
        "aws.protocols#awsJson1_0": {},
        "aws.auth#sigv4": { name: "widgets" },
        "aws.api#service": { sdkId: "Widgets", endpointPrefix: "widgets" },
        "smithy.rules#endpointRuleSet": RULE_SET,
      },
    },
  );
  json.shapes["test.ns#Op"]!.input = { target: "test.ns#PutWidgetsInput" };
  json.shapes["test.ns#Op"]!.output = { target: "test.ns#PutWidgetsOutput" };
  json.shapes["test.ns#Op"]!.errors = ["Refused", "Busy", "Gone"].map((name) => ({ target: `test.ns#${name}` }));
  return loadModel(json);
}

// Inside the repository, so the runtime packages resolve from its node_modules.
const dir = path.join(REPO_ROOT, ".cache", "test-workspaces", "generated-strict");
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("every target's output in a consumer's strict project", () => {
  it("compiles with exactOptionalPropertyTypes, noPropertyAccessFromIndexSignature, noUncheckedIndexedAccess and erasableSyntaxOnly", async () => {
    const files = emitIntoProject(strictModel());
    // The model reaches what this test is for: the exact JSON, the unknown union member, error members both ways, dense lists' nulls left out, the AWS rules functions.
    const text = files.map((file) => file.contents).join("\n");
    for (const reached of ["parseExactJson", "stringifyExactJson", "$unknown", "awsEndpointFunctions", "errorMembers: {", "se_Refused(options.members)", "filter((item) => item != null)", "function _delete(", "delete(input"]) expect(text).toContain(reached);
    expect(files.map((file) => file.path)).toContain("src/generated/client/endpoint-rules.ts");

    expect(await strictTypeErrors(dir, files)).toEqual([]);
  }, 60_000);
});
