// The types target: one exported type per structure, union, enum and error, and the
// operation map, as ts-morph structures.
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import { GenerateError } from "../errors.js";
import type { Member, ModelIR, Shape, StructureShape, UnionShape } from "../ir/types.js";
import type { GeneratedFile } from "./target.js";
import { docs, memberDocs, printStatements, shapeDocs } from "./ts.js";

const TYPES_FILE = "types.ts";

export function emitTypes(ir: ModelIR): GeneratedFile[] {
  const statements: StatementStructures[] = [];
  const used = new Set<string>();
  const typeOf = (member: Member) => typeExpression(ir, member.target, used);

  for (const shape of ir.shapes.values()) {
    switch (shape.kind) {
      case "structure":
        // smithy.api#Unit is the `Unit` alias below.
        if (shape.id !== "smithy.api#Unit") statements.push(structure(shape, typeOf));
        break;
      case "union":
        statements.push(...union(shape, typeOf));
        break;
      case "enum":
      case "intEnum": {
        const literal = (value: string | number) => (typeof value === "string" ? JSON.stringify(value) : String(value));
        statements.push({
          kind: StructureKind.VariableStatement,
          isExported: true,
          declarationKind: VariableDeclarationKind.Const,
          docs: docs(shapeDocs(shape)),
          declarations: [
            {
              name: shape.name,
              initializer: `{\n${shape.values.map((v) => `${JSON.stringify(v.name)}: ${literal(v.value)},`).join("\n")}\n} as const`,
            },
          ],
        });
        statements.push({
          kind: StructureKind.TypeAlias,
          isExported: true,
          name: shape.name,
          docs: docs(shapeDocs(shape, [`One of: ${shape.values.map((v) => `\`${literal(v.value)}\``).join(", ")}.`])),
          type: `(typeof ${shape.name})[keyof typeof ${shape.name}]`,
        });
        break;
      }
      case "list":
        statements.push({
          kind: StructureKind.TypeAlias,
          isExported: true,
          name: shape.name,
          docs: docs(memberDocs(shape, { constraints: shape.constraints, unit: "items" })),
          type: `Array<${typeOf(shape.member)}${shape.sparse ? " | null" : ""}>`,
        });
        break;
      case "map": {
        const key = ir.shapes.get(shape.key.target);
        const value = `${typeOf(shape.value)}${shape.sparse ? " | null" : ""}`;
        statements.push({
          kind: StructureKind.TypeAlias,
          isExported: true,
          name: shape.name,
          docs: docs(memberDocs(shape, { constraints: shape.constraints, unit: "entries" })),
          type: key?.kind === "enum" ? `Partial<Record<${key.name}, ${value}>>` : `Record<string, ${value}>`,
        });
        break;
      }
      default:
        // Simple shapes are written inline where they are used.
        break;
    }
  }

  for (const operation of ir.operations) {
    const errors = operation.errors.map((id) => ir.shapes.get(id)!.name);
    statements.push({
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: `${operation.name}Error`,
      docs: docs([`The errors ${operation.name} can return, told apart by \`name\`.`]),
      type: errors.length > 0 ? errors.join(" | ") : "never",
    });
  }
  statements.push({
    kind: StructureKind.TypeAlias,
    isExported: true,
    name: "Unit",
    docs: docs(["The empty input or output of an operation that takes or returns nothing (`smithy.api#Unit`)."]),
    type: "Record<string, never>",
  });
  statements.push({
    kind: StructureKind.Interface,
    isExported: true,
    name: `${ir.service.name}Operations`,
    docs: docs([`Every operation of ${ir.service.title ?? ir.service.name}, with its input, output and error types.`]),
    properties: ir.operations.map((operation) => ({
      name: operation.name,
      docs: docs([operation.documentation, ...(operation.deprecated ? ["@deprecated"] : [])]),
      type: `{ input: ${operation.input ? ir.shapes.get(operation.input)!.name : "Unit"}; output: ${
        operation.output ? ir.shapes.get(operation.output)!.name : "Unit"
      }; error: ${operation.name}Error }`,
    })),
  });
  if (used.has("DocumentType")) {
    statements.unshift({
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: "DocumentType",
      docs: docs(["Any JSON value (`smithy.api#Document`)."]),
      type: "null | boolean | number | string | DocumentType[] | { [key: string]: DocumentType }",
    });
  }
  return [{ path: TYPES_FILE, contents: printStatements(TYPES_FILE, statements) }];
}

function structure(shape: StructureShape, typeOf: (member: Member) => string): StatementStructures {
  const properties = shape.members.map((member) => {
    const required = member.required && !member.clientOptional && !shape.isInput;
    return {
      name: member.name,
      hasQuestionToken: !required,
      docs: docs(
        memberDocs(member, {
          required: member.required,
          constraints: member.constraints,
          unit: unitOf(typeOf(member)),
          extra: member.default !== undefined ? [`Default: \`${JSON.stringify(member.default)}\`.`] : [],
        }),
      ),
      type: typeOf(member),
    };
  });
  if (shape.error) {
    properties.unshift(
      { name: "name", hasQuestionToken: false, docs: docs(["The error's name, as it travels on the wire."]), type: JSON.stringify(shape.name) },
      { name: "$fault", hasQuestionToken: false, docs: docs(["Whose fault the error is: the caller's (client) or the service's (server)."]), type: JSON.stringify(shape.error.fault) },
    );
  }
  const extra = shape.error ? [`A ${shape.error.fault} error, answered with HTTP ${shape.error.httpStatus}.`] : [];
  return {
    kind: StructureKind.Interface,
    isExported: true,
    name: shape.name,
    docs: docs(shapeDocs(shape, extra)),
    properties,
  };
}

/** A union is one object type per member: that member set, every other one absent. */
function union(shape: UnionShape, typeOf: (member: Member) => string): StatementStructures[] {
  const variant = (chosen: Member | undefined) =>
    `{ ${shape.members.map((m) => (m === chosen ? `${m.name}: ${typeOf(m)}` : `${m.name}?: never`)).join("; ")}${
      chosen ? "; $unknown?: never" : `; $unknown: [string, unknown]`
    } }`;
  return [
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: shape.name,
      docs: docs(
        shapeDocs(shape, [
          "Exactly one member is set. `$unknown` carries a member this version of the model does not know.",
        ]),
      ),
      type: [...shape.members.map(variant), variant(undefined)].join("\n| "),
    },
  ];
}

function unitOf(type: string): string {
  if (type === "string") return "characters (Unicode code points)";
  if (type === "Uint8Array") return "bytes";
  if (type.startsWith("Record<") || type.startsWith("Partial<Record<")) return "entries";
  return "items";
}

function typeExpression(ir: ModelIR, id: string, used: Set<string>): string {
  const shape: Shape | undefined = ir.shapes.get(id);
  if (!shape) throw new GenerateError(`types: ${id} is referenced but not loaded.`);
  switch (shape.kind) {
    case "structure":
    case "union":
    case "enum":
    case "intEnum":
    case "list":
    case "map":
      return shape.name;
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "float":
    case "double":
      return "number";
    case "bigInteger":
      return "bigint";
    case "bigDecimal":
      // Exact decimals have no JS number type; they travel as JSON numbers and are kept as text.
      return "string";
    case "timestamp":
      return "Date";
    case "blob":
      return "Uint8Array";
    case "document":
      used.add("DocumentType");
      return "DocumentType";
  }
}
