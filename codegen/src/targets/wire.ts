// Wire (de)serializers shared by the client and server targets: typed values to their
// awsJson wire objects and back, members in model order, absent members left out.
import { StructureKind, type ImportDeclarationStructure, type StatementStructures } from "ts-morph";
import { GenerateError } from "../errors.js";
import type { Member, ModelIR, Shape } from "../ir/types.js";

/**
 * Serializers (typed value -> JSON wire object, members in model order, absent members
 * left out) and deserializers (the reverse) for the shapes an operation reaches.
 */
export class WireCode {
  readonly runtimeUsed = new Set<string>();
  readonly typesUsed = new Set<string>();
  private readonly emitted = new Map<string, StatementStructures>();

  constructor(private readonly ir: ModelIR) {}

  serializer(shape: Shape): string {
    return this.function("se", shape);
  }

  deserializer(shape: Shape): string {
    return this.function("de", shape);
  }

  functions(): StatementStructures[] {
    return [...this.emitted.values()];
  }

  /** The import of the runtime helpers the functions use, from `module`. */
  imports(module: string): ImportDeclarationStructure[] {
    if (this.runtimeUsed.size === 0) return [];
    return [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: module, namedImports: [...this.runtimeUsed].sort() }];
  }

  private function(direction: "se" | "de", shape: Shape): string {
    const name = `${direction}_${shape.name}`;
    if (this.emitted.has(name)) return name;
    this.emitted.set(name, undefined!); // reserve the name first: shapes may be recursive
    this.typesUsed.add(shape.name);
    const lines: string[] = [];
    if (shape.kind === "structure") {
      lines.push("const out: Record<string, unknown> = {};");
      for (const member of shape.members) {
        const from = direction === "se" ? `value.${member.name}` : `value[${JSON.stringify(member.jsonName)}]`;
        const to = direction === "se" ? member.jsonName : member.name;
        lines.push(`if (${from} !== undefined && ${from} !== null) out[${JSON.stringify(to)}] = ${this.convert(direction, member, from)};`);
      }
      lines.push(direction === "se" ? "return out;" : `return out as unknown as ${shape.name};`);
    } else if (shape.kind === "union") {
      lines.push("const out: Record<string, unknown> = {};");
      for (const member of shape.members) {
        const from = direction === "se" ? `(value as Record<string, any>).${member.name}` : `value[${JSON.stringify(member.jsonName)}]`;
        lines.push(`if (${from} !== undefined && ${from} !== null) out[${JSON.stringify(direction === "se" ? member.jsonName : member.name)}] = ${this.convert(direction, member, from)};`);
      }
      if (direction === "de") lines.push(`if (Object.keys(out).length === 0) { const key = Object.keys(value).find((k) => k !== "__type"); if (key) out.$unknown = [key, value[key]]; }`);
      lines.push(direction === "se" ? "return out;" : `return out as unknown as ${shape.name};`);
    } else if (shape.kind === "list") {
      const item = this.convert(direction, shape.member, "item");
      lines.push(`return (value as unknown[]).map((item: any) => item === null || item === undefined ? null : ${item})${direction === "de" ? ` as ${shape.name}` : ""};`);
    } else if (shape.kind === "map") {
      const entry = this.convert(direction, shape.value, "item");
      // No prototype: a "__proto__" key is an entry like any other.
      lines.push("const out: Record<string, unknown> = Object.create(null);");
      lines.push(`for (const [key, item] of Object.entries(value as Record<string, any>)) out[key] = item === null || item === undefined ? null : ${entry};`);
      lines.push(direction === "se" ? "return out;" : `return out as unknown as ${shape.name};`);
    } else {
      throw new GenerateError(`client: ${shape.id} is a ${shape.kind}; only aggregates get (de)serializers.`);
    }
    this.emitted.set(name, {
      kind: StructureKind.Function,
      name,
      parameters: [{ name: "value", type: direction === "se" ? shape.name : "any" }],
      returnType: direction === "se" ? (shape.kind === "list" ? "unknown[]" : "Record<string, unknown>") : shape.name,
      statements: lines,
    });
    return name;
  }

  /** The expression converting one present member value. */
  private convert(direction: "se" | "de", member: Member, value: string): string {
    const target = this.ir.shapes.get(member.target)!;
    switch (target.kind) {
      case "structure":
      case "union":
      case "list":
      case "map":
        return `${this.function(direction, target)}(${value})`;
      case "timestamp": {
        const format = member.timestampFormat ?? "epoch-seconds";
        const helper = direction === "se" ? { "epoch-seconds": "toEpochSeconds", "date-time": "toDateTime", "http-date": "toHttpDate" }[format] : "toDate";
        this.runtimeUsed.add(helper);
        return `${helper}(${value})`;
      }
      case "blob":
        this.runtimeUsed.add(direction === "se" ? "toBase64" : "fromBase64");
        return `${direction === "se" ? "toBase64" : "fromBase64"}(${value})`;
      case "bigInteger":
      case "bigDecimal":
        throw new GenerateError(`client: ${member.target} is a ${target.kind}, which the client target cannot send exactly yet (JSON.stringify has no arbitrary-precision numbers).`);
      default:
        return value;
    }
  }
}
