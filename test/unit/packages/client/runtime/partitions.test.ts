// The client's partition table against the AWS SDK's partitions data: the module is what
// the installed SDK's data makes (so an SDK upgrade that adds a partition or a region
// fails here until `npx vitest run -u <this file>` rewrites it), and every region the data
// lists, and some it does not, lands in the partition the SDK's `partition()` picks.
import { describe, expect, it } from "vitest";
import { partitionOf } from "../../../../../packages/client/src/runtime/endpoints.js";
import { loadSdkPartitionsInfo, pickOutputs, renderPartitionsModule, sdkPartitions } from "../../../../support/aws-partitions.js";

const info = loadSdkPartitionsInfo();
const listed = info.partitions.flatMap((partition) => Object.keys(partition.regions));
const unlisted = ["xx-unknown-1", "us-east-99", "cn-south-7", "us-gov-central-3", "eu-isoe-north-2", "us-isob-south-9", "eusc-de-west-4", "eusc-fr-east-1", "mars-north-1", "aws-global-2", "US-EAST-1", "a", "fips"];

describe("packages/client/src/runtime/partitions.ts", () => {
  it("is what the installed SDK's partitions data makes", async () => {
    await expect(renderPartitionsModule(info)).toMatchFileSnapshot("../../../../../packages/client/src/runtime/partitions.ts");
  });

  it.each([...listed, ...unlisted])("places %s where the SDK's partition() does", (region) => {
    const { name, dnsSuffix, dualStackDnsSuffix, supportsFIPS, supportsDualStack } = partitionOf(region);
    expect({ name, dnsSuffix, dualStackDnsSuffix, supportsFIPS, supportsDualStack }).toEqual(pickOutputs(sdkPartitions.partition(region)));
  });

  it("reaches every partition of the data through its regions", () => {
    const reached = info.partitions.map((partition) => partitionOf(Object.keys(partition.regions).find((region) => !region.endsWith("-global"))!).name);
    expect(reached).toEqual(info.partitions.map((partition) => partition.outputs.name));
  });
});
