// Names and protocol facts that several targets (and scaffold) must agree on: one place
// decides them, as Smithy's SymbolProvider does.
import { GenerateError } from "../errors.js";
import type { ModelIR, StructureShape } from "../ir/types.js";

/** The method or function name of an operation: `putThirdPartyJobSuccessResult`. */
export function methodName(operationName: string): string {
  return operationName.charAt(0).toLowerCase() + operationName.slice(1);
}

const sdkName = (ir: ModelIR) => (ir.service.sdkId ?? ir.service.name).replace(/[^A-Za-z0-9]/g, "");

/** The interface a server implements: `CodePipelineService` for sdkId CodePipeline. */
export function serviceInterfaceName(ir: ModelIR): string {
  return `${sdkName(ir)}Service`;
}

/** The generated client class: `CodePipelineClient`. */
export function clientClassName(ir: ModelIR): string {
  return `${sdkName(ir)}Client`;
}

/** Every error any operation can return, once each, by shape ID. */
export function errorShapes(ir: ModelIR): StructureShape[] {
  const ids = new Set(ir.operations.flatMap((operation) => operation.errors));
  return [...ids].sort().map((id) => ir.shapes.get(id) as StructureShape);
}

/** The request Content-Type of the service's awsJson protocol (1.1 unless it is awsJson1_0). */
export function jsonContentType(ir: ModelIR): string {
  return ir.service.protocol === "aws.protocols#awsJson1_0" ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
}

/** Refuses a service whose protocol a wire target does not speak. */
export function requireAwsJson(ir: ModelIR, target: string): void {
  if (ir.service.protocol !== "aws.protocols#awsJson1_1" && ir.service.protocol !== "aws.protocols#awsJson1_0") {
    throw new GenerateError(`${target}: ${ir.service.id} uses protocol ${ir.service.protocol ?? "(none)"}; the ${target} target speaks awsJson1_0 and awsJson1_1 only.`);
  }
}
