// The resolver for a model's own endpoint rule set (packages/client/src/runtime/endpoint-rules.ts),
// run on the rule set and endpoint tests of the partner-artifact-store fixture as the model
// states them (no Smithy build needed to read a trait), then on what the client adds around
// the rules: the configuration and environment read as for the standard rules, an explicit
// endpoint, a rule's error as a TypeError naming the region, the signing name and region
// from the endpoint's auth scheme, its headers, the parameters a call binds (from its input,
// from the credentials' account ID). The generated client's use of it is tested with the
// generated packages in test/partner-artifact-store.test.ts.
import { NODE_ACCOUNT_ID_ENDPOINT_MODE_CONFIG_OPTIONS, resolveAccountIdEndpointModeConfig } from "@aws-sdk/core/account-id-endpoint";
import { awsEndpointFunctions } from "@aws-sdk/core/client";
import { booleanSelector, loadConfig, SelectorType } from "@smithy/core/config";
import { customEndpointFunctions, resolveEndpoint as evaluateRuleSet, type RuleSetObject } from "@smithy/core/endpoints";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ALWAYS_UNSIGNABLE_HEADERS, UNSIGNABLE_PATTERNS } from "@smithy/signature-v4";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
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
/** The built-ins' parameters are named as most AWS models name them; its client context parameter is an option. */
const CONFIG_BINDINGS: RuleSetBindings = { region: "Region", useFipsEndpoint: "UseFIPS", useDualstackEndpoint: "UseDualStack", endpoint: "Endpoint", options: { disableRepositoryEndpoints: "DisableRepositoryEndpoints" } };
/** The parameters the fixture's operations bind, given here as the input of an operation that binds them as they are. */
const CALL_PARAMS = ["DataPlane", "RepositoryName", "ArtifactKeys"];
const BINDINGS: RuleSetBindings = { ...CONFIG_BINDINGS, operations: { Call: ((input: Record<string, unknown>) => input) as never } };
// As the generated endpoint-rules module does: the SDK's aws.* functions for the engine.
customEndpointFunctions.aws = awsEndpointFunctions;
const resolve = ruleSetResolver(evaluateRuleSet, ruleSet as RuleSetObject, BINDINGS);
/** The same rule set with only the client's configuration bound: resolved once, when the client is created. */
const resolveOnce = ruleSetResolver(evaluateRuleSet, ruleSet as RuleSetObject, CONFIG_BINDINGS);
const PREFIX = "partnerartifacts";

/** A test case's parameters as the client's configuration. */
function configOf(params: Record<string, unknown> = {}): EndpointConfig {
  return {
    region: params.Region as string | undefined,
    useFipsEndpoint: params.UseFIPS as boolean | undefined,
    useDualstackEndpoint: params.UseDualStack as boolean | undefined,
    endpoint: params.Endpoint as string | undefined,
    ...(params.DisableRepositoryEndpoints !== undefined ? { disableRepositoryEndpoints: params.DisableRepositoryEndpoints } : {}),
  } as EndpointConfig;
}

const credentials = async () => ({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" });
const fromCall = (params: Record<string, unknown> = {}) => Object.fromEntries(CALL_PARAMS.filter((name) => name in params).map((name) => [name, params[name]]));

describe("the model's endpointTests", () => {
  it.each(testCases.map((testCase) => [testCase.documentation ?? JSON.stringify(testCase.params), testCase] as const))("%s", async (_, testCase) => {
    const run = async () => resolve(configOf(testCase.params), PREFIX, {}).forCall("Call", fromCall(testCase.params), credentials);
    if (testCase.expect.error !== undefined) {
      await expect(run()).rejects.toThrow(TypeError);
      await expect(run()).rejects.toThrow(testCase.expect.error);
      return;
    }
    const { url, properties, headers } = testCase.expect.endpoint!;
    const call = await run();
    expect(call.url).toBe(new URL(url).href);
    // The endpoint's headers are sent, named in lower case, values joined as the SDKs join them.
    expect(call.headers).toEqual(headers && Object.keys(headers).length > 0 ? Object.fromEntries(Object.entries(headers).map(([name, values]) => [name.toLowerCase(), values.join(", ")])) : undefined);
    // Of the auth schemes (SigV4a first, then SigV4), SigV4's signing name and region.
    const sigv4 = (properties?.authSchemes as Array<{ name: string; signingName?: string; signingRegion?: string }> | undefined)?.find((scheme) => scheme.name === "sigv4");
    expect(call.signingName).toBe(sigv4?.signingName);
    if (sigv4) expect(call.region).toBe(sigv4.signingRegion);
  });

  it("cover every partition, errors, an explicit endpoint, and the parameters a call binds", () => {
    expect(testCases.length).toBeGreaterThan(30);
    expect(testCases.some((testCase) => testCase.expect.error)).toBe(true);
    expect(testCases.some((testCase) => testCase.params?.Endpoint)).toBe(true);
    for (const name of [...CALL_PARAMS, "DisableRepositoryEndpoints"]) expect(testCases.some((testCase) => testCase.params?.[name] !== undefined), name).toBe(true);
    expect(testCases.some((testCase) => (testCase.expect.endpoint?.properties?.authSchemes as unknown[] | undefined)?.length)).toBe(true);
  });
});

describe("around the rules", () => {
  it("a rule's error is a TypeError naming the region, the settings and the rule's message", () => {
    expect(() => resolveOnce({ region: "us-east-1", useFipsEndpoint: true, endpoint: "https://example.com" }, PREFIX, {})).toThrow(
      new TypeError("The service's endpoint rules give no endpoint for region us-east-1 with useFipsEndpoint, endpoint https://example.com: Invalid Configuration: FIPS and custom endpoint are not supported"),
    );
    expect(() => resolveOnce({}, PREFIX, {})).toThrow(
      new TypeError(
        "The service's endpoint rules give no endpoint for no region: Invalid Configuration: Missing Region (Give the client a `region` (such as us-east-1), set AWS_REGION, or give it an `endpoint`.)",
      ),
    );
  });

  it("the region and the flags come from the environment when the configuration leaves them out", () => {
    const env: Environment = { AWS_REGION: "cn-north-1", AWS_USE_FIPS_ENDPOINT: "true", AWS_USE_DUALSTACK_ENDPOINT: "true" };
    expect(resolveOnce({}, PREFIX, env)).toMatchObject({ url: new URL("https://partnerartifacts-fips.cn-north-1.api.amazonwebservices.com.cn"), region: "cn-north-1" });
    expect(resolveOnce({ region: "eu-west-1", useFipsEndpoint: false }, PREFIX, env).url.href).toBe("https://partnerartifacts.eu-west-1.api.aws/");
    expect(resolveOnce({}, PREFIX, { AWS_DEFAULT_REGION: "eu-isoe-west-1" }).url.href).toBe("https://partnerartifacts.eu-isoe-west-1.cloud.adc-e.uk/");
    expect(() => resolveOnce({ region: "us-east-1" }, PREFIX, { AWS_USE_FIPS_ENDPOINT: "yes" })).toThrow(new TypeError('AWS_USE_FIPS_ENDPOINT must be "true" or "false", not "yes".'));
  });

  it("a FIPS pseudo-region is its region with FIPS, signed for the region", () => {
    expect(resolveOnce({ region: "fips-us-gov-west-1" }, PREFIX, {})).toMatchObject({ url: new URL("https://partnerartifacts-fips.us-gov-west-1.amazonaws.com"), region: "us-gov-west-1" });
    expect(resolveOnce({ region: "us-east-1-fips" }, PREFIX, {}).url.href).toBe("https://partnerartifacts-fips.us-east-1.amazonaws.com/");
    expect(() => resolveOnce({ region: "us east 1" }, PREFIX, {})).toThrow(new TypeError('region "us east 1" is not a valid AWS Region name (such as us-east-1).'));
  });

  it("an explicit endpoint goes to the rules as Endpoint, keeps its path, and overrides the environment's flags", () => {
    const env: Environment = { AWS_REGION: "eu-west-1", AWS_USE_FIPS_ENDPOINT: "true", AWS_USE_DUALSTACK_ENDPOINT: "true" };
    expect(resolveOnce({ endpoint: "http://127.0.0.1:8080/prod" }, PREFIX, env)).toMatchObject({ url: new URL("http://127.0.0.1:8080/prod"), region: "eu-west-1" });
    // No region anywhere: one in the endpoint's host name signs, as with the standard rules.
    expect(resolveOnce({ endpoint: "https://partnerartifacts.ap-south-2.example.com" }, PREFIX, {}).region).toBe("ap-south-2");
    expect(() => resolveOnce({ endpoint: "ftp://example.com" }, PREFIX, {})).toThrow(new TypeError("endpoint must be an http or https URL, not ftp://example.com"));
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
    expect(resolveGlobal({ region: "aws-global" }, PREFIX, {})).toMatchObject({ url: new URL("https://partnerartifacts.amazonaws.com"), region: "us-east-1" });
    expect(resolveGlobal({ region: "eu-west-1" }, PREFIX, {})).toMatchObject({ url: new URL("https://partnerartifacts.eu-west-1.amazonaws.com"), region: "eu-west-1" });
    // Each call goes where the client resolved, signed as the scheme says (the service's name when it names none).
    expect(resolveGlobal({ region: "aws-global" }, PREFIX, {}).forCall("Any", {}, credentials)).toEqual({
      url: "https://partnerartifacts.amazonaws.com/",
      path: "/",
      host: "partnerartifacts.amazonaws.com",
      region: "us-east-1",
      signingName: "partnerartifacts",
    });
    expect(resolveGlobal({ region: "eu-west-1" }, PREFIX, {}).forCall("Any", {}, credentials)).not.toHaveProperty("signingName");
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
      expect(resolveOnce({ region: "zz-nofips-2" }, PREFIX, {}).url.href).toBe("https://partnerartifacts.zz-nofips-2.nofips.example/");
      expect(() => resolveOnce({ region: "zz-nofips-1", useFipsEndpoint: true }, PREFIX, {})).toThrow(
        new TypeError("The service's endpoint rules give no endpoint for region zz-nofips-1 with useFipsEndpoint: FIPS is enabled but this partition does not support FIPS"),
      );
    });
  });

  describe("parameters a call binds", () => {
    /** Endpoints per account when the credentials name one, with a scheme list and headers as AWS rule sets write them. */
    const perAccount: RuleSetObject = {
      version: "1.0",
      parameters: {
        Region: { type: "String", builtIn: "AWS::Region", required: true },
        AccountId: { type: "String", builtIn: "AWS::Auth::AccountId", required: false },
        Table: { type: "String", required: false },
        Legacy: { type: "Boolean", required: false },
      },
      rules: [
        {
          type: "endpoint",
          conditions: [{ fn: "isSet", argv: [{ ref: "Legacy" }] }],
          endpoint: { url: "https://legacy.example.com", properties: { authSchemes: [{ name: "sigv4a", signingName: "tables", signingRegionSet: ["*"] }] } },
        },
        {
          type: "endpoint",
          conditions: [{ fn: "isSet", argv: [{ ref: "AccountId" }] }, { fn: "isSet", argv: [{ ref: "Table" }] }],
          endpoint: {
            url: "https://{AccountId}.tables.{Region}.example.com/t",
            properties: { authSchemes: [{ name: "sigv4a", signingName: "tables", signingRegionSet: ["*"] }, { name: "sigv4", signingName: "tables", signingRegion: "{Region}" }] },
            headers: { "X-Table": ["{Table}"], "X-Pair": ["a", "b"] },
          },
        },
        { type: "endpoint", conditions: [], endpoint: { url: "https://tables.{Region}.example.com" } },
      ],
    };
    const resolveTables = ruleSetResolver(evaluateRuleSet, perAccount, {
      region: "Region",
      credentials: { accountId: "AccountId" },
      operations: { GetItem: ((input: { table?: string }) => ({ Table: input.table })) as never, Legacy: (() => ({ Legacy: true })) as never },
    });
    const withAccount = async () => ({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", accountId: "123456789012" });

    it("the input's members and the credentials' account ID; headers lower-cased, values joined; SigV4 picked after SigV4a", async () => {
      const client = resolveTables({ region: "eu-west-1" }, PREFIX, {});
      expect(await client.forCall("GetItem", { table: "orders" }, withAccount)).toEqual({
        url: "https://123456789012.tables.eu-west-1.example.com/t",
        path: "/t",
        host: "123456789012.tables.eu-west-1.example.com",
        region: "eu-west-1",
        signingName: "tables",
        headers: { "x-table": "orders", "x-pair": "a, b" },
      });
      // Without an account ID in the credentials, or without the member, the other rule.
      expect((await client.forCall("GetItem", { table: "orders" }, credentials)).url).toBe("https://tables.eu-west-1.example.com/");
      expect((await client.forCall("GetItem", {}, withAccount)).url).toBe("https://tables.eu-west-1.example.com/");
      // An operation that binds nothing of its own.
      expect((await client.forCall("ListTables", { table: "orders" }, withAccount)).url).toBe("https://tables.eu-west-1.example.com/");
    });

    it("an endpoint whose auth schemes leave out SigV4 is refused, naming the operation and the schemes", async () => {
      await expect(resolveTables({ region: "eu-west-1" }, PREFIX, {}).forCall("Legacy", {}, credentials)).rejects.toThrow(
        new TypeError("The service's endpoint rules give https://legacy.example.com/ for Legacy with the auth schemes sigv4a; this client signs with SigV4 (sigv4) only."),
      );
    });

    it("a rule's error for a call names the operation; when the rules need what only a call gives, creating the client does not refuse", async () => {
      const needsTable: RuleSetObject = {
        version: "1.0",
        parameters: { Region: { type: "String", builtIn: "AWS::Region", required: true }, Table: { type: "String", required: true } },
        rules: [{ type: "endpoint", conditions: [], endpoint: { url: "https://{Table}.{Region}.example.com" } }],
      };
      const client = ruleSetResolver(evaluateRuleSet, needsTable, { region: "Region", operations: { GetItem: ((input: { table?: string }) => ({ Table: input.table })) as never } })({ region: "eu-west-1" }, PREFIX, {});
      expect((await client.forCall("GetItem", { table: "orders" }, credentials)).url).toBe("https://orders.eu-west-1.example.com/");
      await expect(client.forCall("GetItem", {}, credentials)).rejects.toThrow(
        new TypeError("The service's endpoint rules give no endpoint for GetItem for region eu-west-1: Missing required parameter: 'Table'"),
      );
    });

    it("a client context parameter comes from the client option of its name", async () => {
      const off = resolveOnce({ region: "us-west-2", disableRepositoryEndpoints: true } as EndpointConfig, PREFIX, {});
      const on = resolve({ region: "us-west-2" }, PREFIX, {});
      const params = { DataPlane: true, RepositoryName: "build-outputs" };
      expect((await on.forCall("Call", params, credentials)).url).toBe("https://build-outputs.data.partnerartifacts.us-west-2.amazonaws.com/");
      expect((await resolve({ region: "us-west-2", disableRepositoryEndpoints: true } as EndpointConfig, PREFIX, {}).forCall("Call", params, credentials)).url).toBe("https://partnerartifacts.us-west-2.amazonaws.com/");
      expect(off.url.href).toBe("https://partnerartifacts.us-west-2.amazonaws.com/");
      // An operation that binds nothing of its own reuses the endpoint resolved at creation.
      const unbound = await on.forCall("ListRepositories", params, credentials);
      expect(unbound.url).toBe("https://partnerartifacts.us-west-2.amazonaws.com/");
      expect(await on.forCall("DescribeRepository", {}, credentials)).toBe(unbound);
    });
  });
});

describe("what the rules refuse, and what is a bug", () => {
  /** A rule set that calls a function no one registered: the engine's own Error, a bug of the rule set or its setup. */
  const broken: RuleSetObject = {
    version: "1.0",
    parameters: { Region: { type: "String", builtIn: "AWS::Region", required: true }, Table: { type: "String", required: false } },
    rules: [{ type: "endpoint", conditions: [{ fn: "aws.noSuchFunction", argv: [{ ref: "Region" }] }], endpoint: { url: "https://tables.{Region}.example.com" } }],
  };
  const operations = { GetItem: ((input: { table?: string }) => ({ Table: input.table })) as never };

  it("a bug is thrown as it is, not as a TypeError, and not put off when the client is created", async () => {
    const bug = "function aws.noSuchFunction not loaded in endpointFunctions.";
    // The endpoint may depend on the call, yet a bug is no refusal to decide again per call.
    const create = () => ruleSetResolver(evaluateRuleSet, broken, { region: "Region", operations })({ region: "eu-west-1" }, PREFIX, {});
    expect(create).toThrow(bug);
    expect(create).not.toThrow(TypeError);
    // Resolved once: the same.
    expect(() => ruleSetResolver(evaluateRuleSet, broken, { region: "Region" })({ region: "eu-west-1" }, PREFIX, {})).not.toThrow(TypeError);
  });

  it("a client option of the wrong type for its parameter is a TypeError naming the option, when the client is created", () => {
    expect(() => resolve({ region: "us-west-2", disableRepositoryEndpoints: "yes" } as EndpointConfig, PREFIX, {})).toThrow(
      new TypeError('disableRepositoryEndpoints (the rule set\'s DisableRepositoryEndpoints) must be a boolean, not "yes".'),
    );
  });

  it("an input that cannot give the operation's parameters is a TypeError naming the operation", async () => {
    const client = resolve({ region: "us-west-2" }, PREFIX, {});
    await expect(client.forCall("Call", { DataPlane: true, RepositoryName: 42 }, credentials)).rejects.toThrow(new TypeError("Call's input (the rule set's RepositoryName) must be a string, not 42."));
    await expect(client.forCall("Call", { DataPlane: true, RepositoryName: "r", ArtifactKeys: ["a", 7] }, credentials)).rejects.toThrow(
      new TypeError('Call\'s input (the rule set\'s ArtifactKeys) must be an array of strings, not ["a",7].'),
    );
    // A path through a member of the wrong shape (as the generated functions walk them: `input.keys?.map(...)`).
    const byPath = ruleSetResolver(evaluateRuleSet, ruleSet as RuleSetObject, { ...CONFIG_BINDINGS, operations: { CopyArtifact: ((input: { keys?: Array<{ key: string }> }) => ({ DataPlane: true, RepositoryName: "r", ArtifactKeys: input.keys?.map((item) => item?.key) })) as never } });
    const refusal = byPath({ region: "us-west-2" }, PREFIX, {}).forCall("CopyArtifact", { keys: "app/build.zip" }, credentials);
    await expect(refusal).rejects.toThrow(TypeError);
    await expect(refusal).rejects.toThrow(/^The service's endpoint rules give no endpoint for CopyArtifact for region us-west-2: its input does not give the rules' parameters \(.*map is not a function\)$/);
  });
});

describe("the endpoint's headers that SigV4 leaves unsigned", () => {
  /** Every header @smithy/signature-v4 never signs, a proxy-* and a sec-* one, and three it signs. */
  const unsignable = [...Object.keys(ALWAYS_UNSIGNABLE_HEADERS), "proxy-authorization", "sec-fetch-mode"];
  const signable = ["x-amz-repository", "content-language", "x-amzn-trace-id-extra"];
  const withHeaders: RuleSetObject = {
    version: "1.0",
    parameters: { Region: { type: "String", builtIn: "AWS::Region", required: true } },
    rules: [{ type: "endpoint", conditions: [], endpoint: { url: "https://tables.{Region}.example.com", headers: Object.fromEntries([...unsignable, ...signable].map((name) => [name.toUpperCase(), [`${name}-value`]])) } }],
  };

  it("are sent apart from the signed ones, told apart as @smithy/signature-v4 tells them", () => {
    const call = ruleSetResolver(evaluateRuleSet, withHeaders, { region: "Region" })({ region: "eu-west-1" }, PREFIX, {}).forCall("Any", {}, credentials) as Awaited<ReturnType<ReturnType<typeof resolve>["forCall"]>>;
    const smithySigns = (name: string) => !(name in ALWAYS_UNSIGNABLE_HEADERS) && !UNSIGNABLE_PATTERNS.some((pattern) => pattern.test(name));
    expect(Object.keys(call.headers!).sort()).toEqual(signable.filter(smithySigns).sort());
    expect(Object.keys(call.unsignedHeaders!).sort()).toEqual(unsignable.filter((name) => !smithySigns(name)).sort());
    expect(unsignable.every((name) => !smithySigns(name))).toBe(true);
    expect(call.unsignedHeaders!["user-agent"]).toBe("user-agent-value");
  });
});

describe("options the AWS SDKs read from the environment, as they read them", () => {
  /** The endpoint names what the rules were given, so the URL shows it. */
  const echo: RuleSetObject = {
    version: "1.0",
    parameters: {
      Region: { type: "String", builtIn: "AWS::Region", required: true },
      AccountIdEndpointMode: { type: "String", builtIn: "AWS::Auth::AccountIdEndpointMode", required: false },
      UseArnRegion: { type: "Boolean", builtIn: "AWS::S3::UseArnRegion", required: false },
    },
    rules: [
      { type: "endpoint", conditions: [{ fn: "isSet", argv: [{ ref: "UseArnRegion" }] }, { fn: "booleanEquals", argv: [{ ref: "UseArnRegion" }, true] }], endpoint: { url: "https://arn-true.mode-{AccountIdEndpointMode}.example.com" } },
      { type: "endpoint", conditions: [{ fn: "isSet", argv: [{ ref: "UseArnRegion" }] }], endpoint: { url: "https://arn-false.mode-{AccountIdEndpointMode}.example.com" } },
      { type: "endpoint", conditions: [{ fn: "isSet", argv: [{ ref: "AccountIdEndpointMode" }] }], endpoint: { url: "https://arn-unset.mode-{AccountIdEndpointMode}.example.com" } },
      { type: "endpoint", conditions: [], endpoint: { url: "https://arn-unset.mode-unset.example.com" } },
    ],
  };
  // As the generated module binds them (test/unit/codegen/targets/endpoint-rules.test.ts).
  const resolveEcho = ruleSetResolver(evaluateRuleSet, echo, {
    region: "Region",
    accountIdEndpointMode: "AccountIdEndpointMode",
    options: { useArnRegion: "UseArnRegion" },
    environment: { useArnRegion: "AWS_S3_USE_ARN_REGION" },
  });
  const ours = (config: Record<string, unknown>, env: Environment) => {
    try {
      const host = resolveEcho({ region: "us-east-1", ...config } as EndpointConfig, PREFIX, env).url.hostname;
      const [arn, mode] = host.split(".");
      return { useArnRegion: arn === "arn-true" ? true : arn === "arn-false" ? false : undefined, accountIdEndpointMode: mode === "mode-unset" ? undefined : mode!.slice("mode-".length) };
    } catch (error) {
      return { error: (error as Error).constructor.name };
    }
  };

  /** The AWS SDK for JavaScript v3 in Node.js: the option, else its NODE_*_CONFIG_OPTIONS (the environment; no config file here), then its resolver. */
  const sdk = async (config: Record<string, unknown>, env: Environment) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    try {
      const files = { filepath: "/nonexistent/credentials", configFilepath: "/nonexistent/config", ignoreCache: true };
      const { accountIdEndpointMode } = resolveAccountIdEndpointModeConfig({
        accountIdEndpointMode: (config.accountIdEndpointMode as "preferred" | undefined) ?? loadConfig(NODE_ACCOUNT_ID_ENDPOINT_MODE_CONFIG_OPTIONS, files),
      });
      // @aws-sdk/middleware-bucket-endpoint's NODE_USE_ARN_REGION_CONFIG_OPTIONS, as written there.
      const useArnRegion =
        (config.useArnRegion as boolean | undefined) ??
        (await loadConfig<boolean | undefined>({ environmentVariableSelector: (env) => booleanSelector(env, "AWS_S3_USE_ARN_REGION", SelectorType.ENV), configFileSelector: () => undefined, default: undefined }, files)());
      return { useArnRegion, accountIdEndpointMode: await accountIdEndpointMode() };
    } catch (error) {
      return { error: (error as Error).constructor.name };
    } finally {
      vi.unstubAllEnvs();
    }
  };

  beforeEach(() => {
    delete process.env.AWS_ACCOUNT_ID_ENDPOINT_MODE;
    delete process.env.AWS_S3_USE_ARN_REGION;
  });

  it.each<[string, Record<string, unknown>, Environment]>([
    ["nothing set: the mode defaults to preferred", {}, {}],
    ["the environment's mode", {}, { AWS_ACCOUNT_ID_ENDPOINT_MODE: "disabled" }],
    ["the option over the environment's mode", { accountIdEndpointMode: "required" }, { AWS_ACCOUNT_ID_ENDPOINT_MODE: "disabled" }],
    ["a mode that is none of the three, as the option (both refuse it)", { accountIdEndpointMode: "Preferred" }, {}],
    ["an empty mode in the environment (both refuse it)", {}, { AWS_ACCOUNT_ID_ENDPOINT_MODE: "" }],
    ["an empty flag in the environment: unset", {}, { AWS_S3_USE_ARN_REGION: "" }],
    ["the environment's flag, true", {}, { AWS_S3_USE_ARN_REGION: "true" }],
    ["the environment's flag, false", {}, { AWS_S3_USE_ARN_REGION: "false" }],
    ["the option over the environment's flag", { useArnRegion: false }, { AWS_S3_USE_ARN_REGION: "true" }],
    ["the option over the environment's flag, both modes set", { useArnRegion: true, accountIdEndpointMode: "disabled" }, { AWS_S3_USE_ARN_REGION: "false", AWS_ACCOUNT_ID_ENDPOINT_MODE: "required" }],
  ])("%s: as the SDK", async (_, config, env) => {
    const expected = await sdk(config, env);
    // The SDK refuses with an Error, this client with a TypeError, as it refuses any configuration.
    expect(ours(config, env)).toEqual("error" in expected ? { error: "TypeError" } : expected);
  });

  it("a variable the SDK ignores for its invalid value (falling back to the default) is refused, as this client refuses AWS_USE_FIPS_ENDPOINT=yes", async () => {
    expect(await sdk({}, { AWS_ACCOUNT_ID_ENDPOINT_MODE: "always", AWS_S3_USE_ARN_REGION: "yes" })).toEqual({ accountIdEndpointMode: "preferred", useArnRegion: undefined });
    expect(() => resolveEcho({ region: "us-east-1" }, PREFIX, { AWS_S3_USE_ARN_REGION: "yes" })).toThrow(new TypeError('AWS_S3_USE_ARN_REGION must be "true" or "false", not "yes".'));
  });

  it("a mode the SDK refuses, or ignores, is a TypeError naming where it came from", () => {
    expect(() => resolveEcho({ region: "us-east-1" }, PREFIX, { AWS_ACCOUNT_ID_ENDPOINT_MODE: "always" })).toThrow(
      new TypeError('AWS_ACCOUNT_ID_ENDPOINT_MODE must be "disabled", "preferred" or "required", not "always".'),
    );
    expect(() => resolveEcho({ region: "us-east-1", accountIdEndpointMode: "Preferred" } as EndpointConfig, PREFIX, {})).toThrow(
      new TypeError('accountIdEndpointMode must be "disabled", "preferred" or "required", not "Preferred".'),
    );
  });
});
