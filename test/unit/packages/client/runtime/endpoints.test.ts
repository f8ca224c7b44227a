// The client's endpoints against @aws-sdk/client-codepipeline's own endpoint provider (the
// rule set the SDK uses for CodePipeline, over the SDK's partitions data): every region
// of every partition, FIPS and dual-stack on and off, errors included; then the
// configuration around them (AWS_REGION, the AWS_USE_* flags, FIPS pseudo-regions, an
// explicit endpoint) against what the SDK client does with the same configuration.
import { awsJson1_1 } from "@codepipeline-partner/protocol-aws-json";
import { createRequire } from "node:module";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createClient, invoke, type ClientConfig, type ClientServiceDescription } from "../../../../../packages/client/src/runtime/client.js";
import { resolveEndpoint, standardEndpoint, type PartitionTable } from "../../../../../packages/client/src/runtime/endpoints.js";
import { loadSdkPartitionsInfo, partitionTable, sdkPartitions, type PartitionsInfo } from "../../../../support/aws-partitions.js";

// The CommonJS build, the one that reads the partitions data sdkPartitions swaps.
const require = createRequire(import.meta.url);
const Sdk = require("@aws-sdk/client-codepipeline") as typeof import("@aws-sdk/client-codepipeline");
const sdkEndpointProvider = new Sdk.CodePipelineClient({ region: "us-east-1" }).config.endpointProvider;

const PREFIX = "codepipeline";
const info = loadSdkPartitionsInfo();
type Flags = { useFipsEndpoint: boolean; useDualstackEndpoint: boolean };
const FLAGS: Flags[] = [
  { useFipsEndpoint: false, useDualstackEndpoint: false },
  { useFipsEndpoint: true, useDualstackEndpoint: false },
  { useFipsEndpoint: false, useDualstackEndpoint: true },
  { useFipsEndpoint: true, useDualstackEndpoint: true },
];

type Outcome = { url: string } | { error: string };

function sdk(region: string | undefined, flags: Flags, endpoint?: string): Outcome {
  try {
    const { url } = sdkEndpointProvider({ Region: region, UseFIPS: flags.useFipsEndpoint, UseDualStack: flags.useDualstackEndpoint, Endpoint: endpoint });
    return { url: url.href };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Our errors name the option and the region; the SDK's errors that say the same. */
const SDK_WORDING: Record<string, string> = {
  "useFipsEndpoint with useDualstackEndpoint: FIPS dual-stack": "FIPS and DualStack are enabled, but this partition does not support one or both",
  "useFipsEndpoint: FIPS": "FIPS is enabled but this partition does not support FIPS",
  "useDualstackEndpoint: dual-stack": "DualStack is enabled but this partition does not support DualStack",
};

function ours(region: string, flags: Flags, table?: PartitionTable): Outcome {
  try {
    return { url: new URL(standardEndpoint(PREFIX, region, flags.useFipsEndpoint, flags.useDualstackEndpoint, table)).href };
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    const message = (error as Error).message;
    expect(message).toContain(`in region ${region}, which is in the `);
    return { error: SDK_WORDING[message.slice(0, message.indexOf(" endpoints are not available"))] ?? message };
  }
}

describe("standardEndpoint against the SDK's endpoint provider", () => {
  const listed = info.partitions.flatMap((partition) => Object.keys(partition.regions).map((region) => [partition.id, region] as const));

  it.each(listed)("%s: %s, FIPS and dual-stack on and off", (_, region) => {
    for (const flags of FLAGS) expect(ours(region, flags), JSON.stringify(flags)).toEqual(sdk(region, flags));
  });

  it("has a region of every partition in its cases", () => {
    expect(new Set(listed.map(([id]) => id))).toEqual(new Set(info.partitions.map((partition) => partition.id)));
    expect(listed.length).toBeGreaterThan(40);
  });

  it("cn-north-1 and eu-isoe-west-1 get their partitions' suffixes", () => {
    expect(standardEndpoint(PREFIX, "cn-north-1", false, false)).toBe("https://codepipeline.cn-north-1.amazonaws.com.cn");
    expect(standardEndpoint(PREFIX, "eu-isoe-west-1", false, false)).toBe("https://codepipeline.eu-isoe-west-1.cloud.adc-e.uk");
    expect(standardEndpoint(PREFIX, "us-gov-west-1", true, true)).toBe("https://codepipeline-fips.us-gov-west-1.api.aws");
  });

  it.each(["xx-unknown-1", "us-east-99", "cn-south-7", "us-gov-central-3", "eusc-de-west-4", "eusc-fr-east-1", "aws-global", "US-EAST-1", "mars"])(
    "a region the data does not list, %s, resolves as in the SDK (by pattern, else the aws partition)",
    (region) => {
      for (const flags of FLAGS) expect(ours(region, flags), JSON.stringify(flags)).toEqual(sdk(region, flags));
    },
  );

  it("no region, and an explicit endpoint with FIPS or dual-stack, fail as in the SDK", () => {
    const resolve = (config: ClientConfig): Outcome => {
      try {
        return { url: resolveEndpoint(config, PREFIX, {}).url.href };
      } catch (error) {
        return { error: (error as Error).message };
      }
    };
    for (const flags of FLAGS) {
      expect(sdk(undefined, flags)).toEqual({ error: "Invalid Configuration: Missing Region" });
      expect(resolve(flags)).toEqual({ error: "Give the client a `region` (such as us-east-1), set AWS_REGION, or give it an `endpoint`." });
      const endpoint = "https://example.com/";
      const outcome = resolve({ ...flags, region: "cn-north-1", endpoint });
      const expected = sdk("cn-north-1", flags, endpoint);
      if ("url" in expected) expect(outcome).toEqual(expected);
      else expect("error" in outcome && outcome.error).toMatch(expected.error.includes("FIPS") ? /^useFipsEndpoint cannot be used with an explicit endpoint/ : /^useDualstackEndpoint cannot be used with an explicit endpoint/);
    }
  });

  describe("partitions without FIPS or dual-stack (the SDK's data swapped for one that has them)", () => {
    const partition = (id: string, regex: string, regions: string[], supports: { supportsFIPS: boolean; supportsDualStack: boolean }) => ({
      id,
      regionRegex: regex,
      regions: Object.fromEntries(regions.map((region) => [region, { description: region }])),
      outputs: { name: id, dnsSuffix: `${id}.example`, dualStackDnsSuffix: `api.${id}.example`, implicitGlobalRegion: regions[0]!, ...supports },
    });
    const synthetic: PartitionsInfo = {
      version: info.version,
      partitions: [
        ...info.partitions.map((p) =>
          // A listed region whose pattern is the aws partition's, and one whose own outputs differ from its partition's.
          p.id === "aws-cn" ? { ...p, regions: { ...p.regions, "us-zzcn-1": { description: "listed in aws-cn" }, "cn-zzoverride-1": { description: "no FIPS here", supportsFIPS: false } } } : p,
        ),
        partition("zz-nofips", "^zz\\-nofips\\-\\d+$", ["zz-nofips-1"], { supportsFIPS: false, supportsDualStack: true }),
        partition("zz-nodual", "^zz\\-nodual\\-\\d+$", ["zz-nodual-1"], { supportsFIPS: true, supportsDualStack: false }),
        partition("zz-neither", "^zz\\-neither\\-\\d+$", ["zz-neither-1", "zz-neither-global"], { supportsFIPS: false, supportsDualStack: false }),
      ],
    };
    const regions = ["us-zzcn-1", "cn-zzoverride-1", "zz-nofips-1", "zz-nofips-2", "zz-nodual-1", "zz-nodual-2", "zz-neither-1", "zz-neither-2", "zz-neither-global"];

    beforeEach(() => sdkPartitions.setPartitionInfo(synthetic));
    afterEach(() => sdkPartitions.useDefaultPartitionInfo());

    it.each(regions)("%s, FIPS and dual-stack on and off", (region) => {
      const table = partitionTable(synthetic);
      for (const flags of FLAGS) expect(ours(region, flags, table), JSON.stringify(flags)).toEqual(sdk(region, flags));
    });

    it("says which option the region's partition cannot serve", () => {
      const table = partitionTable(synthetic);
      expect(sdk("zz-nofips-1", FLAGS[1]!)).toEqual({ error: "FIPS is enabled but this partition does not support FIPS" });
      expect(() => standardEndpoint(PREFIX, "zz-nofips-1", true, false, table)).toThrow(
        "useFipsEndpoint: FIPS endpoints are not available in region zz-nofips-1, which is in the zz-nofips partition.",
      );
      expect(() => standardEndpoint(PREFIX, "zz-nodual-1", false, true, table)).toThrow("useDualstackEndpoint: dual-stack endpoints are not available in region zz-nodual-1, which is in the zz-nodual partition.");
      expect(() => standardEndpoint(PREFIX, "zz-nofips-1", true, true, table)).toThrow(/^useFipsEndpoint with useDualstackEndpoint: FIPS dual-stack endpoints are not available in region zz-nofips-1/);
      expect(() => standardEndpoint(PREFIX, "cn-zzoverride-1", true, false, table)).toThrow(/region cn-zzoverride-1, which is in the aws-cn partition/);

    });
  });
});

// The configuration: ours from resolveEndpoint, the SDK's from the request its client sends.
const CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const VARIABLES = ["AWS_REGION", "AWS_DEFAULT_REGION", "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT"];

type Resolution = { url: string; region: string } | { error: string };

function resolveOurs(config: ClientConfig): Resolution {
  try {
    const { url, region } = resolveEndpoint(config, PREFIX);
    return { url: url.href, region };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Where the SDK client sends a call made with `config` and the environment, and the region it signs for. */
async function resolveSdk(config: ClientConfig): Promise<Resolution> {
  let seen: Resolution | undefined;
  const client = new Sdk.CodePipelineClient({
    ...config,
    credentials: CREDENTIALS,
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: { protocol: string; hostname: string; port?: number; path: string; headers: Record<string, string> }) => {
        const region = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(request.headers.authorization ?? "")![1]!;
        seen = { url: new URL(`${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ""}${request.path}`).href, region };
        throw new Error("captured");
      },
    },
  });
  try {
    await client.send(new Sdk.PutThirdPartyJobSuccessResultCommand({ jobId: "j", clientToken: "t" }));
  } catch (error) {
    if (!seen) return { error: (error as Error).message };
  }
  return seen!;
}

describe("resolveEndpoint: the configuration and the environment", () => {
  beforeEach(() => {
    for (const name of VARIABLES) vi.stubEnv(name, undefined);
    // The SDK would also read ~/.aws and ask the instance metadata service.
    vi.stubEnv("AWS_CONFIG_FILE", "/nonexistent/config");
    vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
    vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
  });
  afterEach(() => vi.unstubAllEnvs());

  it.each<[string, Record<string, string>, ClientConfig]>([
    ["AWS_REGION is the region when the config has none", { AWS_REGION: "cn-north-1" }, {}],
    ["the config's region wins over AWS_REGION", { AWS_REGION: "eu-west-1" }, { region: "eu-isoe-west-1" }],
    ["AWS_USE_FIPS_ENDPOINT=true", { AWS_REGION: "us-gov-west-1", AWS_USE_FIPS_ENDPOINT: "true" }, {}],
    ["AWS_USE_DUALSTACK_ENDPOINT=true", { AWS_REGION: "cn-northwest-1", AWS_USE_DUALSTACK_ENDPOINT: "true" }, {}],
    ["both flags from the environment", { AWS_REGION: "us-east-2", AWS_USE_FIPS_ENDPOINT: "true", AWS_USE_DUALSTACK_ENDPOINT: "true" }, {}],
    ["flags set to false", { AWS_USE_FIPS_ENDPOINT: "false", AWS_USE_DUALSTACK_ENDPOINT: "false" }, { region: "ap-southeast-7" }],
    ["the config's flags win over the environment's", { AWS_USE_FIPS_ENDPOINT: "true", AWS_USE_DUALSTACK_ENDPOINT: "false" }, { region: "eu-central-2", useFipsEndpoint: false, useDualstackEndpoint: true }],
    ["config flags alone", {}, { region: "us-isof-south-1", useFipsEndpoint: true }],
    ["a fips- pseudo-region", {}, { region: "fips-us-gov-west-1" }],
    ["a -fips pseudo-region, with dual-stack", {}, { region: "us-east-1-fips", useDualstackEndpoint: true }],
    ["aws-fips", {}, { region: "aws-fips" }],
    ["a FIPS pseudo-region in AWS_REGION", { AWS_REGION: "fips-ca-west-1" }, {}],
    ["a region the data does not know", {}, { region: "xx-unknown-1", useFipsEndpoint: true }],
    ["an invalid region", {}, { region: "eu west 1" }],
    ["an explicit endpoint: the region only signs", { AWS_REGION: "cn-north-1" }, { endpoint: "http://127.0.0.1:8080" }],
    ["an explicit endpoint and a region", {}, { region: "eu-west-3", endpoint: "https://proxy.example:8443" }],
    ["an explicit endpoint with useFipsEndpoint", {}, { region: "us-east-1", endpoint: "https://proxy.example", useFipsEndpoint: true }],
    ["an explicit endpoint with useDualstackEndpoint", {}, { region: "us-east-1", endpoint: "https://proxy.example", useDualstackEndpoint: true }],
    ["an explicit endpoint with a fips- region", {}, { region: "fips-us-east-1", endpoint: "https://proxy.example" }],
  ])("%s: as the SDK client", async (_, env, config) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const sdkResult = await resolveSdk(config);
    const ourResult = resolveOurs(config);
    if ("error" in sdkResult) {
      // Ours names the option or the region, with the SDK's words in parentheses.
      const error = "error" in ourResult ? ourResult.error : "(no error)";
      if (sdkResult.error.startsWith("Region not accepted")) expect(error).toMatch(/^region ".*" is not a valid AWS Region name/);
      else expect(error).toMatch(sdkResult.error.includes("FIPS") ? /^(useFipsEndpoint|region fips-\S+) cannot be used with an explicit endpoint/ : /^useDualstackEndpoint cannot be used with an explicit endpoint/);
    } else {
      expect(ourResult).toEqual(sdkResult);
    }
  });

  it("reads AWS_DEFAULT_REGION after AWS_REGION (the AWS CLI's variable; the JavaScript SDK reads only AWS_REGION)", () => {
    vi.stubEnv("AWS_DEFAULT_REGION", "cn-northwest-1");
    expect(resolveOurs({})).toEqual({ url: "https://codepipeline.cn-northwest-1.amazonaws.com.cn/", region: "cn-northwest-1" });
    vi.stubEnv("AWS_REGION", "eu-south-2");
    expect(resolveOurs({})).toEqual({ url: "https://codepipeline.eu-south-2.amazonaws.com/", region: "eu-south-2" });
    vi.stubEnv("AWS_REGION", "");
    expect(resolveOurs({})).toMatchObject({ region: "cn-northwest-1" });
  });

  it("refuses a flag that is neither true nor false, which the SDK would silently ignore", () => {
    vi.stubEnv("AWS_USE_FIPS_ENDPOINT", "yes");
    expect(resolveOurs({ region: "us-east-1" })).toEqual({ error: 'AWS_USE_FIPS_ENDPOINT must be "true" or "false", not "yes".' });
    expect(resolveOurs({ region: "us-east-1", useFipsEndpoint: false })).toMatchObject({ url: "https://codepipeline.us-east-1.amazonaws.com/" });
    vi.stubEnv("AWS_USE_FIPS_ENDPOINT", "");
    vi.stubEnv("AWS_USE_DUALSTACK_ENDPOINT", "1");
    expect(resolveOurs({ region: "us-east-1" })).toEqual({ error: 'AWS_USE_DUALSTACK_ENDPOINT must be "true" or "false", not "1".' });
  });

  it("with no region anywhere, asks for one", () => {
    expect(resolveOurs({})).toEqual({ error: "Give the client a `region` (such as us-east-1), set AWS_REGION, or give it an `endpoint`." });
    expect(resolveOurs({ region: "us-east-1-" })).toEqual({ error: 'region "us-east-1-" is not a valid AWS Region name (such as us-east-1).' });
    vi.stubEnv("AWS_REGION", "eu_west_1");
    expect(resolveOurs({})).toEqual({ error: 'AWS_REGION "eu_west_1" is not a valid AWS Region name (such as us-east-1).' });
  });

  it("works without process.env (browsers, workers): the config alone decides", () => {
    vi.stubEnv("AWS_REGION", "cn-north-1");
    vi.stubEnv("AWS_USE_FIPS_ENDPOINT", "true");
    expect(() => resolveEndpoint({}, PREFIX, {})).toThrow(/Give the client a `region`/);
    expect(resolveEndpoint({ region: "eu-west-1" }, PREFIX, {}).url.href).toBe("https://codepipeline.eu-west-1.amazonaws.com/");
    const saved = Object.getOwnPropertyDescriptor(globalThis, "process")!;
    Object.defineProperty(globalThis, "process", { value: undefined, configurable: true, writable: true });
    try {
      expect(resolveEndpoint({ region: "eu-west-1", useDualstackEndpoint: true }, PREFIX).url.href).toBe("https://codepipeline.eu-west-1.api.aws/");
    } finally {
      Object.defineProperty(globalThis, "process", saved);
    }
  });

  describe("an explicit endpoint", () => {
    it("overrides the region's endpoint and the environment's flags; the region still signs", () => {
      vi.stubEnv("AWS_REGION", "cn-north-1");
      vi.stubEnv("AWS_USE_FIPS_ENDPOINT", "true");
      vi.stubEnv("AWS_USE_DUALSTACK_ENDPOINT", "not a boolean, and not read");
      expect(resolveOurs({ endpoint: "http://127.0.0.1:8080" })).toEqual({ url: "http://127.0.0.1:8080/", region: "cn-north-1" });
      expect(resolveOurs({ endpoint: "https://vpce.example", region: "eu-west-1" })).toEqual({ url: "https://vpce.example/", region: "eu-west-1" });
    });

    it("takes its signing region from the config, the environment, its host name, else us-east-1", () => {
      expect(resolveOurs({ endpoint: "https://codepipeline.ap-south-2.amazonaws.com" })).toEqual({ url: "https://codepipeline.ap-south-2.amazonaws.com/", region: "ap-south-2" });
      expect(resolveOurs({ endpoint: "http://localhost:8080" })).toEqual({ url: "http://localhost:8080/", region: "us-east-1" });
      vi.stubEnv("AWS_REGION", "sa-east-1");
      expect(resolveOurs({ endpoint: "https://codepipeline.ap-south-2.amazonaws.com" })).toMatchObject({ region: "sa-east-1" });
    });

    it("is refused with FIPS or dual-stack asked for in the config, as the SDK refuses it", () => {
      expect(resolveOurs({ endpoint: "https://x.example", region: "us-east-1", useFipsEndpoint: true })).toEqual({
        error: "useFipsEndpoint cannot be used with an explicit endpoint (https://x.example): the AWS SDKs support neither FIPS nor dual-stack with a custom endpoint.",
      });
      expect(resolveOurs({ endpoint: "https://x.example", region: "fips-us-east-1" })).toMatchObject({ error: expect.stringMatching(/^region fips-us-east-1 cannot be used with an explicit endpoint/) });
      expect(resolveOurs({ endpoint: "https://x.example", useDualstackEndpoint: true })).toMatchObject({ error: expect.stringMatching(/^useDualstackEndpoint cannot be used with an explicit endpoint/) });
      expect(resolveOurs({ endpoint: "ftp://x.example" })).toEqual({ error: "endpoint must be an http or https URL, not ftp://x.example" });
    });

    it("that is no URL at all is refused naming the setting, not with the URL parser's bare 'Invalid URL'", () => {
      expect(resolveOurs({ endpoint: "not a url" })).toEqual({ error: "endpoint must be an http or https URL, not not a url" });
    });
  });
});

describe("createClient", () => {
  const service: ClientServiceDescription = { protocol: awsJson1_1, targetPrefix: "CodePipeline_20150709", signingName: "codepipeline", endpointPrefix: PREFIX, userAgent: "test", errors: {} };
  const operation = { name: "PutThirdPartyJobSuccessResult", serialize: () => ({}), validate: () => ({ ok: true as const }) };

  it("sends to the resolved endpoint and signs for the resolved region", async () => {
    const sent: { url: string; authorization: string }[] = [];
    const fetch = async (url: string, init: RequestInit) => {
      sent.push({ url, authorization: new Headers(init.headers).get("authorization")! });
      return new Response("{}", { status: 200 });
    };
    for (const config of [{ region: "cn-north-1", useFipsEndpoint: true }, { region: "fips-us-gov-east-1" }, { region: "eu-isoe-west-1", useDualstackEndpoint: true }]) {
      await invoke(createClient({ ...config, credentials: CREDENTIALS, fetch }, service), operation, {});
    }
    expect(sent.map(({ url, authorization }) => [url, /\/\d{8}\/([^/]+)\//.exec(authorization)![1]])).toEqual([
      ["https://codepipeline-fips.cn-north-1.amazonaws.com.cn/", "cn-north-1"],
      ["https://codepipeline-fips.us-gov-east-1.amazonaws.com/", "us-gov-east-1"],
      ["https://codepipeline.eu-isoe-west-1.api.cloud-aws.adc-e.uk/", "eu-isoe-west-1"],
    ]);
  });

  it("refuses a configuration that cannot work at once, before any call", () => {
    expect(() => createClient({ region: "us-east-1", endpoint: "https://x.example", useFipsEndpoint: true }, service)).toThrow(/^useFipsEndpoint cannot be used with an explicit endpoint/);
    expect(() => createClient({ region: "us east 1" }, service)).toThrow(/is not a valid AWS Region name/);
  });
});
