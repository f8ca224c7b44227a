// The AWS partitions data the installed AWS SDK for JavaScript resolves endpoints with
// (in this SDK generation it lives in @aws-sdk/core's util-endpoints, the former
// @aws-sdk/util-endpoints' partitions.json), the SDK's own `partition()` over it, and the
// compact table the client keeps of it (packages/client/src/runtime/partitions.ts).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { PartitionTable } from "../../packages/client/src/runtime/endpoints.js";
import type { Partition } from "../../packages/client/src/runtime/partitions.js";

export interface PartitionOutputs {
  name: string;
  dnsSuffix: string;
  dualStackDnsSuffix: string;
  supportsFIPS: boolean;
  supportsDualStack: boolean;
  implicitGlobalRegion?: string;
}

export interface PartitionsInfo {
  partitions: { id: string; outputs: PartitionOutputs; regionRegex: string; regions: Record<string, Partial<PartitionOutputs> & { description?: string }> }[];
  version: string;
}

/** The CommonJS build, the one the SDK client itself loads (an `import` would get a second copy). */
const require = createRequire(import.meta.url);
const SDK_CLIENT_CORE = require.resolve("@aws-sdk/core/client");

export const sdkPartitions = require("@aws-sdk/core/client") as {
  partition: (region: string) => PartitionOutputs;
  /** Swaps the data every SDK client of this process resolves endpoints with. */
  setPartitionInfo: (info: PartitionsInfo) => void;
  useDefaultPartitionInfo: () => void;
};

/** The partitions data, read from the SDK's ES build where it is a plain object literal. */
export function loadSdkPartitionsInfo(): PartitionsInfo {
  const file = path.join(path.dirname(SDK_CLIENT_CORE), "../../../dist-es/submodules/client/util-endpoints/lib/aws/partitions.js");
  const text = readFileSync(file, "utf8");
  const json = /^export const partitionsInfo = (\{[\s\S]*\});\s*$/.exec(text)?.[1];
  if (!json) throw new Error(`${file} no longer holds \`export const partitionsInfo = {...};\`: find the SDK's partitions data and read it from there.`);
  return JSON.parse(json) as PartitionsInfo;
}

const FIELDS = ["name", "dnsSuffix", "dualStackDnsSuffix", "supportsFIPS", "supportsDualStack"] as const;

/** What the standard endpoint rules read of a partition. */
export function pickOutputs(outputs: PartitionOutputs): Pick<PartitionOutputs, (typeof FIELDS)[number]> {
  return { name: outputs.name, dnsSuffix: outputs.dnsSuffix, dualStackDnsSuffix: outputs.dualStackDnsSuffix, supportsFIPS: outputs.supportsFIPS, supportsDualStack: outputs.supportsDualStack };
}

interface Compact {
  partitions: { variable: string; partition: Partition }[];
  /** Regions the patterns alone would resolve differently, with what they resolve to. */
  named: { region: string; variable: string; overrides: Partial<PartitionOutputs> }[];
}

/**
 * Keeps what the rules read: each partition's outputs and pattern, in the SDK's order, and
 * only those listed regions that the patterns (and the fall-back to aws) would get wrong.
 */
function compact(info: PartitionsInfo): Compact {
  const partitions = info.partitions.map((p) => ({
    variable: p.id.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase()),
    partition: { regionRegex: new RegExp(p.regionRegex), ...pickOutputs(p.outputs) },
  }));
  if (info.partitions[0]?.id !== "aws") throw new Error("The client's table takes the first partition for the default; the SDK's default is the one named aws, which is no longer first.");
  const byPattern = (region: string) => info.partitions.find((p) => new RegExp(p.regionRegex).test(region)) ?? info.partitions[0]!;
  const named: Compact["named"] = [];
  const seen = new Set<string>();
  info.partitions.forEach((p, index) => {
    for (const [region, data] of Object.entries(p.regions)) {
      if (seen.has(region)) continue; // the SDK takes the first partition naming it
      seen.add(region);
      const overrides = Object.fromEntries(FIELDS.filter((field) => field in data && data[field] !== p.outputs[field]).map((field) => [field, data[field]]));
      if (byPattern(region) !== p || Object.keys(overrides).length > 0) named.push({ region, variable: partitions[index]!.variable, overrides });
    }
  });
  return { partitions, named };
}

/** The client's table of `info`, for the resolver's `table` argument. */
export function partitionTable(info: PartitionsInfo): PartitionTable {
  const { partitions, named } = compact(info);
  const byVariable = new Map(partitions.map(({ variable, partition }) => [variable, partition]));
  return {
    partitions: partitions.map(({ partition }) => partition),
    namedRegions: new Map(named.map(({ region, variable, overrides }) => [region, { ...byVariable.get(variable)!, ...overrides }])),
  };
}

/** packages/client/src/runtime/partitions.ts as `info` makes it. */
export function renderPartitionsModule(info: PartitionsInfo): string {
  const { partitions, named } = compact(info);
  const literal = (value: unknown) => (value instanceof RegExp ? `/${value.source}/` : JSON.stringify(value));
  const object = (fields: Record<string, unknown>) => `{ ${Object.entries(fields).map(([key, value]) => `${key}: ${literal(value)}`).join(", ")} }`;
  return [
    "// The AWS partitions: what the standard endpoint rules read of the partitions data the AWS",
    "// SDK for JavaScript ships (@aws-sdk/core's util-endpoints). Derived from that data by",
    "// test/unit/packages/client/runtime/partitions.test.ts, which fails when the installed SDK's",
    "// data changes; `npx vitest run -u test/unit/packages/client/runtime/partitions.test.ts`",
    "// then rewrites this file. Do not edit it by hand.",
    "",
    "/** One AWS partition, as the standard endpoint rules read it. */",
    "export interface Partition {",
    "  name: string;",
    "  /** The regions of this partition, unless the partitions data names them elsewhere. */",
    "  regionRegex: RegExp;",
    "  dnsSuffix: string;",
    "  dualStackDnsSuffix: string;",
    "  supportsFIPS: boolean;",
    "  supportsDualStack: boolean;",
    "}",
    "",
    ...partitions.map(({ variable, partition: { name, regionRegex, ...rest } }) => `const ${variable}: Partition = ${object({ name, regionRegex, ...rest })};`),
    "",
    "/** Every partition, in the order the SDKs try their patterns; the first, aws, is the default. */",
    `export const PARTITIONS: readonly Partition[] = [${partitions.map(({ variable }) => variable).join(", ")}];`,
    "",
    "/** The regions the data names that the patterns alone would place wrongly. */",
    "export const NAMED_REGIONS: ReadonlyMap<string, Partition> = new Map([",
    ...named.map(({ region, variable, overrides }) => `  [${JSON.stringify(region)}, ${Object.keys(overrides).length > 0 ? `{ ...${variable}, ${object(overrides).slice(2, -2)} }` : variable}],`),
    "]);",
    "",
  ].join("\n");
}
