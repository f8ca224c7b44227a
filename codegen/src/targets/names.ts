// Names that several targets (and scaffold) must agree on: one place decides them, as
// Smithy's SymbolProvider does. Protocol facts live in ../protocols.
import { GenerateError } from "../errors.js";
import { membersOf } from "../ir/members.js";
import type { Member, ModelIR, Operation, Shape, StructureShape } from "../ir/types.js";

/** The method or function name of an operation: `putThirdPartyJobSuccessResult`. */
export function methodName(operationName: string): string {
  return operationName.charAt(0).toLowerCase() + operationName.slice(1);
}

/** JavaScript's reserved words, in strict mode and modules too: no function or variable takes one as its name. */
const RESERVED_WORDS = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof " +
    "new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval").split(" "),
);

/**
 * The name of an operation's standalone function, or of a variable holding its handler: the
 * method name, after `_` when that is a reserved word (`_delete` for an operation Delete),
 * as smithy-typescript escapes them. A method or property keeps the plain name (`client.delete()`).
 */
export function functionName(operationName: string): string {
  const name = methodName(operationName);
  return RESERVED_WORDS.has(name) ? `_${name}` : name;
}

const sdkName = (ir: ModelIR) => (ir.service.sdkId ?? ir.service.name).replace(/[^A-Za-z0-9]/g, "");

/** The base name of the files named after the service: `codepipeline` for sdkId CodePipeline. */
export function serviceFileName(ir: ModelIR): string {
  return sdkName(ir).toLowerCase();
}

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

/** An error's modeled members besides `message`, which is the error's own message. */
export function errorMembers(shape: StructureShape): StructureShape["members"] {
  return shape.members.filter((member) => member.name !== "message");
}

/**
 * The namespace under which a file declaring the error classes imports the types package,
 * for the errors' member types: its classes take the errors' names (`$` is in no Smithy name).
 */
export const ERROR_TYPES_NAMESPACE = "$types";

/**
 * The types a handler receives, where they differ from the types a caller sends.
 *
 * Smithy 2.0 reads a member's optionality two ways ("Structure member optionality"): a
 * client, a non-authoritative consumer, treats every member of an `@input` structure and
 * every `@clientOptional` member as optional, so that the service may relax them later;
 * a server, the authority, ignores both traits and holds every `@required` and every
 * `@default` member present (validation guarantees the first, the deserializer fills the
 * second). So a shape a handler receives gets its own type when the two readings differ,
 * directly or through a shape it contains:
 * - the input of an operation: `<Operation>ServerInput`, the name smithy-typescript's server
 *   SDK gives the server's view of an operation's input;
 * - any other such shape: `<Shape>ServerView`.
 * Every operation with an input gets `<Operation>ServerInput`, an alias where nothing differs,
 * so handlers can always name it.
 */
export interface ServerViews {
  /** The server view's type name, by shape ID, of each shape whose server view differs. */
  names: Map<string, string>;
  /** `<Operation>ServerInput`, by operation name, and the type it stands for. */
  inputs: Map<string, { name: string; type: string }>;
}

/**
 * A client holds the member present (the types the client target sends and the types
 * package's plain types). A member with a `@default` may be left out on the wire (the
 * server fills it in), so a caller may leave it out too, as in the AWS SDKs.
 */
export function clientPresent(shape: StructureShape, member: Member): boolean {
  return member.required && member.default === undefined && !member.clientOptional && !shape.isInput;
}

/** A server holds the member present: required (validated) or defaulted (filled). */
export function serverPresent(member: Member): boolean {
  return member.required || member.default !== undefined;
}

export function serverViews(ir: ModelIR): ServerViews {
  const reachable = new Set<string>();
  const visit = (id: string): void => {
    const shape = ir.shapes.get(id);
    if (!shape || reachable.has(id)) return;
    reachable.add(id);
    for (const member of membersOf(shape)) visit(member.target);
  };
  for (const operation of ir.operations) if (operation.input) visit(operation.input);

  const differs = new Set<string>();
  for (const id of reachable) {
    const shape = ir.shapes.get(id)!;
    if (shape.kind === "structure" && shape.members.some((member) => serverPresent(member) && !clientPresent(shape, member))) differs.add(id);
  }
  // Then every shape that contains one that differs, until nothing changes (shapes may be recursive).
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of reachable) {
      if (differs.has(id)) continue;
      if (membersOf(ir.shapes.get(id)!).some((member) => differs.has(member.target))) {
        differs.add(id);
        changed = true;
      }
    }
  }

  const inputOf = new Map<string, Operation[]>();
  for (const operation of ir.operations) if (operation.input) inputOf.set(operation.input, [...(inputOf.get(operation.input) ?? []), operation]);
  const names = new Map<string, string>();
  for (const id of [...differs].sort()) {
    const users = inputOf.get(id);
    names.set(id, users?.length === 1 ? `${users[0]!.name}ServerInput` : `${ir.shapes.get(id)!.name}ServerView`);
  }
  const inputs = new Map<string, { name: string; type: string }>();
  for (const operation of ir.operations) {
    if (operation.input) inputs.set(operation.name, { name: `${operation.name}ServerInput`, type: names.get(operation.input) ?? ir.shapes.get(operation.input)!.name });
  }
  const taken = new Set([...ir.shapes.values()].map((shape) => shape.name));
  for (const name of [...names.values(), ...[...inputs.values()].map((input) => input.name)]) {
    if (taken.has(name)) throw new GenerateError(`types: the server's view of a shape would be named ${name}, which the model already uses for a shape; rename that shape in the service's 'rename'.`);
  }
  return { names, inputs };
}

/**
 * Names every JavaScript object inherits (`constructor`, `toString`, ...). Generated code
 * reads a member of such a name only as an own property, since an absent one would read the
 * inherited value.
 */
export const INHERITED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));
