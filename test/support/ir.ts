// A model for unit tests without the JVM: builders that spell the IR the way a test reads
// it, and JSON AST literals turned into IR by the real loader (which only reads JSON).
//
//   model({
//     operations: [operation("PutThing", { input: "PutThingInput", errors: ["NotFound"] })],
//     shapes: [structure("PutThingInput", [member("thingId", smithy.String, { required: true })])],
//   })
//
// A name without `#` is a shape of the test namespace (`test.ns#PutThingInput`); prelude
// targets are spelled `smithy.String`, `smithy.Timestamp`, ...
import { loadModel, type JsonAst, type LoadOptions } from "../../codegen/src/ir/load.js";
import type {
  Annotations,
  EnumShape,
  IntEnumShape,
  ListShape,
  MapShape,
  Member,
  ModelIR,
  Operation,
  Service,
  Shape,
  ShapeBase,
  SimpleShape,
  StructureShape,
  UnionShape,
} from "../../codegen/src/ir/types.js";

/** The namespace of every shape a test names without one. */
export const NS = "test.ns";

/** `Name` is `test.ns#Name`; an absolute shape ID is kept as it is. */
export function id(name: string): string {
  return name.includes("#") ? name : `${NS}#${name}`;
}

/** The prelude's simple shapes, as member targets. */
export const smithy = {
  String: "smithy.api#String",
  Blob: "smithy.api#Blob",
  Boolean: "smithy.api#Boolean",
  Byte: "smithy.api#Byte",
  Short: "smithy.api#Short",
  Integer: "smithy.api#Integer",
  Long: "smithy.api#Long",
  Float: "smithy.api#Float",
  Double: "smithy.api#Double",
  BigInteger: "smithy.api#BigInteger",
  BigDecimal: "smithy.api#BigDecimal",
  Timestamp: "smithy.api#Timestamp",
  Document: "smithy.api#Document",
  Unit: "smithy.api#Unit",
} as const;

const PRELUDE_KINDS: Record<string, SimpleShape["kind"]> = {
  String: "string",
  Blob: "blob",
  Boolean: "boolean",
  Byte: "byte",
  Short: "short",
  Integer: "integer",
  Long: "long",
  Float: "float",
  Double: "double",
  BigInteger: "bigInteger",
  BigDecimal: "bigDecimal",
  Timestamp: "timestamp",
  Document: "document",
};

/** What every shape builder accepts besides its own parts: docs, constraints, traits. */
type BaseOptions = Partial<Omit<ShapeBase, "id">>;

function base(name: string, options: BaseOptions): ShapeBase {
  const shapeId = id(name);
  return { id: shapeId, name: shapeId.slice(shapeId.indexOf("#") + 1), constraints: {}, otherTraits: [], ...options };
}

export function member(name: string, target: string, options: Partial<Omit<Member, "name" | "target">> = {}): Member {
  return { name, target: id(target), required: false, clientOptional: false, constraints: {}, otherTraits: [], ...options };
}

export function structure(
  name: string,
  members: Member[] = [],
  options: BaseOptions & Partial<Pick<StructureShape, "error" | "isInput">> = {},
): StructureShape {
  return { ...base(name, options), kind: "structure", members, isInput: false, ...options };
}

export function union(name: string, members: Member[], options: BaseOptions = {}): UnionShape {
  return { ...base(name, options), kind: "union", members };
}

export function list(
  name: string,
  target: string,
  options: BaseOptions & { sparse?: boolean; member?: Partial<Omit<Member, "name" | "target">> } = {},
): ListShape {
  const { sparse = false, member: memberOptions, ...rest } = options;
  return { ...base(name, rest), kind: "list", member: member("member", target, memberOptions), sparse };
}

export function map(name: string, key: string, value: string, options: BaseOptions & { sparse?: boolean } = {}): MapShape {
  const { sparse = false, ...rest } = options;
  return { ...base(name, rest), kind: "map", key: member("key", key), value: member("value", value), sparse };
}

/** An enum shape; `values` maps each member's name to its value. */
export function enumShape(name: string, values: Record<string, string>, options: BaseOptions = {}): EnumShape {
  return { ...base(name, options), kind: "enum", values: Object.entries(values).map(([key, value]) => ({ name: key, value })) };
}

export function intEnum(name: string, values: Record<string, number>, options: BaseOptions = {}): IntEnumShape {
  return { ...base(name, options), kind: "intEnum", values: Object.entries(values).map(([key, value]) => ({ name: key, value })) };
}

/** A simple shape of the test namespace, such as a constrained string. */
export function simple(
  kind: SimpleShape["kind"],
  name: string,
  options: BaseOptions & Pick<SimpleShape, "timestampFormat"> = {},
): SimpleShape {
  return { ...base(name, options), kind, ...options };
}

export function operation(
  name: string,
  options: Annotations & { input?: string; output?: string; errors?: string[] } = {},
): Operation {
  const { input, output, errors = [], ...annotations } = options;
  return {
    id: id(name),
    name,
    ...(input ? { input: id(input) } : {}),
    ...(output ? { output: id(output) } : {}),
    errors: errors.map(id),
    ...annotations,
  };
}

/** An awsJson1_1 service, `test.ns#TestService` unless named. */
export function service(name = "TestService", options: Partial<Omit<Service, "id" | "name">> = {}): Service {
  return { id: id(name), name, version: "2024-01-01", protocol: "aws.protocols#awsJson1_1", targetPrefix: name, ...options };
}

/**
 * The IR the loader would build: the given shapes plus every prelude shape they or the
 * operations refer to, sorted by ID.
 */
export function model(parts: { service?: Service; operations?: Operation[]; shapes?: Shape[] } = {}): ModelIR {
  const shapes = new Map((parts.shapes ?? []).map((shape) => [shape.id, shape]));
  const operations = parts.operations ?? [];
  const referenced = [
    ...operations.flatMap((op) => [op.input, op.output, ...op.errors]),
    ...[...shapes.values()].flatMap(targets),
  ];
  for (const ref of referenced) {
    if (!ref?.startsWith("smithy.api#") || shapes.has(ref)) continue;
    const name = ref.slice("smithy.api#".length);
    const kind = PRELUDE_KINDS[name];
    if (kind) shapes.set(ref, { id: ref, name, kind, constraints: {}, otherTraits: [] });
    else if (name === "Unit") shapes.set(ref, { id: ref, name, kind: "structure", members: [], isInput: false, constraints: {}, otherTraits: [] });
  }
  return {
    service: parts.service ?? service(),
    operations,
    shapes: new Map([...shapes].sort(([a], [b]) => a.localeCompare(b))),
  };
}

function targets(shape: Shape): string[] {
  switch (shape.kind) {
    case "structure":
    case "union":
      return shape.members.map((m) => m.target);
    case "list":
      return [shape.member.target];
    case "map":
      return [shape.key.target, shape.value.target];
    default:
      return [];
  }
}

/** A JSON AST shape, as Smithy writes one (absolute IDs in targets). */
export type AstShape = JsonAst["shapes"][string];

/**
 * A JSON AST around the given shapes: the service `test.ns#TestService` (awsJson1_1
 * unless `serviceTraits` say otherwise) with one operation, `test.ns#Op`, whose input is
 * `test.ns#Input` when the shapes define it. Keys may be local names.
 */
export function ast(
  shapes: Record<string, AstShape>,
  options: { serviceTraits?: Record<string, unknown>; serviceShape?: Partial<AstShape> } = {},
): JsonAst {
  const qualified = Object.fromEntries(Object.entries(shapes).map(([key, shape]) => [id(key), shape]));
  return {
    smithy: "2.0",
    shapes: {
      [id("TestService")]: {
        type: "service",
        version: "2024-01-01",
        operations: [{ target: id("Op") }],
        traits: options.serviceTraits ?? { "aws.protocols#awsJson1_1": {} },
        ...options.serviceShape,
      },
      [id("Op")]: {
        type: "operation",
        input: { target: id("Input") in qualified ? id("Input") : smithy.Unit },
        output: { target: smithy.Unit },
      },
      ...qualified,
    },
  };
}

/** The IR the real loader builds from a JSON AST literal (see `ast`). */
export function load(shapes: Record<string, AstShape>, options: Parameters<typeof ast>[1] & LoadOptions = {}): ModelIR {
  const { serviceTraits, serviceShape, ...loadOptions } = options;
  return loadModel(ast(shapes, { serviceTraits, serviceShape }), loadOptions);
}

/** The problems the loader lists when it refuses these shapes (its message after the first line); none when it accepts them. */
export function loadProblems(shapes: Record<string, AstShape>, options: Parameters<typeof load>[1] = {}): string[] {
  try {
    load(shapes, options);
  } catch (caught) {
    return (caught as Error).message.split("\n").slice(1);
  }
  return [];
}
