// The server target: the service interface a user implements (one async function per
// operation), the modeled error classes to throw, and a factory that wires them into the
// hand-written handler. The service's protocol writes the wire (de)serializers.
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import type { ModelIR, StructureShape } from "../ir/types.js";
import { DEFAULT_LAYOUT, type ImportSpecifiers } from "../layout.js";
import { protocolFor } from "../protocols/index.js";
import { ERROR_TYPES_NAMESPACE, errorMembers, errorShapes, methodName, serverViews, serviceInterfaceName } from "./names.js";
import { fileImports } from "./imports.js";
import type { GeneratedFile } from "./target.js";
import { docs, printStatements, shapeDocs } from "./ts.js";

const FILE = "service.ts";

export function emitServer(ir: ModelIR, imports: ImportSpecifiers = DEFAULT_LAYOUT.imports): GeneratedFile[] {
  const protocol = protocolFor(ir, "server");
  // First: it refuses a shape named as the server names another's view or input.
  const r = fileImports(ir);
  // Handlers get the server's view of their input: required members present, defaults filled in.
  const views = serverViews(ir);
  const wire = protocol.codec(ir, "server", {
    fillDefaults: true,
    deserializedType: (shape) => views.names.get(shape.id) ?? shape.name,
    // This file's error classes take the errors' names: their types come through a namespace.
    errorType: (shape) => `Partial<${ERROR_TYPES_NAMESPACE}.${shape.name}>`,
  });
  const iface = serviceInterfaceName(ir);
  const types = new Set<string>(["Unit"]);
  const validators = new Set<string>();
  const body: StatementStructures[] = [];

  const errors = errorShapes(ir);
  for (const error of errors) {
    const fault = error.error!.fault;
    // An error's members besides its message are typed, and sent in their wire form, converted by the protocol's serializer.
    const extra = errorMembers(error);
    const membersType = `Omit<${ERROR_TYPES_NAMESPACE}.${error.name}, "name" | "$fault" | "message">`;
    const required = extra.some((member) => member.required);
    const parameter =
      extra.length === 0
        ? { name: "options", type: r.name("ModeledErrorOptions"), initializer: "{}" }
        : required
          ? { name: "options", type: `{ message?: string; members: ${membersType} }` }
          : { name: "options", type: `${r.name("ModeledErrorOptions")}<${membersType}>`, initializer: "{}" };
    const members = extra.length === 0 ? "" : `, ${wire.serializer(error)}(options.members${required ? "" : " ?? {}"})`;
    body.push({
      kind: StructureKind.Class,
      isExported: true,
      name: error.name,
      extends: r.name("ModeledError"),
      docs: docs(shapeDocs(error, [`Throw it from a handler to answer ${protocol.describeErrorAnswer(error)}.`])),
      ctors: [
        {
          parameters: [parameter],
          statements: [`super(${JSON.stringify(error.name)}, ${JSON.stringify(fault)}, ${error.error!.httpStatus}, options${members});`],
        },
      ],
    });
  }

  const operations = ir.operations.map((operation) => {
    const input = operation.input ? (ir.shapes.get(operation.input) as StructureShape) : undefined;
    const output = operation.output ? (ir.shapes.get(operation.output) as StructureShape) : undefined;
    const inputType = input ? views.inputs.get(operation.name)!.name : "Unit";
    if (input) validators.add(`validate${input.name}`);
    types.add(inputType);
    if (output) types.add(output.name);
    return {
      operation,
      inputType,
      outputType: output?.name ?? "Unit",
      spec: `{
        method: ${JSON.stringify(methodName(operation.name))},
        validate: ${input ? `validate${input.name}` : "(wire: unknown) => (typeof wire === \"object\" && wire !== null && !Array.isArray(wire) ? { ok: true } : { ok: false, kind: \"deserialization\", path: \"\", message: \"Expected an object at the top level.\" })"},
        deserialize: ${input ? wire.deserializer(input) : "() => ({})"},
        ${output ? `serialize: ${wire.serializer(output)} as (output: never) => Record<string, unknown>,` : ""}
        ${exactJson(wire.parser(input), wire.stringifier(output))}
      }`,
    };
  });

  body.push({
    kind: StructureKind.Interface,
    isExported: true,
    name: iface,
    docs: docs([
      `What a server for ${ir.service.title ?? ir.service.name} implements: one async function per operation.`,
      "Each gets the validated, typed input and returns the output (nothing, for operations that return",
      "nothing), or throws one of the modeled error classes.",
    ]),
    properties: operations.map(({ operation, inputType, outputType }) => ({
      name: methodName(operation.name),
      docs: docs([operation.documentation, ...(operation.errors.length > 0 ? ["", `May throw ${operation.errors.map((id) => `\`${ir.shapes.get(id)!.name}\``).join(", ")}.`] : [])]),
      type: `(input: ${inputType}, context: ${r.name("RequestContext")}) => Promise<${outputType === "Unit" ? "Unit | void" : outputType}>`,
    })),
  });
  body.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: docs(["The protocol facts and per-operation code the handler needs."]),
    declarations: [
      {
        name: "service",
        type: r.name("ServerServiceDescription"),
        initializer: `{
          protocol: ${r.name(protocol.runtime.descriptor)},
          targetPrefix: ${JSON.stringify(ir.service.targetPrefix)},
          signingName: ${JSON.stringify(ir.service.signingName ?? ir.service.name.toLowerCase())},
          operations: { ${operations.map(({ operation, spec }) => `${JSON.stringify(operation.name)}: ${spec}`).join(",\n")} },
        }`,
      },
    ],
  });
  body.push({
    kind: StructureKind.Function,
    isExported: true,
    name: `create${iface}Handler`,
    docs: docs([
      `The complete ${protocol.name} endpoint for ${ir.service.title ?? ir.service.name} around your implementation:`,
      "`(HttpRequest) => Promise<HttpResponse>`. Serve it with `listen`, `toRequestListener`, `toFetchHandler` or `toLambdaHandler`.",
    ]),
    parameters: [
      { name: "implementation", type: iface },
      { name: "options", type: r.name("HandlerOptions"), hasQuestionToken: true },
    ],
    returnType: r.name("ServiceHandler"),
    statements: [`return ${r.name("createServiceHandler")}(service, implementation, options);`],
  });
  for (const type of wire.typesUsed) types.add(type);

  const statements: StatementStructures[] = [
    r.sibling(imports.types.fromServer, [...types].sort().map((name) => `type ${name}`)),
    ...(errors.some((error) => errorMembers(error).length > 0)
      ? [{ kind: StructureKind.ImportDeclaration, isTypeOnly: true, namespaceImport: ERROR_TYPES_NAMESPACE, moduleSpecifier: imports.types.fromServer } as const]
      : []),
    ...(validators.size > 0 ? [r.sibling(imports.validators.fromServer, [...validators].sort())] : []),
    ...wire.imports([protocol.runtime.descriptor]),
    r.runtime(imports.runtime("server", "errors"), ["ModeledError", "type ModeledErrorOptions"]),
    r.runtime(imports.runtime("server", "handler"), ["type HandlerOptions", "type RequestContext", "type ServerServiceDescription", "createServiceHandler"]),
    r.runtime(imports.runtime("server", "http"), ["type ServiceHandler"]),
    ...body,
    // The public API reads first; the private (de)serializers follow (declarations are hoisted).
    ...wire.functions(),
  ];
  return [{ path: FILE, contents: printStatements(FILE, statements) }];
}

/** The descriptor's exact JSON reader and writer, for an operation whose messages hold big numbers. */
function exactJson(parse: string | undefined, stringify: string | undefined): string {
  return `${parse ? `parse: ${parse},` : ""}${stringify ? `stringify: ${stringify},` : ""}`;
}
