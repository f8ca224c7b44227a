// The client target's endpoint rules (codegen/src/targets/endpoint-rules.ts): the loader
// carries the rule set and its tests into the IR; a service with a rule set gets
// generated/endpoint-rules.ts (the rules as data, documentation left out, each parameter
// bound by its built-in) and hands its resolver to the runtime; the service's
// clientContextParams become typed client options, an operation's staticContextParams,
// contextParam members and operationContextParams paths a function of its input; a service
// without one gets what it got before; a parameter the client cannot fill, or a path outside
// the JMESPath subset AWS models use, is refused at generation.
import { describe, expect, it } from "vitest";
import type { EndpointRuleSet, StructureShape } from "../../../../codegen/src/ir/types.js";
import { emitClient } from "../../../../codegen/src/targets/client.js";
import { load } from "../../../support/ir.js";
import { REPO_LAYOUT } from "../../../support/repo-layout.js";

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
  return { ir, files: Object.fromEntries(emitClient(ir, { version: "0.0.0", imports: REPO_LAYOUT.imports }).map((file) => [file.path, file.contents])) };
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
    // The bindings are typed by the runtime's own RuleSetBindings, not by a copy of it.
    expect(text).toContain('import { ruleSetResolver, type RuleSetBindings } from "../runtime/endpoint-rules.js";');
    expect(text).toContain('customEndpointFunctions["aws"] = awsEndpointFunctions;');
    const literal = /const ruleSet: RuleSetObject = (\{[\s\S]*?\});\n/.exec(text)?.[1];
    // The printer writes a JSON literal; a JSON reading of it is the data the runtime gets.
    const data = JSON.parse(literal!) as EndpointRuleSet;
    expect(data.parameters.Region).toEqual({ type: "String", builtIn: "AWS::Region", required: false });
    expect(JSON.stringify(data.rules)).not.toContain("With a region");
    expect(JSON.stringify(data.rules)).not.toContain("The regional endpoint");
    expect(JSON.stringify(data.rules)).toContain("a property, kept");
    expect(text).toContain('const bindings: RuleSetBindings = {"region":"Region","useFipsEndpoint":"UseFIPS","useDualstackEndpoint":"UseDualStack","endpoint":"Endpoint"};');
    expect(text).toContain("export const resolveEndpoint = ruleSetResolver(evaluateRuleSet, ruleSet, bindings);");
    expect(text).not.toMatch(/interface \w*Bindings/);
  });

  it("the service description hands the runtime that resolver", () => {
    expect(files["operations.ts"]).toContain('import { resolveEndpoint } from "./endpoint-rules.js";');
    expect(files["operations.ts"]).toMatch(/errors: modeledErrors,\n\s*resolveEndpoint,\n\s*\};/);
  });

  it("binds parameters by built-in, whatever the model names them", () => {
    const renamed: EndpointRuleSet = { ...RULE_SET, parameters: { AwsRegion: RULE_SET.parameters.Region!, Fips: RULE_SET.parameters.UseFIPS! } };
    expect(emit({ "smithy.rules#endpointRuleSet": renamed }).files["endpoint-rules.ts"]).toContain('const bindings: RuleSetBindings = {"region":"AwsRegion","useFipsEndpoint":"Fips"};');
  });

  it("refuses a required parameter nothing fills, naming it and its built-in", () => {
    const bucket: EndpointRuleSet = {
      ...RULE_SET,
      parameters: { ...RULE_SET.parameters, Bucket: { type: "String", required: true }, Partition: { type: "String", builtIn: "AWS::Unknown::Partition", required: true }, AccountId: { type: "String", builtIn: "AWS::Auth::AccountId", required: true } },
    };
    expect(() => emit({ "smithy.rules#endpointRuleSet": bucket })).toThrow(
      "test.ns#TestService: its endpoint rule set requires Bucket (no built-in, clientContextParams entry or operation binding), Partition (built-in AWS::Unknown::Partition) with no default; the client fills the built-ins AWS::Region, AWS::UseFIPS, AWS::UseDualStack, SDK::Endpoint, AWS::Auth::AccountId, AWS::Auth::CredentialScope, AWS::Auth::AccountIdEndpointMode, AWS::UseGlobalEndpoint, AWS::STS::UseGlobalEndpoint, AWS::S3::UseGlobalEndpoint, AWS::S3::Accelerate, AWS::S3::ForcePathStyle, AWS::S3::DisableMultiRegionAccessPoints, AWS::S3::UseArnRegion, AWS::S3Control::UseArnRegion, AWS::S3::DisableS3ExpressSessionAuth, the service's clientContextParams and the operations' context parameters.",
    );
  });
});

describe("parameters bound by client options, credentials and each operation", () => {
  const PARAMETERS: EndpointRuleSet["parameters"] = {
    ...RULE_SET.parameters,
    Tier: { type: "String", required: true, default: "standard", documentation: "The rule set's own words." },
    ForcePathStyle: { type: "Boolean", builtIn: "AWS::S3::ForcePathStyle", required: true, default: false },
    AccountId: { type: "String", builtIn: "AWS::Auth::AccountId", required: false },
    Widget: { type: "String", required: true },
    Fast: { type: "Boolean", required: false },
    Zones: { type: "stringArray", required: false },
    Parts: { type: "stringArray", required: false },
    Owner: { type: "String", required: false },
    Labels: { type: "stringArray", required: false },
  };
  const traits = (parameters = PARAMETERS): Record<string, unknown> => ({
    "smithy.rules#endpointRuleSet": { ...RULE_SET, parameters },
    "smithy.rules#clientContextParams": { Tier: { type: "string", documentation: "Which tier's endpoints to use." } },
  });
  const shapes = (paths: Record<string, { path: string }> = { Zones: { path: "zones[*]" }, Parts: { path: "parts[*].name" }, Owner: { path: "owner.name" }, Labels: { path: "keys(labels)" } }) => ({
    Op: {
      type: "operation" as const,
      input: { target: "test.ns#Input" },
      output: { target: "smithy.api#Unit" },
      traits: { "smithy.rules#staticContextParams": { Fast: { value: true } }, "smithy.rules#operationContextParams": paths },
    },
    Input: {
      type: "structure" as const,
      members: {
        "widget-id": { target: "smithy.api#String", traits: { "smithy.rules#contextParam": { name: "Widget" } } },
        zones: { target: "test.ns#Zones" },
        parts: { target: "test.ns#Parts" },
        owner: { target: "test.ns#Owner" },
        labels: { target: "test.ns#Labels" },
      },
    },
    Zones: { type: "list" as const, member: { target: "smithy.api#String" } },
    Parts: { type: "list" as const, member: { target: "test.ns#Part" } },
    Part: { type: "structure" as const, members: { name: { target: "smithy.api#String" } } },
    Owner: { type: "structure" as const, members: { name: { target: "smithy.api#String" } } },
    Labels: { type: "map" as const, key: { target: "smithy.api#String" }, value: { target: "smithy.api#String" } },
  });
  const emitWith = (shapesGiven = shapes(), serviceTraits = traits()) => {
    const ir = load(shapesGiven, { serviceTraits: { ...SIGV4, ...serviceTraits } });
    return { ir, files: Object.fromEntries(emitClient(ir, { version: "0.0.0", imports: REPO_LAYOUT.imports }).map((file) => [file.path, file.contents])) };
  };

  it("the loader carries each binding as the model states it", () => {
    const { ir } = emitWith();
    expect(ir.service.clientContextParams).toEqual({ Tier: { type: "string", documentation: "Which tier's endpoints to use." } });
    expect(ir.operations[0]).toMatchObject({ staticContextParams: { Fast: true }, operationContextParams: { Zones: "zones[*]", Parts: "parts[*].name", Owner: "owner.name", Labels: "keys(labels)" } });
    expect((ir.shapes.get("test.ns#Input") as StructureShape).members.find((member) => member.name === "widget-id")).toMatchObject({ contextParam: "Widget" });
  });

  it("each operation's parameters as a function of its input, paths written as smithy-typescript writes them", () => {
    const text = emitWith().files["endpoint-rules.ts"]!;
    // StringArray parameters are outside @smithy/types' RuleSetObject, so the data is asserted to be one.
    expect(text).toMatch(/\nconst ruleSet = \{"version":"1\.0",.*"type":"stringArray".*\} as unknown as RuleSetObject;\n/);
    expect(text).toContain('import { type Input } from "@codepipeline-partner/types";');
    expect(text).toContain(
      'const bindings: RuleSetBindings = { "region":"Region","useFipsEndpoint":"UseFIPS","useDualstackEndpoint":"UseDualStack","endpoint":"Endpoint",' +
        '"options":{"tier":"Tier","forcePathStyle":"ForcePathStyle"},"credentials":{"accountId":"AccountId"}, "operations": { "Op": (input: Input) => ({ ' +
        '"Fast": true, "Widget": input["widget-id"], "Zones": input.zones, "Parts": input.parts?.map((item) => item?.name), "Owner": input.owner?.name, "Labels": Object.keys(input.labels ?? {}) }) } };',
    );
  });

  it("the client options are typed and documented, and the client's configuration takes them", () => {
    const { files } = emitWith();
    expect(files["endpoint-rules.ts"]).toContain(
      [
        "/** Client options the endpoint rule set reads, as the AWS SDKs name them. */",
        "export interface EndpointRulesConfig {",
        "    /**",
        "     * Which tier's endpoints to use.",
        '     * The rule set\'s `Tier`; default "standard".',
        "     */",
        "    tier?: string;",
        "    /**",
        "     * Put the bucket in the path, not in the host name.",
        "     * The rule set's `ForcePathStyle`; default false.",
        "     */",
        "    forcePathStyle?: boolean;",
        "}",
      ].join("\n"),
    );
    expect(files["client.ts"]).toContain('import { type EndpointRulesConfig } from "./endpoint-rules.js";');
    expect(files["client.ts"]).toContain("export function createWidgetsClient(config: ClientConfig & EndpointRulesConfig = {}): Client {");
    expect(files["client.ts"]).toContain("constructor(config: ClientConfig & EndpointRulesConfig = {}) {");
    // Without options, the configuration is the client's own.
    expect(emit({ "smithy.rules#endpointRuleSet": RULE_SET }).files["client.ts"]).not.toContain("EndpointRulesConfig");
  });

  it("the account ID endpoint mode is the runtime's to read (the SDK's values and default); options the SDKs read from the environment name their variable", () => {
    const parameters: EndpointRuleSet["parameters"] = {
      ...RULE_SET.parameters,
      AccountIdEndpointMode: { type: "String", builtIn: "AWS::Auth::AccountIdEndpointMode", required: false },
      UseArnRegion: { type: "Boolean", builtIn: "AWS::S3::UseArnRegion", required: false },
      DisableMultiRegionAccessPoints: { type: "Boolean", builtIn: "AWS::S3::DisableMultiRegionAccessPoints", required: true, default: false },
      DisableS3ExpressSessionAuth: { type: "Boolean", builtIn: "AWS::S3::DisableS3ExpressSessionAuth", required: false },
      Accelerate: { type: "Boolean", builtIn: "AWS::S3::Accelerate", required: true, default: false },
    };
    const text = emit({ "smithy.rules#endpointRuleSet": { ...RULE_SET, parameters } }).files["endpoint-rules.ts"]!;
    expect(text).toContain(
      'const bindings: RuleSetBindings = {"region":"Region","useFipsEndpoint":"UseFIPS","useDualstackEndpoint":"UseDualStack","endpoint":"Endpoint","accountIdEndpointMode":"AccountIdEndpointMode",' +
        '"options":{"useArnRegion":"UseArnRegion","disableMultiregionAccessPoints":"DisableMultiRegionAccessPoints","disableS3ExpressSessionAuth":"DisableS3ExpressSessionAuth","useAccelerateEndpoint":"Accelerate"},' +
        '"environment":{"useArnRegion":"AWS_S3_USE_ARN_REGION","disableMultiregionAccessPoints":"AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS","disableS3ExpressSessionAuth":"AWS_S3_DISABLE_EXPRESS_SESSION_AUTH"}};',
    );
    expect(text).toContain('    accountIdEndpointMode?: "disabled" | "preferred" | "required";');
    expect(text).toContain("Default: the AWS_ACCOUNT_ID_ENDPOINT_MODE environment variable, else `preferred`, as in the AWS SDKs.");
  });

  it.each([
    ["a filter", "parts[?name == 'a'].name", 'has a step, "parts[?name == \'a\']", that is not a member name'],
    ["a function other than keys", "length(zones)", 'has a step, "length(zones)", that is not a member name'],
    ["two projections", "parts[*].names[*].value", "has more than one [*] projection"],
    ["a projection inside keys()", "keys(parts[*].labels)", "projects inside keys()"],
    ["an empty step", "owner..name", "has an empty step"],
  ])("refuses an operationContextParams path with %s, naming the operation and the expression", (_, path, why) => {
    expect(() => emitWith(shapes({ Owner: { path } }))).toThrow(
      `test.ns#Op: trait smithy.rules#operationContextParams: Owner's path "${path}" ${why}; the client supports member paths (a.b), one [*] projection (a[*].b) and keys(a.b).`,
    );
  });

  it("refuses a binding to a parameter the rule set does not have, and an option that would shadow the client's own", () => {
    const { Widget: _, ...withoutWidget } = PARAMETERS;
    expect(() => emitWith(shapes(), traits(withoutWidget))).toThrow("test.ns#Input$widget-id: trait smithy.rules#contextParam binds 'Widget', which the endpoint rule set has no parameter of.");
    expect(() =>
      emitWith(shapes(), { ...traits({ ...PARAMETERS, Fetch: { type: "Boolean", required: false } }), "smithy.rules#clientContextParams": { Fetch: { type: "boolean" } } }),
    ).toThrow("test.ns#TestService: trait smithy.rules#clientContextParams: 'Fetch' would be the client option 'fetch', which the client already has for another purpose.");
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
