// Every target's output compiles in a consumer's project under every strict flag a user may
// turn on (issue 9): types, validators, client (its endpoint rules among them) and server,
// generated into a project of its own that imports the published runtime. The model holds
// what the emitters write most differently: a union (serialized, and read back with an
// unknown member), a bigInteger and a bigDecimal (the exact JSON), ordinary numbers, and an
// endpoint rule set (the AWS functions registered with the rules engine).
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveLayout } from "../../../../codegen/src/layout.js";
import { loadModel, type JsonAst } from "../../../../codegen/src/ir/load.js";
import { emitClient } from "../../../../codegen/src/targets/client.js";
import { emitServer } from "../../../../codegen/src/targets/server.js";
import { emitTypes } from "../../../../codegen/src/targets/types.js";
import { emitValidators } from "../../../../codegen/src/targets/validators.js";
import { REPO_ROOT } from "../../../support/repo.js";
import { ast, smithy } from "../../../support/ir.js";
import { projectTypeErrors } from "../../../support/snippets.js";

const STRICT = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noPropertyAccessFromIndexSignature: true,
  noUncheckedIndexedAccess: true,
  erasableSyntaxOnly: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
};

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
    },
    {
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
  return loadModel(json);
}

// Inside the repository, so the runtime packages resolve from its node_modules.
const dir = path.join(REPO_ROOT, ".cache", "test-workspaces", "generated-strict");
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("every target's output in a consumer's strict project", () => {
  it("compiles with exactOptionalPropertyTypes, noPropertyAccessFromIndexSignature, noUncheckedIndexedAccess and erasableSyntaxOnly", async () => {
    const folders = { types: "src/generated/types", validators: "src/generated/validators", client: "src/generated/client", server: "src/generated/server" };
    const { imports } = resolveLayout({ output: folders }, "codegen");
    const ir = strictModel();
    const outputs = {
      types: emitTypes(ir),
      validators: emitValidators(ir, imports),
      client: emitClient(ir, { version: "0.0.0", imports }),
      server: emitServer(ir, imports),
    };
    const files = Object.entries(outputs).flatMap(([target, emitted]) => emitted.map((file) => ({ path: `${folders[target as keyof typeof folders]}/${file.path}`, contents: file.contents })));
    // The model reaches what this test is for: the exact JSON, the unknown union member, the AWS rules functions.
    const text = files.map((file) => file.contents).join("\n");
    for (const reached of ["parseExactJson", "stringifyExactJson", "$unknown", "awsEndpointFunctions"]) expect(text).toContain(reached);
    expect(files.map((file) => file.path)).toContain("src/generated/client/endpoint-rules.ts");

    await rm(dir, { recursive: true, force: true });
    for (const file of files) {
      await mkdir(path.dirname(path.join(dir, file.path)), { recursive: true });
      await writeFile(path.join(dir, file.path), file.contents);
    }
    const tsFiles = files.filter((file) => file.path.endsWith(".ts")).map((file) => file.path);
    await writeFile(path.join(dir, "tsconfig.json"), JSON.stringify({ extends: path.join(REPO_ROOT, "tsconfig.json"), compilerOptions: STRICT, include: [], files: tsFiles }));
    // Only the generated files' errors: the runtime's sources are compiled by the packages' own checks.
    expect(projectTypeErrors(path.join(dir, "tsconfig.json")).filter((error) => error.startsWith("src/generated/"))).toEqual([]);
  }, 60_000);
});
