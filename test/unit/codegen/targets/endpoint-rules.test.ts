// The client target's endpoint rules (codegen/src/targets/endpoint-rules.ts): the loader
// carries the rule set and its tests into the IR; a service with a rule set gets
// generated/endpoint-rules.ts (the rules as data, documentation left out, each parameter
// bound by its built-in) and hands its resolver to the runtime; a service without one
// gets what it got before; a parameter the client cannot fill is refused at generation.
import { describe, expect, it } from "vitest";
import type { EndpointRuleSet } from "../../../../codegen/src/ir/types.js";
import { emitClient } from "../../../../codegen/src/targets/client.js";
import { load } from "../../../support/ir.js";

const SIGV4 = { "aws.protocols#awsJson1_1": {}, "aws.auth#sigv4": { name: "widgets" }, "aws.api#service": { sdkId: "Widgets", endpointPrefix: "widgets" } };

const RULE_SET: EndpointRuleSet = {
  version: "1.0",
  parameters: {
    Region: { type: "String", builtIn: "AWS::Region", required: false, documentation: "The region." },
    UseFIPS: { type: "Boolean", builtIn: "AWS::UseFIPS", required: true, default: false },
    UseDualStack: { type: "Boolean", builtIn: "AWS::UseDualStack", required: true, default: false },
    Endpoint: { type: "String", builtIn: "SDK::Endpoint", required: false },
  },
  rules: [
    {
      type: "tree",
      documentation: "With a region",
      conditions: [{ fn: "isSet", argv: [{ ref: "Region" }] }],
      rules: [{ type: "endpoint", documentation: "The regional endpoint", conditions: [], endpoint: { url: "https://widgets.{Region}.example.com", properties: { documentation: "a property, kept" } } }],
    },
    { type: "error", conditions: [], error: "Invalid Configuration: Missing Region" },
  ],
};
const TESTS = [{ documentation: "us-east-1", params: { Region: "us-east-1" }, expect: { endpoint: { url: "https://widgets.us-east-1.example.com" } } }];

const emit = (traits: Record<string, unknown>) => {
  const ir = load({}, { serviceTraits: { ...SIGV4, ...traits } });
  return { ir, files: Object.fromEntries(emitClient(ir, { version: "0.0.0" }).map((file) => [file.path, file.contents])) };
};

describe("with smithy.rules#endpointRuleSet", () => {
  const { ir, files } = emit({ "smithy.rules#endpointRuleSet": RULE_SET, "smithy.rules#endpointTests": { version: "1.0", testCases: TESTS } });

  it("the loader carries the rule set and the test cases as the model states them", () => {
    expect(ir.service.endpointRuleSet).toEqual(RULE_SET);
    expect(ir.service.endpointTests).toEqual(TESTS);
  });

  it("emits the rule set without its parameters' and rules' documentation, and each built-in's parameter", () => {
    const text = files["endpoint-rules.ts"]!;
    // The engine and the AWS functions come from the packages the AWS SDKs use, imported here only.
    expect(text).toContain('import { awsEndpointFunctions } from "@aws-sdk/core/client";');
    expect(text).toContain('import { customEndpointFunctions, resolveEndpoint as evaluateRuleSet, type RuleSetObject } from "@smithy/core/endpoints";');
    expect(text).toContain('import { ruleSetResolver } from "../runtime/endpoint-rules.js";');
    expect(text).toContain("customEndpointFunctions.aws = awsEndpointFunctions;");
    const literal = /const ruleSet: RuleSetObject = (\{[\s\S]*?\});\n/.exec(text)?.[1];
    // The printer writes a JSON literal; a JSON reading of it is the data the runtime gets.
    const data = JSON.parse(literal!) as EndpointRuleSet;
    expect(data.parameters.Region).toEqual({ type: "String", builtIn: "AWS::Region", required: false });
    expect(JSON.stringify(data.rules)).not.toContain("With a region");
    expect(JSON.stringify(data.rules)).not.toContain("The regional endpoint");
    expect(JSON.stringify(data.rules)).toContain("a property, kept");
    expect(text).toContain('export const resolveEndpoint = ruleSetResolver(evaluateRuleSet, ruleSet, {"region":"Region","useFipsEndpoint":"UseFIPS","useDualstackEndpoint":"UseDualStack","endpoint":"Endpoint"});');
  });

  it("the service description hands the runtime that resolver", () => {
    expect(files["operations.ts"]).toContain('import { resolveEndpoint } from "./endpoint-rules.js";');
    expect(files["operations.ts"]).toMatch(/errors: modeledErrors,\n\s*resolveEndpoint,\n\s*\};/);
  });

  it("binds parameters by built-in, whatever the model names them", () => {
    const renamed: EndpointRuleSet = { ...RULE_SET, parameters: { AwsRegion: RULE_SET.parameters.Region!, Fips: RULE_SET.parameters.UseFIPS! } };
    expect(emit({ "smithy.rules#endpointRuleSet": renamed }).files["endpoint-rules.ts"]).toContain('ruleSetResolver(evaluateRuleSet, ruleSet, {"region":"AwsRegion","useFipsEndpoint":"Fips"})');
  });

  it("refuses a required parameter the client cannot fill, naming it and its built-in", () => {
    const bucket: EndpointRuleSet = {
      ...RULE_SET,
      parameters: { ...RULE_SET.parameters, Bucket: { type: "String", required: true }, AccountId: { type: "String", builtIn: "AWS::Auth::AccountId", required: true }, ForcePathStyle: { type: "Boolean", builtIn: "AWS::S3::ForcePathStyle", required: true, default: false } },
    };
    expect(() => emit({ "smithy.rules#endpointRuleSet": bucket })).toThrow(
      "test.ns#TestService: its endpoint rule set requires Bucket (no built-in), AccountId (built-in AWS::Auth::AccountId) with no default; the client fills only the built-ins AWS::Region, AWS::UseFIPS, AWS::UseDualStack, SDK::Endpoint.",
    );
  });
});

describe("without a rule set", () => {
  const { ir, files } = emit({});

  it("no endpoint-rules file, no resolver in the service description, nothing in the IR", () => {
    expect(Object.keys(files).sort()).toEqual(["client.ts", "errors.ts", "operations.ts", "paginators.ts"]);
    expect(files["operations.ts"]).not.toContain("resolveEndpoint");
    expect(ir.service).not.toHaveProperty("endpointRuleSet");
    expect(ir.service).not.toHaveProperty("endpointTests");
  });
});
