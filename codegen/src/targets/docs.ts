// The docs target: a Markdown API reference per operation, laid out like AWS's own
// reference pages (request syntax, parameters, response, errors), plus the data types it
// uses. Markdown is text, so this target builds lines rather than syntax trees.
import { GenerateError } from "../errors.js";
import type { Member, ModelIR, Operation, Shape, StructureShape, UnionShape } from "../ir/types.js";
import { protocolFor, type Protocol } from "../protocols/index.js";
import type { GeneratedFile } from "./target.js";

/** `protocol` is the service's unless given (a test may hand it another). */
export function emitDocs(ir: ModelIR, protocol: Protocol = protocolFor(ir, "docs")): GeneratedFile[] {
  const clash = ir.operations.find((operation) => `${operation.name}.md`.toLowerCase() === INDEX);
  // Case-insensitive file systems (macOS, Windows) would hold one file for both.
  if (clash) throw new GenerateError(`docs: operation ${clash.id} would have the page ${INDEX}, which is the reference's entry page; rename it in the service (\`rename\`) or turn the docs target off.`);
  const pages = ir.operations.map((operation) => ({ path: `${operation.name}.md`, contents: new OperationPage(ir, protocol, operation).render() }));
  return [{ path: INDEX, contents: indexPage(ir) }, ...pages];
}

/** The entry page, the one a package's README links to. */
export const INDEX = "index.md";

/**
 * The entry page: the service, each operation and each error with its summary and a link to
 * the pages that say more. What a package's README would otherwise list by hand.
 */
function indexPage(ir: ModelIR): string {
  const { service } = ir;
  const lines = [`# ${service.title ?? service.name} API reference`, "", paragraph(service.documentation), ""];
  lines.push(`Service \`${service.name}\`, version ${service.version}.`, "", "## Operations", "");
  for (const operation of ir.operations) lines.push(`- [${operation.name}](${operation.name}.md)${summary(operation.documentation)}`);

  // Each error once, by shape ID, with the operations that return it.
  const errors = new Map<string, Operation[]>();
  for (const operation of ir.operations) {
    for (const id of operation.errors) errors.set(id, [...(errors.get(id) ?? []), operation]);
  }
  if (errors.size > 0) lines.push("", "## Errors", "");
  for (const [id, operations] of [...errors].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const shape = ir.shapes.get(id);
    if (shape?.kind !== "structure") throw new GenerateError(`docs: error ${id} should be a structure, but is ${shape ? `a ${shape.kind}` : "not loaded"}.`);
    const links = operations.map((operation) => `[${operation.name}](${operation.name}.md#${shape.name.toLowerCase()})`).join(", ");
    lines.push(`- ${shape.name} (HTTP ${shape.error?.httpStatus ?? 400}), from ${links}${summary(shape.documentation)}`);
  }
  return lines.join("\n").replace(/\n{3,}/g, "\n\n");
}

/** A list item's text after its name: the documentation's first paragraph on one line. */
function summary(text: string | undefined): string {
  const first = paragraph(text).split(/\n\s*\n/)[0]!.replace(/\s+/g, " ");
  return first ? `: ${first}` : "";
}

class OperationPage {
  private readonly lines: string[] = [];
  private readonly dataTypes = new Map<string, Shape>();
  private readonly expanding = new Set<string>();

  constructor(
    private readonly ir: ModelIR,
    private readonly protocol: Protocol,
    private readonly operation: Operation,
  ) {}

  render(): string {
    const { ir, operation } = this;
    const input = operation.input ? this.structure(operation.input) : undefined;
    if (input) this.expanding.add(input.id);
    const output = operation.output ? this.structure(operation.output) : undefined;
    this.push(`# ${operation.name}`, "", paragraph(operation.documentation));
    if (operation.deprecated) this.push("", `> **Deprecated.** ${operation.deprecated.message ?? ""}`.trimEnd());

    this.push("", "## Request syntax", "", "```http", ...this.protocol.requestSyntax(ir, operation), "");
    this.push(...(input ? this.syntax(input, "") : ["{}"]), "```");

    this.push("", "## Request parameters", "");
    if (input && input.members.length > 0) {
      this.push("The request accepts the following data in JSON format.");
      this.members(input, "###");
    } else {
      this.push("The request takes no parameters; its body is `{}`.");
    }

    this.push("", "## Response elements", "");
    if (output && output.members.length > 0) {
      this.push("If the action is successful, the service sends back an HTTP 200 response with the following data in JSON format.", "");
      this.push("```json", ...this.syntax(output, ""), "```");
      this.members(output, "###");
    } else {
      this.push("If the action is successful, the service sends back an HTTP 200 response with an empty HTTP body.");
    }

    this.push("", "## Errors");
    for (const id of operation.errors) {
      const error = this.structure(id);
      this.push("", `### ${error.name}`, "", paragraph(error.documentation), "");
      this.push(`HTTP status code: ${error.error?.httpStatus ?? 400}`);
    }

    if (this.dataTypes.size > 0) {
      this.push("", "## Data types");
      // A live iteration: a data type's members may bring in more (a union's, first seen here).
      for (const shape of this.dataTypes.values()) {
        this.push("", `### ${shape.name}`, "", paragraph(shape.documentation));
        if (shape.kind === "structure") this.members(shape, "####");
        if (shape.kind === "union") {
          this.push("", "A union: exactly one of the following members is set.");
          this.members(shape, "####");
        }
      }
    }
    return this.lines.join("\n").replace(/\n{3,}/g, "\n\n");
  }

  /** Each member, with its type and what the model says about it; a union's members are never required, so that line is left out. */
  private members(shape: StructureShape | UnionShape, heading: string): void {
    for (const member of shape.members) {
      this.push("", `${heading} ${this.protocol.wireName(member)}`, "", paragraph(member.documentation), "");
      this.push(`- Type: ${this.typeName(member.target)}`);
      const { length, range, pattern } = member.constraints;
      const kind = this.shape(member.target).kind;
      // A list's @length counts its items, a map's its entries (Smithy's length trait).
      if (length) this.push(kind === "list" ? `- Array members: ${counts(length, "item")}` : kind === "map" ? `- Map entries: ${counts(length, "entry")}` : `- Length constraints: ${bounds(length, "length")}`);
      if (range) this.push(`- Valid range: ${bounds(range, "value")}`);
      if (pattern !== undefined) this.push(`- Pattern: \`${pattern}\``);
      const target = this.shape(member.target);
      if (target.kind === "enum" || target.kind === "intEnum") this.push(`- Valid values: ${target.values.map((v) => `\`${v.value}\``).join(" | ")}`);
      if (member.default !== undefined) this.push(`- Default: \`${JSON.stringify(member.default)}\``);
      if (member.sensitive) this.push("- Sensitive: yes");
      if (member.deprecated) this.push(`- Deprecated: ${member.deprecated.message ?? "yes"}`);
      if (shape.kind === "structure") this.push(`- Required: ${member.required ? "Yes" : "No"}`);
    }
  }

  /** The request-syntax skeleton of a structure, one member per line. */
  private syntax(shape: StructureShape, indent: string): string[] {
    const inner = `${indent}   `;
    const lines = ["{"];
    shape.members.forEach((member, index) => {
      const comma = index < shape.members.length - 1 ? "," : "";
      const value = this.placeholder(member, inner);
      lines.push(`${inner}"${this.protocol.wireName(member)}": ${value[0]}`, ...value.slice(1));
      lines[lines.length - 1] += comma;
    });
    lines.push(`${indent}}`);
    return lines;
  }

  private placeholder(member: Member, indent: string): string[] {
    const target = this.shape(member.target);
    const inner = `${indent}   `;
    switch (target.kind) {
      case "structure": {
        this.dataTypes.set(target.id, target);
        // A recursive structure is spelled out once; deeper levels point back to it.
        if (this.expanding.has(target.id)) return [`{ /* ${target.name}, as above */ }`];
        this.expanding.add(target.id);
        const lines = this.syntax(target, indent);
        this.expanding.delete(target.id);
        return lines;
      }
      case "list": {
        const item = this.placeholder(target.member, inner);
        return ["[", `${inner}${item[0]}`, ...item.slice(1), `${indent}]`];
      }
      case "map": {
        const value = this.placeholder(target.value, inner);
        return ["{", `${inner}"string": ${value[0]}`, ...value.slice(1), `${indent}}`];
      }
      case "union":
        this.dataTypes.set(target.id, target);
        return [`{ /* one member of ${target.name} */ }`];
      case "string":
      case "enum":
      case "blob":
      case "bigDecimal":
        return ['"string"'];
      case "boolean":
        return ["boolean"];
      case "timestamp":
        // Epoch seconds travel as a JSON number, the other formats as strings.
        return [(member.timestampFormat ?? this.protocol.defaultTimestampFormat) === "epoch-seconds" ? "number" : '"string"'];
      case "document":
        return ["JSON value"];
      default:
        return ["number"];
    }
  }

  private typeName(id: string): string {
    const shape = this.shape(id);
    switch (shape.kind) {
      case "structure":
      case "union":
        this.dataTypes.set(shape.id, shape);
        return `[${shape.name}](#${shape.name.toLowerCase()}) object`;
      case "list":
        return `Array of ${this.typeName(shape.member.target)}`;
      case "map":
        return `String to ${this.typeName(shape.value.target)} map`;
      case "enum":
        return "String";
      case "intEnum":
        return "Integer";
      case "bigInteger":
        return "BigInteger";
      case "bigDecimal":
        return "BigDecimal";
      default:
        return shape.kind.charAt(0).toUpperCase() + shape.kind.slice(1);
    }
  }

  private structure(id: string): StructureShape {
    const shape = this.shape(id);
    if (shape.kind !== "structure") throw new GenerateError(`docs: ${id} should be a structure, but is a ${shape.kind}.`);
    return shape;
  }

  private shape(id: string): Shape {
    const shape = this.ir.shapes.get(id);
    if (!shape) throw new GenerateError(`docs: ${id} is referenced but not loaded.`);
    return shape;
  }

  private push(...lines: string[]): void {
    this.lines.push(...lines);
  }
}

function bounds(range: { min?: number; max?: number }, what: "length" | "value"): string {
  const parts: string[] = [];
  if (range.min !== undefined) parts.push(`Minimum ${what} of ${range.min}.`);
  if (range.max !== undefined) parts.push(`Maximum ${what} of ${range.max}.`);
  return parts.join(" ");
}

/** `Minimum number of 1 item. Maximum number of 5 items.`, as AWS's reference pages count a list's or a map's size. */
function counts(range: { min?: number; max?: number }, unit: "item" | "entry"): string {
  const plural = (n: number) => (n === 1 ? unit : unit === "entry" ? "entries" : "items");
  const parts: string[] = [];
  if (range.min !== undefined) parts.push(`Minimum number of ${range.min} ${plural(range.min)}.`);
  if (range.max !== undefined) parts.push(`Maximum number of ${range.max} ${plural(range.max)}.`);
  return parts.join(" ");
}

/** Model documentation as Markdown: trimmed only, since its blank lines already separate paragraphs. */
function paragraph(text: string | undefined): string {
  return (text ?? "").trim();
}
