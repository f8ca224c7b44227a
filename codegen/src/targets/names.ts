// Names that several targets (and scaffold) must agree on: one place decides them, as
// Smithy's SymbolProvider does. Protocol facts live in ../protocols.
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

/** The JSON Schema view's root interface, every shape by name: `CodePipelineShapes`. */
export function shapesInterfaceName(ir: ModelIR): string {
  return `${sdkName(ir)}Shapes`;
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
