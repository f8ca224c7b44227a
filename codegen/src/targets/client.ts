// The client target: error classes, one standalone (tree-shakeable) function per
// operation with its wire (de)serializers, and a client class over them. The service's
// protocol writes the (de)serializers; the engine they call is the hand-written runtime
// in packages/client/src/runtime.
import { Scope, StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import { GenerateError } from "../errors.js";
import type { ModelIR, StructureShape } from "../ir/types.js";
import { protocolFor, type Protocol } from "../protocols/index.js";
import { clientClassName, errorShapes, methodName } from "./names.js";
import type { GeneratedFile, TargetContext } from "./target.js";
import { docs, printStatements, shapeDocs } from "./ts.js";

export function emitClient(ir: ModelIR, context: TargetContext): GeneratedFile[] {
  const protocol = protocolFor(ir, "client");
  if (!ir.service.signingName) throw new GenerateError(`client: ${ir.service.id} has no aws.auth#sigv4 trait; the client signs every request with SigV4.`);
  return [
    { path: "errors.ts", contents: errorsFile(ir, protocol) },
    { path: "operations.ts", contents: operationsFile(ir, protocol, context) },
    { path: "client.ts", contents: clientFile(ir) },
  ];
}

function errorsFile(ir: ModelIR, protocol: Protocol): string {
  const statements: StatementStructures[] = [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "../runtime/errors.js", namedImports: [{ name: "ResponseMetadata", isTypeOnly: true }, "ServiceException"] },
  ];
  for (const shape of errorShapes(ir)) {
    const fault = shape.error!.fault;
    const extra = shape.members.filter((member) => member.name !== "message");
    statements.push({
      kind: StructureKind.Class,
      isExported: true,
      name: shape.name,
      extends: "ServiceException",
      docs: docs(shapeDocs(shape, [`A ${fault} error: the service answers ${protocol.describeErrorAnswer(shape)}.`])),
      properties: [
        { name: "name", hasOverrideKeyword: true, isReadonly: true, initializer: `${JSON.stringify(shape.name)} as const` },
        { name: "$fault", hasOverrideKeyword: true, isReadonly: true, initializer: `${JSON.stringify(fault)} as const` },
        // `declare`: no field initializer, so the runtime can set what the answer carried.
        ...extra.map((member) => ({ name: member.name, hasDeclareKeyword: true, hasQuestionToken: true, type: "unknown", docs: docs([member.documentation, "As it came on the wire."]) })),
      ],
      ctors: [
        {
          parameters: [{ name: "options", type: "{ message?: string; $metadata: ResponseMetadata }" }],
          statements: [`super({ name: ${JSON.stringify(shape.name)}, $fault: ${JSON.stringify(fault)}, ...options });`],
        },
      ],
    });
  }
  statements.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: docs(["Every modeled error class, by the name the service gives it."]),
    declarations: [{ name: "modeledErrors", initializer: `{ ${errorShapes(ir).map((shape) => shape.name).join(", ")} }` }],
  });
  return printStatements("errors.ts", statements);
}

function operationsFile(ir: ModelIR, protocol: Protocol, context: TargetContext): string {
  const { service } = ir;
  const wire = protocol.codec(ir, "client");
  const statements: StatementStructures[] = [];
  const typeImports = new Set<string>(["Unit"]);
  const validatorImports = new Set<string>();
  const body: StatementStructures[] = [];

  body.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: docs([`How to reach ${service.title ?? service.name}: its protocol, target prefix, signing name, endpoint and errors.`]),
    declarations: [
      {
        name: "service",
        type: "ClientServiceDescription",
        initializer: `{
          protocol: ${protocol.runtime.descriptor},
          targetPrefix: ${JSON.stringify(service.targetPrefix)},
          signingName: ${JSON.stringify(service.signingName)},
          endpointPrefix: ${JSON.stringify(service.endpointPrefix ?? service.signingName)},
          userAgent: ${JSON.stringify(`codepipeline-partner-client/${context.version}`)},
          errors: modeledErrors,
        }`,
      },
    ],
  });

  for (const operation of ir.operations) {
    const input = operation.input ? (ir.shapes.get(operation.input) as StructureShape) : undefined;
    const output = operation.output ? (ir.shapes.get(operation.output) as StructureShape) : undefined;
    const inputType = input?.name ?? "Unit";
    const outputType = output?.name ?? "Unit";
    typeImports.add(inputType);
    typeImports.add(outputType);
    if (input) validatorImports.add(`validate${input.name}`);
    const description = `${methodName(operation.name)}Operation`;
    body.push({
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [
        {
          name: description,
          type: `OperationDescription<${inputType}, ${outputType}>`,
          initializer: `{
            name: ${JSON.stringify(operation.name)},
            serialize: ${input ? wire.serializer(input) : "() => ({})"},
            validate: ${input ? `validate${input.name}` : "() => ({ ok: true })"},
            ${output ? `deserialize: ${wire.deserializer(output)},` : ""}
          }`,
        },
      ],
    });
    body.push({
      kind: StructureKind.Function,
      isExported: true,
      name: methodName(operation.name),
      docs: docs([operation.documentation, "", `Throws ${operation.errors.map((id) => `\`${ir.shapes.get(id)!.name}\``).join(", ")} as modeled; any other service error as \`ServiceException\`.`, ...(operation.deprecated ? ["@deprecated"] : [])]),
      parameters: [
        { name: "client", type: "Client" },
        { name: "input", type: inputType, ...(input && input.members.some((m) => m.required) ? {} : { initializer: "{}" as string }) },
        { name: "options", type: "CallOptions", hasQuestionToken: true },
      ],
      returnType: `Promise<Output<${outputType}>>`,
      statements: [`return invoke(client, ${description}, input, options);`],
    });
  }
  // The public API reads first; the private (de)serializers follow (declarations are hoisted).
  body.push(...wire.functions());
  for (const type of wire.typesUsed) typeImports.add(type);

  statements.push(
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "@codepipeline-partner/types", namedImports: [...typeImports].sort().map((name) => ({ name, isTypeOnly: true })) },
    ...(validatorImports.size > 0 ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: "@codepipeline-partner/validators", namedImports: [...validatorImports].sort() }] : []),
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: "../runtime/client.js",
      namedImports: [{ name: "CallOptions", isTypeOnly: true }, { name: "Client", isTypeOnly: true }, { name: "ClientServiceDescription", isTypeOnly: true }, { name: "OperationDescription", isTypeOnly: true }, { name: "Output", isTypeOnly: true }, "invoke"],
    },
    ...wire.imports([protocol.runtime.descriptor]),
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "./errors.js", namedImports: ["modeledErrors"] },
    ...body,
  );
  return printStatements("operations.ts", statements);
}

function clientFile(ir: ModelIR): string {
  const name = clientClassName(ir);
  const operations = ir.operations.map((operation) => {
    const input = operation.input ? (ir.shapes.get(operation.input) as StructureShape) : undefined;
    return { operation, input: input?.name ?? "Unit", output: operation.output ? ir.shapes.get(operation.output)!.name : "Unit", optional: !input?.members.some((m) => m.required) };
  });
  const types = new Set(operations.flatMap((op) => [op.input, op.output]));
  const statements: StatementStructures[] = [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "@codepipeline-partner/types", namedImports: [...types].sort().map((type) => ({ name: type, isTypeOnly: true })) },
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: "../runtime/client.js",
      namedImports: [{ name: "CallOptions", isTypeOnly: true }, { name: "Client", isTypeOnly: true }, { name: "ClientConfig", isTypeOnly: true }, { name: "Output", isTypeOnly: true }, "createClient"],
    },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "./operations.js", namedImports: ["service", ...ir.operations.map((op) => methodName(op.name))] },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: `create${name}`,
      docs: docs([`A ${ir.service.title ?? ir.service.name} client for the standalone operation functions, which keep a bundle to the operations it calls.`]),
      parameters: [{ name: "config", type: "ClientConfig", initializer: "{}" }],
      returnType: "Client",
      statements: ["return createClient(config, service);"],
    },
    {
      kind: StructureKind.Class,
      isExported: true,
      name,
      docs: docs([`${ir.service.title ?? ir.service.name}, one method per operation.`]),
      properties: [{ name: "client", isReadonly: true, type: "Client", scope: Scope.Public }],
      ctors: [{ parameters: [{ name: "config", type: "ClientConfig", initializer: "{}" }], statements: ["this.client = createClient(config, service);"] }],
      methods: operations.map(({ operation, input, output, optional }) => ({
        name: methodName(operation.name),
        docs: docs([operation.documentation]),
        parameters: [
          { name: "input", type: input, ...(optional ? { initializer: "{}" } : {}) },
          { name: "options", type: "CallOptions", hasQuestionToken: true },
        ],
        returnType: `Promise<Output<${output}>>`,
        statements: [`return ${methodName(operation.name)}(this.client, input, options);`],
      })),
    },
  ];
  return printStatements("client.ts", statements);
}
