// The client target: error classes, wire serializers and deserializers, one standalone
// (tree-shakeable) function per operation, and a client class over them. The protocol
// engine they call is the hand-written runtime in packages/client/src/runtime.
import { Scope, StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import { GenerateError } from "../errors.js";
import type { Member, ModelIR, Shape, StructureShape } from "../ir/types.js";
import type { TargetContext } from "./context.js";
import { docs, printStatements, shapeDocs } from "./ts.js";

const DIR = "packages/client/src/generated";
const AWS_JSON = new Set(["aws.protocols#awsJson1_1", "aws.protocols#awsJson1_0"]);

export function emitClient(ir: ModelIR, context: TargetContext): Array<{ path: string; code: string }> {
  if (!ir.service.protocol || !AWS_JSON.has(ir.service.protocol)) {
    throw new GenerateError(`client: ${ir.service.id} uses protocol ${ir.service.protocol ?? "(none)"}; the client target speaks awsJson1_0 and awsJson1_1 only.`);
  }
  if (!ir.service.signingName) throw new GenerateError(`client: ${ir.service.id} has no aws.auth#sigv4 trait; the client signs every request with SigV4.`);
  const wire = new WireCode(ir);
  return [
    { path: `${DIR}/errors.ts`, code: errorsFile(ir) },
    { path: `${DIR}/operations.ts`, code: operationsFile(ir, wire, context) },
    { path: `${DIR}/client.ts`, code: clientFile(ir) },
  ];
}

export function clientClassName(ir: ModelIR): string {
  return `${(ir.service.sdkId ?? ir.service.name).replace(/[^A-Za-z0-9]/g, "")}Client`;
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

function errorShapes(ir: ModelIR): StructureShape[] {
  const ids = new Set(ir.operations.flatMap((operation) => operation.errors));
  return [...ids].sort().map((id) => ir.shapes.get(id) as StructureShape);
}

function errorsFile(ir: ModelIR): string {
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
      docs: docs(shapeDocs(shape, [`A ${fault} error, answered with HTTP ${shape.error!.httpStatus}.`])),
      properties: [
        { name: "name", hasOverrideKeyword: true, isReadonly: true, initializer: `${JSON.stringify(shape.name)} as const` },
        { name: "$fault", hasOverrideKeyword: true, isReadonly: true, initializer: `${JSON.stringify(fault)} as const` },
        ...extra.map((member) => ({ name: member.name, hasQuestionToken: true, type: "unknown", docs: docs([member.documentation, "As it came on the wire."]) })),
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
  return printStatements(`${DIR}/errors.ts`, statements);
}

function operationsFile(ir: ModelIR, wire: WireCode, context: TargetContext): string {
  const { service } = ir;
  const statements: StatementStructures[] = [];
  const typeImports = new Set<string>(["Unit"]);
  const validatorImports = new Set<string>();
  const body: StatementStructures[] = [];
  const contentType = service.protocol === "aws.protocols#awsJson1_0" ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";

  body.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: docs([`How to reach ${service.title ?? service.name}: its target prefix, signing name, endpoint and errors.`]),
    declarations: [
      {
        name: "service",
        type: "ServiceDescription",
        initializer: `{
          targetPrefix: ${JSON.stringify(service.targetPrefix)},
          signingName: ${JSON.stringify(service.signingName)},
          endpointPrefix: ${JSON.stringify(service.endpointPrefix ?? service.signingName)},
          contentType: ${JSON.stringify(contentType)},
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
    const description = `${lowerFirst(operation.name)}Operation`;
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
      name: lowerFirst(operation.name),
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
  body.unshift(...wire.functions());
  for (const type of wire.typesUsed) typeImports.add(type);

  statements.push(
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "@codepipeline-partner/types", namedImports: [...typeImports].sort().map((name) => ({ name, isTypeOnly: true })) },
    ...(validatorImports.size > 0 ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: "@codepipeline-partner/validators", namedImports: [...validatorImports].sort() }] : []),
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: "../runtime/client.js",
      namedImports: [{ name: "CallOptions", isTypeOnly: true }, { name: "Client", isTypeOnly: true }, { name: "OperationDescription", isTypeOnly: true }, { name: "Output", isTypeOnly: true }, { name: "ServiceDescription", isTypeOnly: true }, "invoke"],
    },
    ...(wire.runtimeUsed.size > 0 ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: "../runtime/wire.js", namedImports: [...wire.runtimeUsed].sort() }] : []),
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "./errors.js", namedImports: ["modeledErrors"] },
    ...body,
  );
  return printStatements(`${DIR}/operations.ts`, statements);
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
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "./operations.js", namedImports: ["service", ...ir.operations.map((op) => lowerFirst(op.name))] },
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
        name: lowerFirst(operation.name),
        docs: docs([operation.documentation]),
        parameters: [
          { name: "input", type: input, ...(optional ? { initializer: "{}" } : {}) },
          { name: "options", type: "CallOptions", hasQuestionToken: true },
        ],
        returnType: `Promise<Output<${output}>>`,
        statements: [`return ${lowerFirst(operation.name)}(this.client, input, options);`],
      })),
    },
  ];
  return printStatements(`${DIR}/client.ts`, statements);
}

/**
 * Serializers (typed value -> JSON wire object, members in model order, absent members
 * left out) and deserializers (the reverse) for the shapes an operation reaches.
 */
class WireCode {
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
      lines.push("const out: Record<string, unknown> = {};");
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
