// The types target: one exported type per structure, union, enum and error, and the
// operation map, as ts-morph structures.
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import { GenerateError } from "../errors.js";
import type { Member, ModelIR, Shape, StructureShape, UnionShape } from "../ir/types.js";
import { clientPresent, serverPresent, serverViews } from "./names.js";
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
        if (shape.id !== "smithy.api#Unit") statements.push(structure(ir, shape, shape.name, typeOf, (member) => clientPresent(shape, member)));
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

  statements.push(...serverViewStatements(ir, used));

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

/**
 * The server's view of each shape a handler receives where it differs from the plain type
 * (see `serverViews`), and `<Operation>ServerInput` for every operation with an input.
 */
function serverViewStatements(ir: ModelIR, used: Set<string>): StatementStructures[] {
  const { names, inputs } = serverViews(ir);
  const typeOf = (member: Member) => names.get(member.target) ?? typeExpression(ir, member.target, used);
  const statements: StatementStructures[] = [];
  for (const [id, name] of names) {
    const shape = ir.shapes.get(id)!;
    const about = `The server's view of \`${shape.name}\`, as a handler receives it: validated, with every required member present and every member that has a default filled in.`;
    switch (shape.kind) {
      case "structure":
        statements.push(structure(ir, shape, name, typeOf, serverPresent, [about], true));
        break;
      case "union":
        statements.push(...union(shape, typeOf, name, [about]));
        break;
      case "list":
        statements.push({ kind: StructureKind.TypeAlias, isExported: true, name, docs: docs([about]), type: `Array<${typeOf(shape.member)}${shape.sparse ? " | null" : ""}>` });
        break;
      case "map": {
        const key = ir.shapes.get(shape.key.target);
        const value = `${typeOf(shape.value)}${shape.sparse ? " | null" : ""}`;
        statements.push({ kind: StructureKind.TypeAlias, isExported: true, name, docs: docs([about]), type: key?.kind === "enum" ? `Partial<Record<${key.name}, ${value}>>` : `Record<string, ${value}>` });
        break;
      }
      default:
        break;
    }
  }
  for (const [operation, input] of inputs) {
    if (input.name === input.type) continue;
    statements.push({
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: input.name,
      docs: docs([`What a handler of ${operation} receives, validated: \`${input.type}\`.`]),
      type: input.type,
    });
  }
  return statements;
}

/**
 * An interface for a structure; `present` says which members are always there. The server's
 * view (`serverView`) says of a defaulted member what a handler sees: its default filled in.
 */
function structure(
  ir: ModelIR,
  shape: StructureShape,
  name: string,
  typeOf: (member: Member) => string,
  present: (member: Member) => boolean,
  about: string[] = [],
  serverView = false,
): StatementStructures {
  const properties = shape.members.map((member) => {
    const required = present(member);
    const filled = serverView && member.default !== undefined;
    return {
      name: member.name,
      hasQuestionToken: !required,
      docs: docs(
        memberDocs(member, {
          required: filled ? undefined : member.required,
          constraints: member.constraints,
          unit: unitOf(ir, member),
          extra: [
            ...(filled ? [`${member.required ? "Required, but" : "Optional, and"} \`${JSON.stringify(member.default)}\` when the caller leaves it out.`] : []),
            ...(member.default !== undefined && !filled ? [`Default: \`${JSON.stringify(member.default)}\`.`] : []),
            ...(member.idempotencyToken ? ["An idempotency token: left out, the client sends a random UUID (the same one on every retry of the call)."] : []),
            ...(member.hostLabel ? ["Also part of the request's host name, so it must be a valid host label: letters, digits and hyphens, 1 to 63 characters."] : []),
          ],
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
  const extra = [...about, ...(shape.error ? [`A ${shape.error.fault} error, answered with HTTP ${shape.error.httpStatus}.`] : [])];
  return {
    kind: StructureKind.Interface,
    isExported: true,
    name,
    docs: docs(shapeDocs(shape, extra)),
    properties,
  };
}

/** A union is one object type per member: that member set, every other one absent. */
function union(shape: UnionShape, typeOf: (member: Member) => string, name = shape.name, about: string[] = []): StatementStructures[] {
  const variant = (chosen: Member | undefined) =>
    `{ ${shape.members.map((m) => (m === chosen ? `${m.name}: ${typeOf(m)}` : `${m.name}?: never`)).join("; ")}${
      chosen ? "; $unknown?: never" : `; $unknown: [string, unknown]`
    } }`;
  return [
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name,
      docs: docs(
        shapeDocs(shape, [
          ...about,
          "Exactly one member is set. `$unknown` carries a member this version of the model does not know.",
        ]),
      ),
      type: [...shape.members.map(variant), variant(undefined)].join("\n| "),
    },
  ];
}

/** What a member's `@length` counts, by the kind of its target (Smithy's length trait). */
function unitOf(ir: ModelIR, member: Member): string {
  switch (ir.shapes.get(member.target)?.kind) {
    case "blob":
      return "bytes";
    case "map":
      return "entries";
    case "list":
      return "items";
    default:
      return "characters (Unicode code points)";
  }
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
