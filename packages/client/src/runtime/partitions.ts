// The AWS partitions: what the standard endpoint rules read of the partitions data the AWS
// SDK for JavaScript ships (@aws-sdk/core's util-endpoints). Derived from that data by
// test/unit/packages/client/runtime/partitions.test.ts, which fails when the installed SDK's
// data changes; `npx vitest run -u test/unit/packages/client/runtime/partitions.test.ts`
// then rewrites this file. Do not edit it by hand.

/** One AWS partition, as the standard endpoint rules read it. */
export interface Partition {
  name: string;
  /** The regions of this partition, unless the partitions data names them elsewhere. */
  regionRegex: RegExp;
  dnsSuffix: string;
  dualStackDnsSuffix: string;
  supportsFIPS: boolean;
  supportsDualStack: boolean;
}

const aws: Partition = { name: "aws", regionRegex: /^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$/, dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws", supportsFIPS: true, supportsDualStack: true };
const awsCn: Partition = { name: "aws-cn", regionRegex: /^cn\-\w+\-\d+$/, dnsSuffix: "amazonaws.com.cn", dualStackDnsSuffix: "api.amazonwebservices.com.cn", supportsFIPS: true, supportsDualStack: true };
const awsEusc: Partition = { name: "aws-eusc", regionRegex: /^eusc\-(de)\-\w+\-\d+$/, dnsSuffix: "amazonaws.eu", dualStackDnsSuffix: "api.amazonwebservices.eu", supportsFIPS: true, supportsDualStack: true };
const awsIso: Partition = { name: "aws-iso", regionRegex: /^us\-iso\-\w+\-\d+$/, dnsSuffix: "c2s.ic.gov", dualStackDnsSuffix: "api.aws.ic.gov", supportsFIPS: true, supportsDualStack: true };
const awsIsoB: Partition = { name: "aws-iso-b", regionRegex: /^us\-isob\-\w+\-\d+$/, dnsSuffix: "sc2s.sgov.gov", dualStackDnsSuffix: "api.aws.scloud", supportsFIPS: true, supportsDualStack: true };
const awsIsoE: Partition = { name: "aws-iso-e", regionRegex: /^eu\-isoe\-\w+\-\d+$/, dnsSuffix: "cloud.adc-e.uk", dualStackDnsSuffix: "api.cloud-aws.adc-e.uk", supportsFIPS: true, supportsDualStack: true };
const awsIsoF: Partition = { name: "aws-iso-f", regionRegex: /^us\-isof\-\w+\-\d+$/, dnsSuffix: "csp.hci.ic.gov", dualStackDnsSuffix: "api.aws.hci.ic.gov", supportsFIPS: true, supportsDualStack: true };
const awsUsGov: Partition = { name: "aws-us-gov", regionRegex: /^us\-gov\-\w+\-\d+$/, dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws", supportsFIPS: true, supportsDualStack: true };

/** Every partition, in the order the SDKs try their patterns; the first, aws, is the default. */
export const PARTITIONS: readonly Partition[] = [aws, awsCn, awsEusc, awsIso, awsIsoB, awsIsoE, awsIsoF, awsUsGov];

/** The regions the data names that the patterns alone would place wrongly. */
export const NAMED_REGIONS: ReadonlyMap<string, Partition> = new Map([
  ["aws-cn-global", awsCn],
  ["aws-iso-global", awsIso],
  ["aws-iso-b-global", awsIsoB],
  ["aws-iso-e-global", awsIsoE],
  ["aws-iso-f-global", awsIsoF],
  ["aws-us-gov-global", awsUsGov],
]);
