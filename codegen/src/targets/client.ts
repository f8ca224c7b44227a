// The client target: error classes, one standalone (tree-shakeable) function per
// operation with its wire (de)serializers, and a client class over them. The service's
// protocol writes the (de)serializers; the engine they call is the hand-written runtime
// in packages/client/src/runtime.
import { Scope, StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import { GenerateError } from "../errors.js";
import type { ModelIR, Operation, StructureShape } from "../ir/types.js";
import { DEFAULT_LAYOUT, type ImportSpecifiers } from "../layout.js";
import { protocolFor, type Protocol, type WireCodec } from "../protocols/index.js";
import { ENDPOINT_RULES_CONFIG, endpointRulesFiles, endpointRulesImports, endpointRulesProperty, hasEndpointRulesOptions } from "./endpoint-rules.js";
import { clientClassName, ERROR_TYPES_NAMESPACE, errorMembers, errorShapes, functionName, INHERITED_NAMES, methodName } from "./names.js";
import { fileImports, type FileImports } from "./imports.js";
import type { GeneratedFile, TargetContext } from "./target.js";
import { docs, printStatements, shapeDocs } from "./ts.js";

export function emitClient(ir: ModelIR, context: TargetContext): GeneratedFile[] {
  const protocol = protocolFor(ir, "client");
  const imports = context.imports ?? DEFAULT_LAYOUT.imports;
  if (!ir.service.signingName) throw new GenerateError(`client: ${ir.service.id} has no aws.auth#sigv4 trait; the client signs every request with SigV4.`);
  return [
    { path: "errors.ts", contents: errorsFile(ir, protocol, imports) },
    { path: "operations.ts", contents: operationsFile(ir, protocol, context) },
    { path: "client.ts", contents: clientFile(ir, imports) },
    { path: "paginators.ts", contents: paginatorsFile(ir, imports) },
    ...endpointRulesFiles(ir, imports),
  ];
}

function errorsFile(ir: ModelIR, protocol: Protocol, imports: ImportSpecifiers): string {
  const r = fileImports(ir);
  const statements: StatementStructures[] = [r.runtime(imports.runtime("client", "errors"), ["type ResponseMetadata", "ServiceException"])];
  // The members' types come from the types package, through a namespace: this file's classes take the errors' names.
  if (errorShapes(ir).some((shape) => errorMembers(shape).length > 0)) {
    statements.push({ kind: StructureKind.ImportDeclaration, isTypeOnly: true, namespaceImport: ERROR_TYPES_NAMESPACE, moduleSpecifier: imports.types.fromClient });
  }
  for (const shape of errorShapes(ir)) {
    const fault = shape.error!.fault;
    const extra = errorMembers(shape);
    const shapeType = `${ERROR_TYPES_NAMESPACE}.${shape.name}`;
    const optionsType = `{ message?: string; $metadata: ${r.name("ResponseMetadata")} }${extra.length > 0 ? ` & Partial<Omit<${shapeType}, "name" | "$fault" | "message">>` : ""}`;
    statements.push({
      kind: StructureKind.Class,
      isExported: true,
      name: shape.name,
      extends: r.name("ServiceException"),
      docs: docs(shapeDocs(shape, [`A ${fault} error: the service answers ${protocol.describeErrorAnswer(shape)}.`])),
      properties: [
        // `declare`: the base constructor sets name and $fault; these only narrow their
        // types, so the classes emit no field initializers (bytes in every bundle).
        { name: "name", hasDeclareKeyword: true, isReadonly: true, type: JSON.stringify(shape.name) },
        { name: "$fault", hasDeclareKeyword: true, isReadonly: true, type: JSON.stringify(fault) },
        // Each modeled member, read from the answer by the protocol's deserializer (undefined when it was not there).
        ...extra.map((member) => ({ name: member.name, hasDeclareKeyword: true, isReadonly: true, type: `${shapeType}[${JSON.stringify(member.name)}] | undefined`, docs: docs([member.documentation]) })),
      ],
      ctors: [
        {
          parameters: [{ name: "options", type: optionsType }],
          statements: [
            `super({ name: ${JSON.stringify(shape.name)}, $fault: ${JSON.stringify(fault)}, ...options });`,
            ...extra.map((member) => `this.${member.name} = options.${member.name};`),
          ],
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
  const imports = context.imports ?? DEFAULT_LAYOUT.imports;
  const wire = protocol.codec(ir, "client", { dropDenseNulls: true });
  const r = fileImports(ir);
  const statements: StatementStructures[] = [];
  const typeImports = new Set<string>(["Unit"]);
  const validatorImports = new Set<string>();
  const runtimeImports = new Set<string>();
  const body: StatementStructures[] = [];
  // The first encoding the client can apply to an operation, in the model's order of preference.
  const compressionOf = (operation: Operation) => operation.requestCompression?.encodings.find((encoding) => encoding === "gzip");
  const compresses = ir.operations.some((operation) => compressionOf(operation) !== undefined);

  body.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: docs([`How to reach ${service.title ?? service.name}: its protocol, target prefix, signing name, endpoint and errors.`]),
    declarations: [
      {
        name: "service",
        type: r.name("ClientServiceDescription"),
        initializer: `{
          protocol: ${r.name(protocol.runtime.descriptor)},
          targetPrefix: ${JSON.stringify(service.targetPrefix)},
          signingName: ${JSON.stringify(service.signingName)},
          endpointPrefix: ${JSON.stringify(service.endpointPrefix ?? service.signingName)},
          userAgent: ${JSON.stringify(`codepipeline-partner-client/${context.version}`)},
          errors: modeledErrors,${errorMembersProperty(ir, wire)}${compresses ? `\n          checkMinCompressionSize: ${r.name("checkMinCompressionSize")},` : ""}${endpointRulesProperty(ir)}
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
    const token = input?.members.find((member) => member.idempotencyToken);
    const hostPrefix = operation.hostPrefix === undefined ? undefined : hostPrefixFunction(operation.hostPrefix, inputType, r);
    if (hostPrefix) runtimeImports.add("hostLabel");
    const compression = compressionOf(operation);
    body.push({
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [
        {
          name: description,
          type: `${r.name("OperationDescription")}<${inputType}, ${outputType}>`,
          initializer: `{\n${[
            `name: ${JSON.stringify(operation.name)},`,
            `serialize: ${input ? wire.serializer(input) : "() => ({})"},`,
            output ? `deserialize: ${wire.deserializer(output)},` : "",
            // Only operations whose messages hold a big number carry the exact JSON reader or writer.
            input && wire.stringifier(input) ? `stringify: ${wire.stringifier(input)},` : "",
            output && wire.parser(output) ? `parse: ${wire.parser(output)},` : "",
            token ? `idempotencyToken: ${JSON.stringify(token.name)},` : "",
            hostPrefix ? `hostPrefix: ${hostPrefix},` : "",
            compression ? `requestCompression: ${r.name("gzipBody")},` : "",
          ]
            .filter((line) => line !== "")
            .join("\n")}\n}`,
        },
      ],
    });
    body.push({
      kind: StructureKind.Function,
      isExported: true,
      name: functionName(operation.name),
      docs: docs([
        operation.documentation,
        "",
        operation.errors.length > 0
          ? `Throws ${operation.errors.map((id) => `\`${ir.shapes.get(id)!.name}\``).join(", ")} as modeled; any other service error as \`ServiceException\`.`
          : "Throws any service error as `ServiceException`: the model names none.",
        ...(operation.deprecated ? ["@deprecated"] : []),
      ]),
      parameters: [
        { name: "client", type: r.name("Client") },
        { name: "input", type: inputType, ...emptyInputDefault(input, inputType) },
        { name: "options", type: r.name("CallOptions"), hasQuestionToken: true },
      ],
      returnType: `Promise<${r.name("Output")}<${outputType}>>`,
      statements: [`return ${r.name("invoke")}(client, ${description}, input, options);`],
    });
  }
  // Referenced from here only, so that a bundle carries the validators only when it uses them.
  body.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: docs([
      "The model's validator of each operation's input, by operation name. Pass it as",
      "`validateInput` to check inputs before they are sent (the client class also takes",
      "`validateInput: true`); a bundle that never refers to it carries no validator.",
    ]),
    declarations: [{ name: "inputValidators", type: r.name("InputValidators"), initializer: `{ ${ir.operations.flatMap((operation) => (operation.input ? [`${operation.name}: validate${ir.shapes.get(operation.input)!.name}`] : [])).join(", ")} }` }],
  });
  // The public API reads first; the private (de)serializers follow (declarations are hoisted).
  body.push(...wire.functions());
  for (const type of wire.typesUsed) typeImports.add(type);

  statements.push(
    r.sibling(imports.types.fromClient, [...typeImports].sort().map((name) => `type ${name}`)),
    ...(validatorImports.size > 0 ? [r.sibling(imports.validators.fromClient, [...validatorImports].sort())] : []),
    r.runtime(imports.runtime("client", "client"), ["type CallOptions", "type Client", "type ClientServiceDescription", "type InputValidators", "type OperationDescription", "type Output", "invoke"]),
    ...wire.imports([protocol.runtime.descriptor]),
    ...(runtimeImports.has("hostLabel") ? [r.runtime(imports.runtime("client", "host-prefix"), ["hostLabel"])] : []),
    ...(compresses ? [r.runtime(imports.runtime("client", "request-compression"), ["checkMinCompressionSize", "gzipBody"])] : []),
    r.sibling("./errors.js", ["modeledErrors"]),
    ...endpointRulesImports(ir),
    ...body,
  );
  return printStatements("operations.ts", statements);
}

/**
 * `errorMembers: { Name: de_Name, ... }` in the service description: the protocol's
 * deserializer of each error with members besides its message (none: no property, no bytes).
 * An error that reaches a big number reads the body's text again with the exact JSON
 * reader (the runtime parsed it with JSON.parse, to find the error's name), so only
 * such errors cost a second parse, and only their models carry that reader.
 */
function errorMembersProperty(ir: ModelIR, wire: WireCodec): string {
  const withMembers = errorShapes(ir).filter((shape) => errorMembers(shape).length > 0);
  if (withMembers.length === 0) return "";
  const reader = (shape: StructureShape) => {
    const parse = wire.parser(shape);
    return parse ? `(_wire: unknown, text: string) => ${wire.deserializer(shape)}(${parse}(text))` : wire.deserializer(shape);
  };
  return `\n          errorMembers: { ${withMembers.map((shape) => `${JSON.stringify(shape.name)}: ${reader(shape)}`).join(", ")} },`;
}

/**
 * `(input) => "prefix" + hostLabel(input.label, "label") + "..."`: the host prefix with its
 * labels filled (each checked to be a host label) and its literal text lower-cased, as a
 * host name travels, so the Host header signed is the one sent.
 */
function hostPrefixFunction(hostPrefix: string, inputType: string, r: FileImports): string {
  const parts = hostPrefix.split(/(\{[^}]*\})/).filter((part) => part !== "");
  const code = parts.map((part) => {
    const label = /^\{(.*)\}$/.exec(part)?.[1];
    return label === undefined ? JSON.stringify(part.toLowerCase()) : `${r.name("hostLabel")}(input.${label}, ${JSON.stringify(label)})`;
  });
  return `(input: ${inputType}) => ${code.join(" + ")}`;
}

/**
 * One `paginate<Operation>` per paginated operation: an async iterator of its pages,
 * with `.items()` for the items of every page when the model names them.
 */
function paginatorsFile(ir: ModelIR, imports: ImportSpecifiers): string {
  const paginated = ir.operations.filter((operation): operation is Operation & { paginated: NonNullable<Operation["paginated"]> } => operation.paginated !== undefined);
  if (paginated.length === 0) return printStatements("paginators.ts", ["// The model has no paginated operation.", "export {};"]);
  const types = new Set<string>();
  const operations = new Set<string>();
  const statements: StatementStructures[] = [];
  const r = fileImports(ir);
  for (const operation of paginated) {
    const { inputToken, outputToken, items, pageSize } = operation.paginated;
    const input = operation.input ? (ir.shapes.get(operation.input) as StructureShape) : undefined;
    const outputType = ir.shapes.get(operation.output!)!.name;
    const inputType = input?.name ?? "Unit";
    types.add(inputType).add(outputType);
    operations.add(`${methodName(operation.name)}Operation`);
    // A path as optional chaining from the page; the item type by indexed access on the output type.
    const read = (path: string[]) => `(page) => page.${path.join("?.")}`;
    const pathType = (path: string[]) => path.slice(1).reduce((type, name) => `NonNullable<${type}>[${JSON.stringify(name)}]`, `${outputType}[${JSON.stringify(path[0])}]`);
    const itemsShape = items ? itemsTarget(ir, operation.output!, items) : undefined;
    const itemType = !items ? undefined : itemsShape === "map" ? `[string, NonNullable<${pathType(items)}>[string]]` : `NonNullable<${pathType(items)}>[number]`;
    statements.push({
      kind: StructureKind.Function,
      isExported: true,
      name: `paginate${operation.name}`,
      docs: docs([
        `Every page of ${operation.name}, one call each: the next call sends \`${outputToken.join(".")}\` as \`${inputToken}\`${pageSize ? `, and \`options.pageSize\` as \`${pageSize}\` unless the input sets it` : ""}.`,
        items ? `\`.items()\` yields each of \`${items.join(".")}\` instead, page after page.` : undefined,
        ...(operation.deprecated ? ["@deprecated"] : []),
      ]),
      parameters: [
        { name: "client", type: `${r.name("Client")} | { readonly client: ${r.name("Client")} }` },
        { name: "input", type: inputType, ...emptyInputDefault(input, inputType) },
        { name: "options", type: r.name("PaginationOptions"), hasQuestionToken: true },
      ],
      returnType: `${r.name("Paginator")}<${r.name("Output")}<${outputType}>${itemType ? `, ${itemType}` : ""}>`,
      statements: [
        `return ${r.name("paginate")}(client, ${methodName(operation.name)}Operation, input, {
          inputToken: ${JSON.stringify(inputToken)},
          outputToken: ${read(outputToken)},
          ${items ? `items: ${read(items)},` : ""}
          ${pageSize ? `pageSize: ${JSON.stringify(pageSize)},` : ""}
        }, options);`,
      ],
    });
  }
  return printStatements("paginators.ts", [
    r.sibling(imports.types.fromClient, [...types].sort().map((name) => `type ${name}`)),
    r.runtime(imports.runtime("client", "client"), ["type Client", "type Output"]),
    r.runtime(imports.runtime("client", "paginate"), ["type PaginationOptions", "type Paginator", "paginate"]),
    r.sibling("./operations.js", [...operations].sort()),
    ...statements,
  ]);
}

/** Whether a paginated operation's `items` path ends in a list or a map. */
function itemsTarget(ir: ModelIR, output: string, path: string[]): "list" | "map" {
  let shape = ir.shapes.get(output);
  for (const name of path) {
    const member = shape?.kind === "structure" ? shape.members.find((candidate) => candidate.name === name) : undefined;
    shape = member ? ir.shapes.get(member.target) : undefined;
  }
  return shape?.kind === "map" ? "map" : "list";
}

function clientFile(ir: ModelIR, imports: ImportSpecifiers): string {
  const name = clientClassName(ir);
  const operations = ir.operations.map((operation) => {
    const input = operation.input ? (ir.shapes.get(operation.input) as StructureShape) : undefined;
    return { operation, input: input?.name ?? "Unit", output: operation.output ? ir.shapes.get(operation.output)!.name : "Unit", inputDefault: emptyInputDefault(input, input?.name ?? "Unit") };
  });
  const types = new Set(operations.flatMap((op) => [op.input, op.output]));
  // A rule set's client options (clientContextParams, some built-ins) join the configuration's type.
  const ruleOptions = hasEndpointRulesOptions(ir);
  const r = fileImports(ir);
  const configType = ruleOptions ? `${r.name("ClientConfig")} & ${ENDPOINT_RULES_CONFIG}` : r.name("ClientConfig");
  const statements: StatementStructures[] = [
    r.sibling(imports.types.fromClient, [...types].sort().map((type) => `type ${type}`)),
    r.runtime(imports.runtime("client", "client"), ["type CallOptions", "type Client", "type ClientConfig", "type Output", "createClient"]),
    ...(ruleOptions ? [r.sibling("./endpoint-rules.js", [`type ${ENDPOINT_RULES_CONFIG}`])] : []),
    r.sibling("./operations.js", ["service", "inputValidators", ...ir.operations.map((op) => functionName(op.name))]),
    {
      kind: StructureKind.Function,
      isExported: true,
      name: `create${name}`,
      docs: docs([`A ${ir.service.title ?? ir.service.name} client for the standalone operation functions, which keep a bundle to the operations it calls.`]),
      parameters: [{ name: "config", type: configType, initializer: "{}" }],
      returnType: r.name("Client"),
      statements: [`return ${r.name("createClient")}(config, service);`],
    },
    {
      kind: StructureKind.Class,
      isExported: true,
      name,
      docs: docs([`${ir.service.title ?? ir.service.name}, one method per operation.`]),
      properties: [{ name: "client", isReadonly: true, type: r.name("Client"), scope: Scope.Public }],
      ctors: [
        {
          parameters: [{ name: "config", type: configType, initializer: "{}" }],
          // The class has every operation, and so the validators: `validateInput: true` is enough here.
          statements: [`this.client = ${r.name("createClient")}(config.validateInput === true ? { ...config, validateInput: inputValidators } : config, service);`],
        },
      ],
      methods: operations.map(({ operation, input, output, inputDefault }) => ({
        name: methodName(operation.name),
        docs: docs([operation.documentation]),
        parameters: [
          { name: "input", type: input, ...inputDefault },
          { name: "options", type: r.name("CallOptions"), hasQuestionToken: true },
        ],
        returnType: `Promise<${r.name("Output")}<${output}>>`,
        statements: [`return ${functionName(operation.name)}(this.client, input, options);`],
      })),
    },
  ];
  return printStatements("client.ts", statements);
}

/**
 * An input with no required member defaults to `{}`. TypeScript checks a `{}` literal
 * against the members every object inherits (`constructor: Function`), so an input with an
 * optional member of such a name takes `{}` asserted to its type.
 */
function emptyInputDefault(input: StructureShape | undefined, inputType: string): { initializer?: string } {
  if (input && input.members.some((m) => m.required)) return {};
  return { initializer: input?.members.some((m) => INHERITED_NAMES.has(m.name)) ? `{} as ${inputType}` : "{}" };
}
