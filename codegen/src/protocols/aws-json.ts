// awsJson1_0 and awsJson1_1: every operation is a POST to `/` naming itself in
// X-Amz-Target, bodies are JSON objects keyed by member name (@jsonName does not apply),
// timestamps default to epoch seconds, and errors are `{"__type": ...}` bodies with an
// X-Amzn-Errortype header. The two versions differ only in their media type.
import { StructureKind, type ImportDeclarationStructure, type StatementStructures } from "ts-morph";
import { GenerateError } from "../errors.js";
import { membersOf } from "../ir/members.js";
import type { Member, ModelIR, Shape, StructureShape } from "../ir/types.js";
import { fileImports, type FileImports } from "../targets/imports.js";
import { INHERITED_NAMES } from "../targets/names.js";
import type { CodecOptions, Protocol, WireCodec } from "./protocol.js";

const RUNTIME_MODULE = "@codepipeline-partner/protocol-aws-json";

function awsJson(version: "1_0" | "1_1"): Protocol {
  const contentType = `application/x-amz-json-${version.replace("_", ".")}`;
  const protocol: Protocol = {
    traitId: `aws.protocols#awsJson${version}`,
    name: `awsJson${version}`,
    contentType,
    runtime: { module: RUNTIME_MODULE, descriptor: `awsJson${version}` },
    defaultTimestampFormat: "epoch-seconds",
    nonFiniteFloats: ["NaN", "Infinity", "-Infinity"],
    wireName: (member) => member.name,
    requestSyntax: (ir, operation) => [
      "POST / HTTP/1.1",
      `Host: ${operation.hostPrefix ?? ""}${ir.service.endpointPrefix ?? ir.service.name.toLowerCase()}.<region>.amazonaws.com`,
      `Content-Type: ${contentType}`,
      `X-Amz-Target: ${ir.service.targetPrefix}.${operation.name}`,
    ],
    describeErrorAnswer: (error: StructureShape) => `HTTP ${error.error?.httpStatus ?? 400} with \`__type: "${error.name}"\``,
    codec: (ir, target, options) => new AwsJsonCodec(ir, protocol, target, options),
  };
  return protocol;
}

export const awsJson1_0 = awsJson("1_0");
export const awsJson1_1 = awsJson("1_1");

/**
 * Serializers (typed value -> JSON wire object, members in model order, absent members
 * left out) and deserializers (the reverse) for the shapes a file reaches.
 */
class AwsJsonCodec implements WireCodec {
  readonly typesUsed = new Set<string>();
  private readonly runtimeUsed = new Set<string>();
  private readonly emitted = new Map<string, StatementStructures>();
  private exact: Set<string> | undefined;
  /** The runtime's helpers under the names the file may use (aliased where the model has the name). */
  private readonly names: FileImports;

  constructor(
    private readonly ir: ModelIR,
    private readonly protocol: Protocol,
    private readonly target: string,
    private readonly options: CodecOptions = {},
  ) {
    this.names = fileImports(ir);
  }

  serializer(shape: Shape): string {
    return this.function("se", shape);
  }

  deserializer(shape: Shape): string {
    return this.function("de", shape);
  }

  parser(shape: Shape | undefined): string | undefined {
    return shape && this.reachesBigNumber(shape, new Set()) ? this.use("parseExactJson") : undefined;
  }

  stringifier(shape: Shape | undefined): string | undefined {
    return shape && this.reachesBigNumber(shape, new Set()) ? this.use("stringifyExactJson") : undefined;
  }

  /** Whether a message of this shape can hold a bigInteger or bigDecimal anywhere. */
  private reachesBigNumber(shape: Shape, seen: Set<string>): boolean {
    if (shape.kind === "bigInteger" || shape.kind === "bigDecimal") return true;
    if (seen.has(shape.id)) return false;
    seen.add(shape.id);
    return membersOf(shape).some((member) => this.reachesBigNumber(this.ir.shapes.get(member.target)!, seen));
  }

  /**
   * The shapes inside a message the exact JSON reader reads. There a number a double cannot
   * hold arrives as its text, so ordinary integer and epoch-seconds members are read through
   * fromJsonNumber (float members already go through fromJsonFloat); elsewhere JSON.parse made it a number.
   * An error's body is such a message when the error reaches a big number.
   */
  private exactShapes(): Set<string> {
    if (this.exact) return this.exact;
    const exact = new Set<string>();
    const visit = (id: string) => {
      if (exact.has(id)) return;
      exact.add(id);
      for (const member of membersOf(this.ir.shapes.get(id)!)) visit(member.target);
    };
    for (const operation of this.ir.operations) {
      for (const id of [operation.input, operation.output, ...operation.errors]) {
        if (id && this.reachesBigNumber(this.ir.shapes.get(id)!, new Set())) visit(id);
      }
    }
    return (this.exact = exact);
  }

  private inExactMessage(shape: Shape | undefined): boolean {
    return shape !== undefined && this.exactShapes().has(shape.id);
  }

  functions(): StatementStructures[] {
    return [...this.emitted.values()];
  }

  imports(also: string[] = []): ImportDeclarationStructure[] {
    const names = [...new Set([...this.runtimeUsed, ...also])].sort();
    if (names.length === 0) return [];
    return [this.names.runtime(this.protocol.runtime.module, names)];
  }

  private function(direction: "se" | "de", shape: Shape): string {
    const name = `${direction}_${shape.name}`;
    if (this.emitted.has(name)) return name;
    this.emitted.set(name, undefined!); // reserve the name first: shapes may be recursive
    const errorType = shape.kind === "structure" && shape.error ? this.options.errorType?.(shape) : undefined;
    const type = errorType ?? (direction === "de" && this.options.deserializedType ? this.options.deserializedType(shape) : shape.name);
    if (errorType === undefined) this.typesUsed.add(type);
    const lines: string[] = [];
    const key = (member: Member) => JSON.stringify(this.protocol.wireName(member));
    if (shape.kind === "structure") {
      lines.push("const out: Record<string, unknown> = {};");
      for (const member of shape.members) {
        const from = own(direction === "se" ? `value.${member.name}` : `value[${key(member)}]`, direction === "se" ? member.name : this.protocol.wireName(member));
        const to = direction === "se" ? key(member) : JSON.stringify(member.name);
        // `!= null`: absent or null, as JSON has both, read once (shorter bundles, one property read less).
        const present = `if (${from} != null) out[${to}] = ${this.convert(direction, member, from, `${shape.name}.${member.name}`, shape)};`;
        // The default is written in the model as its wire value: converted as one.
        const fill = direction === "de" && this.options.fillDefaults && member.default !== undefined;
        lines.push(fill ? `${present} else out[${to}] = ${this.convert(direction, member, JSON.stringify(member.default))};` : present);
      }
      lines.push(direction === "se" ? `return ${this.errorWriter(shape) ?? "out"};` : `return out as unknown as ${type};`);
    } else if (shape.kind === "union") {
      lines.push("const out: Record<string, unknown> = {};");
      for (const member of shape.members) {
        // Read with brackets: a consumer's noPropertyAccessFromIndexSignature refuses `.name` on a record.
        const from = own(direction === "se" ? `(value as Record<string, any>)[${JSON.stringify(member.name)}]` : `value[${key(member)}]`, direction === "se" ? member.name : this.protocol.wireName(member));
        const to = direction === "se" ? key(member) : JSON.stringify(member.name);
        lines.push(`if (${from} != null) out[${to}] = ${this.convert(direction, member, from, `${shape.name}.${member.name}`, shape)};`);
      }
      if (direction === "de") lines.push(`if (Object.keys(out).length === 0) { const key = Object.keys(value).find((k) => k !== "__type"); if (key) out["$unknown"] = [key, value[key]]; }`);
      // A member this version of the model does not know travels as its name and value, as
      // in the AWS SDKs (a computed key: `__proto__` is a member like any other there).
      lines.push(direction === "se" ? "return Object.keys(out).length > 0 || value.$unknown == null ? out : { [value.$unknown[0]]: value.$unknown[1] };" : `return out as unknown as ${type};`);
    } else if (shape.kind === "list") {
      const item = this.convert(direction, shape.member, "item", `${shape.name}.member`, shape);
      if (this.dropsNulls(direction, shape)) {
        // A generated deserializer (one parameter) maps by its name: `.map(de_Artifact)`.
        const call = /^(de_\w+)\(item\)$/.exec(item)?.[1];
        lines.push(`return (value as unknown[]).filter((item) => item != null)${item === "item" ? "" : `.map(${call ?? `(item: any) => ${item}`})`} as ${type};`);
      }
      else lines.push(`return (value as unknown[]).map((item: any) => item === null || item === undefined ? null : ${item})${direction === "de" ? ` as ${type}` : ""};`);
    } else if (shape.kind === "map") {
      const entry = this.convert(direction, shape.value, "item", `${shape.name}.value`, shape);
      // No prototype: a "__proto__" key is an entry like any other.
      lines.push("const out: Record<string, unknown> = Object.create(null);");
      if (this.dropsNulls(direction, shape)) lines.push(`for (const [key, item] of Object.entries(value as Record<string, any>)) if (item != null) out[key] = ${entry};`);
      else lines.push(`for (const [key, item] of Object.entries(value as Record<string, any>)) out[key] = item === null || item === undefined ? null : ${entry};`);
      lines.push(direction === "se" ? "return out;" : `return out as unknown as ${type};`);
    } else {
      throw new GenerateError(`${this.target}: ${shape.id} is a ${shape.kind}; only aggregates get (de)serializers.`);
    }
    this.emitted.set(name, {
      kind: StructureKind.Function,
      name,
      parameters: [{ name: "value", type: direction === "se" ? (errorType ?? shape.name) : "any" }],
      returnType: direction === "se" ? (shape.kind === "list" ? "unknown[]" : "Record<string, unknown>") : type,
      statements: lines,
    });
    return name;
  }

  /**
   * An error's members that reach a big number are marked to be written by the exact JSON
   * writer, which the error envelope's encoder then uses (an error has no operation
   * descriptor to carry it); JSON.stringify would write their JsonNumbers as `{}`.
   */
  private errorWriter(shape: StructureShape): string | undefined {
    const stringify = shape.error ? this.stringifier(shape) : undefined;
    return stringify && `${this.use("withJsonWriter")}(out, ${stringify})`;
  }

  /** Whether this deserializer leaves out the nulls of a list or map that is not `@sparse`. */
  private dropsNulls(direction: "se" | "de", shape: Shape): boolean {
    return direction === "de" && this.options.dropDenseNulls === true && (shape.kind === "list" || shape.kind === "map") && !shape.sparse;
  }

  /** The expression converting one present member value; `label` names the member in a refusal. */
  private convert(direction: "se" | "de", member: Member, value: string, label = member.name, within?: Shape): string {
    const target = this.ir.shapes.get(member.target)!;
    switch (target.kind) {
      case "structure":
      case "union":
      case "list":
      case "map":
        return `${this.function(direction, target)}(${value})`;
      case "timestamp": {
        const format = member.timestampFormat ?? this.protocol.defaultTimestampFormat;
        if (direction === "se") return this.helper({ "epoch-seconds": "toEpochSeconds", "date-time": "toDateTime", "http-date": "toHttpDate" }[format], value);
        return this.helper("toDate", format === "epoch-seconds" && this.inExactMessage(within) ? this.helper("fromJsonNumber", value) : value);
      }
      case "float":
      case "double":
        return this.helper(direction === "se" ? "toJsonFloat" : "fromJsonFloat", value);
      case "blob":
        return this.helper(direction === "se" ? "toBase64" : "fromBase64", value);
      // Exact on the wire: these messages are read and written by the runtime's exact JSON (see parser()).
      case "bigInteger":
        return direction === "se" ? this.helper("toJsonBigInteger", `${value}, ${JSON.stringify(label)}`) : this.helper("fromJsonBigInteger", value);
      case "bigDecimal":
        return direction === "se" ? this.helper("toJsonBigDecimal", `${value}, ${JSON.stringify(label)}`) : this.helper("fromJsonBigDecimal", value);
      case "byte":
      case "short":
      case "integer":
      case "long":
      case "intEnum":
        return direction === "de" && this.inExactMessage(within) ? this.helper("fromJsonNumber", value) : value;
      default:
        return value;
    }
  }

  private helper(name: string, value: string): string {
    return `${this.use(name)}(${value})`;
  }

  private use(name: string): string {
    this.runtimeUsed.add(name);
    return this.names.name(name);
  }
}

/** A member's read: as written, or, for a name every object inherits, only as the object's own property. */
function own(read: string, name: string): string {
  return INHERITED_NAMES.has(name) ? `(Object.hasOwn(value, ${JSON.stringify(name)}) ? ${read} : undefined)` : read;
}
