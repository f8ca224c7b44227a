// Where calls go. Without an explicit `endpoint`, the client computes what the AWS SDKs
// compute with the standard AWS regional endpoint rules, the rule set of CodePipeline and
// most AWS services: the region's partition (./partitions.ts) gives the DNS suffix, FIPS
// adds `-fips` to the endpoint prefix, dual-stack swaps in the dual-stack suffix. The
// configuration is read as the SDKs read it, environment included, when there is one.
import { NAMED_REGIONS, PARTITIONS, type Partition } from "./partitions.js";

export interface EndpointConfig {
  /**
   * AWS Region. Default: the AWS_REGION environment variable, then AWS_DEFAULT_REGION.
   * As in the AWS SDKs, `fips-<region>` and `<region>-fips` mean `<region>` with
   * `useFipsEndpoint`.
   */
  region?: string;
  /**
   * An explicit endpoint, such as `http://127.0.0.1:8080` for a local server. It overrides
   * the region's endpoint and the AWS_USE_* variables; `region` then only names the signing
   * region.
   */
  endpoint?: string;
  /** Use the region's FIPS endpoint. Default: AWS_USE_FIPS_ENDPOINT (`true` or `false`), else false. */
  useFipsEndpoint?: boolean;
  /** Use the region's dual-stack (IPv4 and IPv6) endpoint. Default: AWS_USE_DUALSTACK_ENDPOINT, else false. */
  useDualstackEndpoint?: boolean;
}

/** Environment variables, as `process.env` holds them. */
export type Environment = Record<string, string | undefined>;

/** The partitions and the regions named outside their partition's pattern. */
export interface PartitionTable {
  partitions: readonly Partition[];
  namedRegions: ReadonlyMap<string, Partition>;
}

export const AWS_PARTITIONS: PartitionTable = { partitions: PARTITIONS, namedRegions: NAMED_REGIONS };

/** Where a client's requests go, and the region they are signed for. */
export interface ResolvedEndpoint {
  url: URL;
  region: string;
}

/**
 * The client's endpoint and signing region from its configuration and, for what the
 * configuration leaves out, the environment (none in browsers). Throws a TypeError naming
 * the option and the region when the configuration cannot work.
 */
export function resolveEndpoint(config: EndpointConfig, endpointPrefix: string, env: Environment = processEnv()): ResolvedEndpoint {
  const { region, named, source, fipsRegion } = configuredRegion(config, env);
  if (config.endpoint) {
    // An explicit endpoint wins over the environment's flags. FIPS or dual-stack asked for
    // in the configuration cannot be honoured there: refused, as the SDKs refuse it.
    const conflict = config.useFipsEndpoint ? "useFipsEndpoint" : fipsRegion && source === "region" ? `region ${named}` : config.useDualstackEndpoint ? "useDualstackEndpoint" : undefined;
    if (conflict) throw new TypeError(`${conflict} cannot be used with an explicit endpoint (${config.endpoint}): the AWS SDKs support neither FIPS nor dual-stack with a custom endpoint.`);
    const url = explicitEndpoint(config.endpoint);
    return { url, region: region ?? regionInHost(url) };
  }
  if (region === undefined) throw new TypeError(MISSING_REGION);
  const fips = fipsRegion || (config.useFipsEndpoint ?? flag(env, "AWS_USE_FIPS_ENDPOINT"));
  const dualStack = config.useDualstackEndpoint ?? flag(env, "AWS_USE_DUALSTACK_ENDPOINT");
  return { url: new URL(standardEndpoint(endpointPrefix, region, fips, dualStack)), region };
}

/** A client's endpoint resolver: the standard AWS regional rules above, or a model's own rule set (./endpoint-rules.ts). */
export type EndpointResolver = typeof resolveEndpoint;

export const MISSING_REGION = "Give the client a `region` (such as us-east-1), set AWS_REGION, or give it an `endpoint`.";

/**
 * The region the configuration names, else the environment's; a FIPS pseudo-region is
 * read as its region, with `fipsRegion` set. Throws a TypeError for a name that is no
 * host label.
 */
export function configuredRegion(config: EndpointConfig, env: Environment): { region?: string; named?: string; source?: string; fipsRegion: boolean } {
  const source = config.region !== undefined ? "region" : env.AWS_REGION ? "AWS_REGION" : env.AWS_DEFAULT_REGION ? "AWS_DEFAULT_REGION" : undefined;
  const named = source === "region" ? config.region : source && env[source];
  const fipsRegion = named !== undefined && (named.startsWith("fips-") || named.endsWith("-fips"));
  const region = named !== undefined && fipsRegion ? realRegion(named) : named;
  // The SDKs accept any host label, so a region newer than the partitions data works.
  if (region !== undefined && !/^(?!.*-$)(?!-)[a-zA-Z0-9-]{1,63}$/.test(region)) {
    throw new TypeError(`${source} ${JSON.stringify(named)} is not a valid AWS Region name (such as us-east-1).`);
  }
  return { region, named, source, fipsRegion };
}

/** The `endpoint` option as a URL; only http and https are. */
export function explicitEndpoint(endpoint: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    // The URL parser's own TypeError says "Invalid URL" and not which setting held it.
  }
  if (url?.protocol !== "http:" && url?.protocol !== "https:") throw new TypeError(`endpoint must be an http or https URL, not ${endpoint}`);
  return url;
}

/** The signing region for an explicit endpoint when none is configured: one in its host name, else us-east-1. */
export function regionInHost(url: URL): string {
  return /^[a-z0-9-]+\.([a-z]{2}(?:-[a-z]+)+-\d+)\./.exec(url.hostname)?.[1] ?? "us-east-1";
}

/**
 * The standard AWS regional endpoint rules, as the rule set of CodePipeline's SDK client
 * states them: `https://<prefix>[-fips].<region>.<dnsSuffix or dualStackDnsSuffix>`, when
 * the region's partition supports what is asked.
 */
export function standardEndpoint(prefix: string, region: string, fips: boolean, dualStack: boolean, table: PartitionTable = AWS_PARTITIONS): string {
  const partition = partitionOf(region, table);
  const missing = fips && dualStack
    ? !(partition.supportsFIPS && partition.supportsDualStack) && "useFipsEndpoint with useDualstackEndpoint: FIPS dual-stack"
    : fips ? !partition.supportsFIPS && "useFipsEndpoint: FIPS" : dualStack && !partition.supportsDualStack && "useDualstackEndpoint: dual-stack";
  if (missing) throw new TypeError(`${missing} endpoints are not available in region ${region}, which is in the ${partition.name} partition.`);
  return `https://${prefix}${fips ? "-fips" : ""}.${region}.${dualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix}`;
}

/**
 * The partition of a region as the SDKs' `aws.partition` finds it: a region the partitions
 * data names, else the first partition whose pattern matches, else aws (so a region newer
 * than the data gets the aws partition's endpoints, as in the SDKs).
 */
export function partitionOf(region: string, table: PartitionTable = AWS_PARTITIONS): Partition {
  return table.namedRegions.get(region) ?? table.partitions.find((partition) => partition.regionRegex.test(region)) ?? table.partitions[0]!;
}

/** The region a FIPS pseudo-region (`fips-us-east-1`, `us-east-1-fips`) stands for, as the SDKs read it. */
function realRegion(region: string): string {
  return region === "fips-aws-global" || region === "aws-fips" ? "us-east-1" : region.replace(/fips-(dkr-|prod-)?|-fips/, "");
}

/**
 * A boolean variable as the SDKs read it: `true` or `false`, absent (or empty) for false.
 * The SDKs silently ignore any other value; a FIPS setting is too important to guess, so
 * this refuses it.
 */
export function flag(env: Environment, name: string): boolean {
  const value = env[name];
  if (!value || value === "false") return false;
  if (value === "true") return true;
  throw new TypeError(`${name} must be "true" or "false", not ${JSON.stringify(value)}.`);
}

export function processEnv(): Environment {
  return (globalThis as { process?: { env?: Environment } }).process?.env ?? {};
}
