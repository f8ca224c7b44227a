// The resolver for a model's own endpoint rule set (packages/client/src/runtime/endpoint-rules.ts),
// run on the rule set and endpoint tests of the partner-artifact-store fixture as the model
// states them (no Smithy build needed to read a trait), then on what the client adds around
// the rules: the configuration and environment read as for the standard rules, an explicit
// endpoint, a rule's error as a TypeError naming the region, a signing region from the
// endpoint's auth scheme. The generated client's use of it is tested with the generated
// packages in test/partner-artifact-store.test.ts.
import { awsEndpointFunctions } from "@aws-sdk/core/client";
import { customEndpointFunctions, resolveEndpoint as evaluateRuleSet, type RuleSetObject } from "@smithy/core/endpoints";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EndpointRuleSet, EndpointTestCase } from "../../../../../codegen/src/ir/types.js";
import { ruleSetResolver, type RuleSetBindings } from "../../../../../packages/client/src/runtime/endpoint-rules.js";
import type { EndpointConfig, Environment } from "../../../../../packages/client/src/runtime/endpoints.js";
import { loadSdkPartitionsInfo, sdkPartitions, type PartitionsInfo } from "../../../../support/aws-partitions.js";
import { REPO_ROOT } from "../../../../support/repo.js";

const model = JSON.parse(readFileSync(path.join(REPO_ROOT, "test/fixtures/partner-artifact-store/partner-artifact-store.json"), "utf8")) as {
  shapes: Record<string, { traits?: Record<string, unknown> }>;
};
const traits = model.shapes["com.example.partnerartifacts#PartnerArtifactStore_20261201"]!.traits!;
const ruleSet = traits["smithy.rules#endpointRuleSet"] as EndpointRuleSet;
const testCases = (traits["smithy.rules#endpointTests"] as { testCases: EndpointTestCase[] }).testCases;
/** The fixture's parameters are named as most AWS models name them. */
const BINDINGS: RuleSetBindings = { region: "Region", useFipsEndpoint: "UseFIPS", useDualstackEndpoint: "UseDualStack", endpoint: "Endpoint" };
// As the generated endpoint-rules module does: the SDK's aws.* functions for the engine.
customEndpointFunctions.aws = awsEndpointFunctions;
const resolve = ruleSetResolver(evaluateRuleSet, ruleSet as RuleSetObject, BINDINGS);
const PREFIX = "partnerartifacts";

/** A test case's parameters as the client's configuration. */
function configOf(params: Record<string, unknown> = {}): EndpointConfig {
  return {
    region: params.Region as string | undefined,
    useFipsEndpoint: params.UseFIPS as boolean | undefined,
    useDualstackEndpoint: params.UseDualStack as boolean | undefined,
    endpoint: params.Endpoint as string | undefined,
  };
}

describe("the model's endpointTests", () => {
  it.each(testCases.map((testCase) => [testCase.documentation ?? JSON.stringify(testCase.params), testCase] as const))("%s", (_, testCase) => {
    const run = () => resolve(configOf(testCase.params), PREFIX, {});
    if (testCase.expect.error !== undefined) {
      expect(run).toThrow(TypeError);
      expect(run).toThrow(testCase.expect.error);
    } else {
      expect(run().url.href).toBe(new URL(testCase.expect.endpoint!.url).href);
    }
  });

  it("cover every partition, errors and an explicit endpoint", () => {
    expect(testCases.length).toBeGreaterThan(30);
    expect(testCases.some((testCase) => testCase.expect.error)).toBe(true);
    expect(testCases.some((testCase) => testCase.params?.Endpoint)).toBe(true);
  });
});

describe("around the rules", () => {
  it("a rule's error is a TypeError naming the region, the settings and the rule's message", () => {
    expect(() => resolve({ region: "us-east-1", useFipsEndpoint: true, endpoint: "https://example.com" }, PREFIX, {})).toThrow(
      new TypeError("The service's endpoint rules give no endpoint for region us-east-1 with useFipsEndpoint, endpoint https://example.com: Invalid Configuration: FIPS and custom endpoint are not supported"),
    );
    expect(() => resolve({}, PREFIX, {})).toThrow(
      new TypeError(
        "The service's endpoint rules give no endpoint for no region: Invalid Configuration: Missing Region (Give the client a `region` (such as us-east-1), set AWS_REGION, or give it an `endpoint`.)",
      ),
    );
  });

  it("the region and the flags come from the environment when the configuration leaves them out", () => {
    const env: Environment = { AWS_REGION: "cn-north-1", AWS_USE_FIPS_ENDPOINT: "true", AWS_USE_DUALSTACK_ENDPOINT: "true" };
    expect(resolve({}, PREFIX, env)).toEqual({ url: new URL("https://partnerartifacts-fips.cn-north-1.api.amazonwebservices.com.cn"), region: "cn-north-1" });
    expect(resolve({ region: "eu-west-1", useFipsEndpoint: false }, PREFIX, env).url.href).toBe("https://partnerartifacts.eu-west-1.api.aws/");
    expect(resolve({}, PREFIX, { AWS_DEFAULT_REGION: "eu-isoe-west-1" }).url.href).toBe("https://partnerartifacts.eu-isoe-west-1.cloud.adc-e.uk/");
    expect(() => resolve({ region: "us-east-1" }, PREFIX, { AWS_USE_FIPS_ENDPOINT: "yes" })).toThrow(new TypeError('AWS_USE_FIPS_ENDPOINT must be "true" or "false", not "yes".'));
  });

  it("a FIPS pseudo-region is its region with FIPS, signed for the region", () => {
    expect(resolve({ region: "fips-us-gov-west-1" }, PREFIX, {})).toEqual({ url: new URL("https://partnerartifacts-fips.us-gov-west-1.amazonaws.com"), region: "us-gov-west-1" });
    expect(resolve({ region: "us-east-1-fips" }, PREFIX, {}).url.href).toBe("https://partnerartifacts-fips.us-east-1.amazonaws.com/");
    expect(() => resolve({ region: "us east 1" }, PREFIX, {})).toThrow(new TypeError('region "us east 1" is not a valid AWS Region name (such as us-east-1).'));
  });

  it("an explicit endpoint goes to the rules as Endpoint, keeps its path, and overrides the environment's flags", () => {
    const env: Environment = { AWS_REGION: "eu-west-1", AWS_USE_FIPS_ENDPOINT: "true", AWS_USE_DUALSTACK_ENDPOINT: "true" };
    expect(resolve({ endpoint: "http://127.0.0.1:8080/prod" }, PREFIX, env)).toEqual({ url: new URL("http://127.0.0.1:8080/prod"), region: "eu-west-1" });
    // No region anywhere: one in the endpoint's host name signs, as with the standard rules.
    expect(resolve({ endpoint: "https://partnerartifacts.ap-south-2.example.com" }, PREFIX, {}).region).toBe("ap-south-2");
    expect(() => resolve({ endpoint: "ftp://example.com" }, PREFIX, {})).toThrow(new TypeError("endpoint must be an http or https URL, not ftp://example.com"));
  });

  it("the signing region is the one the endpoint's SigV4 auth scheme names, when it names one", () => {
    const global: RuleSetObject = {
      version: "1.0",
      parameters: { Region: { type: "String", builtIn: "AWS::Region", required: true } },
      rules: [
        {
          type: "endpoint",
          conditions: [{ fn: "stringEquals", argv: [{ ref: "Region" }, "aws-global"] }],
          endpoint: { url: "https://partnerartifacts.amazonaws.com", properties: { authSchemes: [{ name: "sigv4", signingName: "partnerartifacts", signingRegion: "us-east-1" }] } },
        },
        { type: "endpoint", conditions: [], endpoint: { url: "https://partnerartifacts.{Region}.amazonaws.com" } },
      ],
    };
    const resolveGlobal = ruleSetResolver(evaluateRuleSet, global, { region: "Region" });
    expect(resolveGlobal({ region: "aws-global" }, PREFIX, {})).toEqual({ url: new URL("https://partnerartifacts.amazonaws.com"), region: "us-east-1" });
    expect(resolveGlobal({ region: "eu-west-1" }, PREFIX, {})).toEqual({ url: new URL("https://partnerartifacts.eu-west-1.amazonaws.com"), region: "eu-west-1" });
  });

  describe("aws.partition reads the SDK's partitions data (swapped here for one with a partition without FIPS)", () => {
    const info = loadSdkPartitionsInfo();
    const synthetic: PartitionsInfo = {
      ...info,
      partitions: [
        ...info.partitions,
        {
          id: "zz-nofips",
          regionRegex: "^zz\\-nofips\\-\\d+$",
          regions: { "zz-nofips-1": { description: "zz-nofips-1" } },
          outputs: { name: "zz-nofips", dnsSuffix: "nofips.example", dualStackDnsSuffix: "api.nofips.example", supportsFIPS: false, supportsDualStack: true, implicitGlobalRegion: "zz-nofips-1" },
        },
      ],
    };
    beforeEach(() => sdkPartitions.setPartitionInfo(synthetic));
    afterEach(() => sdkPartitions.useDefaultPartitionInfo());

    it("so a region of a partition without FIPS gets the rule's error with FIPS, and its suffix without", () => {
      expect(resolve({ region: "zz-nofips-2" }, PREFIX, {}).url.href).toBe("https://partnerartifacts.zz-nofips-2.nofips.example/");
      expect(() => resolve({ region: "zz-nofips-1", useFipsEndpoint: true }, PREFIX, {})).toThrow(
        new TypeError("The service's endpoint rules give no endpoint for region zz-nofips-1 with useFipsEndpoint: FIPS is enabled but this partition does not support FIPS"),
      );
    });
  });
});
