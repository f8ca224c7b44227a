// The client's endpoint rules, for a service with `smithy.rules#endpointRuleSet`: the rule
// set as data (its documentation left out, which the client never shows) and how each
// parameter is bound, in generated/endpoint-rules.ts, for the runtime's resolver
// (packages/client/src/runtime/endpoint-rules.ts), with the rules engine the AWS SDKs use:
// @smithy/core/endpoints and @aws-sdk/core's AWS functions, imported here and nowhere else,
// so that only a client of such a model needs them. A service without a rule set gets no
// such file and the standard AWS regional rules.
//
// Parameters are bound as the AWS SDKs bind them: built-ins to client settings (or to the
// credentials, for the account ID), the service's `clientContextParams` to client options
// of their name, and per operation its `staticContextParams`, its input members'
// `contextParam` and its `operationContextParams` paths (a small function per operation).
import { StructureKind, VariableDeclarationKind, type ImportDeclarationStructure, type StatementStructures } from "ts-morph";
import { GenerateError } from "../errors.js";
import type { EndpointParameter, EndpointRuleSet, ModelIR, Operation, StructureShape } from "../ir/types.js";
import { DEFAULT_LAYOUT, type ImportSpecifiers } from "../layout.js";
// The runtime's own type of what the generated module hands it (a type: nothing of the runtime is loaded).
import type { RuleSetBindings } from "../../../packages/client/src/runtime/endpoint-rules.js";
import { fileImports } from "./imports.js";
import type { GeneratedFile } from "./target.js";
import { docs, printStatements } from "./ts.js";

/** The client setting each built-in the client fills from its endpoint configuration stands for (the runtime's RuleSetBindings). */
const BUILT_INS: Record<string, "region" | "useFipsEndpoint" | "useDualstackEndpoint" | "endpoint"> = {
  "AWS::Region": "region",
  "AWS::UseFIPS": "useFipsEndpoint",
  "AWS::UseDualStack": "useDualstackEndpoint",
  "SDK::Endpoint": "endpoint",
};

/** Built-ins the AWS SDKs fill from the credentials, by the credentials' field. */
const CREDENTIAL_BUILT_INS: Record<string, string> = {
  "AWS::Auth::AccountId": "accountId",
  "AWS::Auth::CredentialScope": "credentialScope",
};

/**
 * Built-ins that are plain client options in the AWS SDKs: offered under the SDK's option
 * name, with the environment variable the SDK reads for it where it reads one (in Node.js,
 * `NODE_*_CONFIG_OPTIONS` of @aws-sdk/core and the S3 middleware packages).
 */
const OPTION_BUILT_INS: Record<string, { option: string; description: string; type?: string; environment?: string }> = {
  "AWS::Auth::AccountIdEndpointMode": {
    option: "accountIdEndpointMode",
    type: '"disabled" | "preferred" | "required"',
    environment: "AWS_ACCOUNT_ID_ENDPOINT_MODE",
    description: "Whether calls go to account-based endpoints: `preferred`, `required` or `disabled` (the rules decide what each means). Default: the AWS_ACCOUNT_ID_ENDPOINT_MODE environment variable, else `preferred`, as in the AWS SDKs.",
  },
  "AWS::UseGlobalEndpoint": { option: "useGlobalEndpoint", description: "Send calls from us-east-1 and the legacy global regions to the service's global endpoint." },
  "AWS::STS::UseGlobalEndpoint": { option: "useGlobalEndpoint", description: "Send calls from the legacy global regions to the global STS endpoint." },
  "AWS::S3::UseGlobalEndpoint": { option: "useGlobalEndpoint", description: "Send us-east-1 calls to the global S3 endpoint." },
  "AWS::S3::Accelerate": { option: "useAccelerateEndpoint", description: "Use S3 Transfer Acceleration endpoints." },
  "AWS::S3::ForcePathStyle": { option: "forcePathStyle", description: "Put the bucket in the path, not in the host name." },
  "AWS::S3::DisableMultiRegionAccessPoints": { option: "disableMultiregionAccessPoints", environment: "AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS", description: "Refuse Multi-Region Access Point ARNs. Default: the AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS environment variable." },
  "AWS::S3::UseArnRegion": { option: "useArnRegion", environment: "AWS_S3_USE_ARN_REGION", description: "Use the region in an ARN over the client's region. Default: the AWS_S3_USE_ARN_REGION environment variable." },
  "AWS::S3Control::UseArnRegion": { option: "useArnRegion", environment: "AWS_S3_USE_ARN_REGION", description: "Use the region in an ARN over the client's region. Default: the AWS_S3_USE_ARN_REGION environment variable." },
  "AWS::S3::DisableS3ExpressSessionAuth": { option: "disableS3ExpressSessionAuth", environment: "AWS_S3_DISABLE_EXPRESS_SESSION_AUTH", description: "Do not use S3 Express session authentication. Default: the AWS_S3_DISABLE_EXPRESS_SESSION_AUTH environment variable." },
};

/**
 * The client options a rule set's option may not take the name of (ClientConfig's own),
 * so a model's `clientContextParams` cannot shadow one.
 */
const CLIENT_OPTIONS = new Set([
  "credentials", "disableHostPrefix", "disableRequestCompression", "endpoint", "fetch", "maxAttempts", "maxResponseBytes", "maxRetryDelayMs", "now", "region",
  "requestMinCompressionSizeBytes", "requestTimeoutMs", "retryBaseDelayMs", "useDualstackEndpoint", "useFipsEndpoint", "userAgentSuffix", "validateInput",
]);

/** The name of the interface of the client options a rule set adds, when it adds some. */
export const ENDPOINT_RULES_CONFIG = "EndpointRulesConfig";

/** generated/endpoint-rules.ts, when the service has a rule set. */
export function endpointRulesFiles(ir: ModelIR, imports: ImportSpecifiers = DEFAULT_LAYOUT.imports): GeneratedFile[] {
  const ruleSet = ir.service.endpointRuleSet;
  if (!ruleSet) return [];
  const { bindings, options, operations, inputTypes } = parameterBindings(ir, ruleSet);
  const r = fileImports(ir);
  const statements: Array<string | StatementStructures> = [
    r.runtime("@aws-sdk/core/client", ["awsEndpointFunctions"]),
    r.runtime("@smithy/core/endpoints", ["customEndpointFunctions", "resolveEndpoint as evaluateRuleSet", "type RuleSetObject"]),
    ...(inputTypes.length > 0 ? [r.sibling(imports.types.fromClient, inputTypes.map((name) => `type ${name}`))] : []),
    r.runtime(imports.runtime("client", "endpoint-rules"), ["ruleSetResolver", "type RuleSetBindings"]),
    "// The rules' aws.* functions, registered as the AWS SDK's clients register them.",
    // A record: brackets, so a consumer's noPropertyAccessFromIndexSignature accepts it.
    `${r.name("customEndpointFunctions")}["aws"] = ${r.name("awsEndpointFunctions")};`,
  ];
  if (options.length > 0) {
    statements.push({
      kind: StructureKind.Interface,
      isExported: true,
      name: ENDPOINT_RULES_CONFIG,
      docs: docs(["Client options the endpoint rule set reads, as the AWS SDKs name them."]),
      properties: options.map((option) => ({ name: option.name, hasQuestionToken: true, type: option.type, docs: docs([option.description, `The rule set's \`${option.parameter}\`${option.default === undefined ? "" : `; default ${JSON.stringify(option.default)}`}.`]) })),
    });
  }
  statements.push(
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: docs([`The endpoint rule set of ${ir.service.title ?? ir.service.name} (\`smithy.rules#endpointRuleSet\`), without its documentation.`]),
      declarations: [
        // @smithy/types' RuleSetObject predates StringArray parameters, which its engine evaluates.
        stringArrays(ruleSet)
          ? { name: "ruleSet", initializer: `${JSON.stringify(withoutDocumentation(ruleSet))} as unknown as ${r.name("RuleSetObject")}` }
          : { name: "ruleSet", type: r.name("RuleSetObject"), initializer: JSON.stringify(withoutDocumentation(ruleSet)) },
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: docs(["The rule set's parameter each client setting, credential and operation input binds."]),
      declarations: [{ name: "bindings", type: r.name("RuleSetBindings"), initializer: bindingsLiteral(bindings, operations) }],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: docs(["Where calls go: the rule set over the client's configuration and, for the operations that bind parameters of their own, the call's input."]),
      declarations: [{ name: "resolveEndpoint", initializer: `${r.name("ruleSetResolver")}(${r.name("evaluateRuleSet")}, ruleSet, bindings)` }],
    },
  );
  return [{ path: "endpoint-rules.ts", contents: printStatements("endpoint-rules.ts", statements) }];
}

/** The operations file's import of the resolver, when there is one. */
export function endpointRulesImports(ir: ModelIR): ImportDeclarationStructure[] {
  return ir.service.endpointRuleSet ? [fileImports(ir).sibling("./endpoint-rules.js", ["resolveEndpoint"])] : [];
}

/** The service description's line that hands the runtime the resolver, when there is one. */
export function endpointRulesProperty(ir: ModelIR): string {
  return ir.service.endpointRuleSet ? "\nresolveEndpoint," : "";
}

/** Whether the rule set adds client options (then the client's configuration type includes EndpointRulesConfig). */
export function hasEndpointRulesOptions(ir: ModelIR): boolean {
  const ruleSet = ir.service.endpointRuleSet;
  return ruleSet !== undefined && parameterBindings(ir, ruleSet).options.length > 0;
}

/** The runtime's bindings as data: all but the operations' functions, which are written as code. */
type Bindings = Omit<RuleSetBindings, "operations">;

interface OptionParameter {
  name: string;
  parameter: string;
  type: string;
  description?: string;
  default?: unknown;
}

/**
 * How each parameter is bound. A required parameter without a default that nothing binds
 * is refused, since no endpoint could ever resolve; so is a client option that would take
 * the name of one the client already has.
 */
function parameterBindings(ir: ModelIR, ruleSet: EndpointRuleSet) {
  const { service } = ir;
  const bindings: Bindings = {};
  const options: OptionParameter[] = [];
  /** A client option; bound in `options` unless the runtime binds it itself. */
  const setOption = (option: OptionParameter, bound = true) => {
    if (bound) bindings.options = { ...bindings.options, [option.name]: option.parameter };
    if (!options.some((known) => known.name === option.name)) options.push(option);
  };
  const operations = operationBindings(ir, ruleSet);
  const boundByOperations = new Set(operations.flatMap((operation) => Object.keys(operation.params)));
  const unbound: string[] = [];
  for (const [name, parameter] of Object.entries(ruleSet.parameters)) {
    const builtIn = parameter.builtIn;
    const clientContext = service.clientContextParams?.[name];
    if (builtIn !== undefined && BUILT_INS[builtIn]) bindings[BUILT_INS[builtIn]] = name;
    else if (builtIn !== undefined && CREDENTIAL_BUILT_INS[builtIn]) bindings.credentials = { ...bindings.credentials, [CREDENTIAL_BUILT_INS[builtIn]]: name };
    else if (builtIn !== undefined && OPTION_BUILT_INS[builtIn]) {
      const { option, type, description, environment } = OPTION_BUILT_INS[builtIn];
      // The account ID endpoint mode has the SDK's own values and default: the runtime reads it.
      const accountIdMode = builtIn === "AWS::Auth::AccountIdEndpointMode";
      setOption({ name: option, parameter: name, type: type ?? typeOf(parameter), description, default: parameter.default }, !accountIdMode);
      if (accountIdMode) bindings.accountIdEndpointMode = name;
      else if (environment) bindings.environment = { ...bindings.environment, [option]: environment };
    }
    else if (builtIn === undefined && clientContext) {
      const option = name.charAt(0).toLowerCase() + name.slice(1);
      if (CLIENT_OPTIONS.has(option)) throw new GenerateError(`${service.id}: trait smithy.rules#clientContextParams: '${name}' would be the client option '${option}', which the client already has for another purpose.`);
      setOption({ name: option, parameter: name, type: typeOf(parameter), description: clientContext.documentation ?? parameter.documentation, default: parameter.default });
    } else if (parameter.required && parameter.default === undefined && !boundByOperations.has(name)) {
      unbound.push(`${name} (${builtIn ? `built-in ${builtIn}` : "no built-in, clientContextParams entry or operation binding"})`);
    }
  }
  if (unbound.length > 0) {
    throw new GenerateError(
      `${service.id}: its endpoint rule set requires ${unbound.join(", ")} with no default; the client fills the built-ins ${[...Object.keys(BUILT_INS), ...Object.keys(CREDENTIAL_BUILT_INS), ...Object.keys(OPTION_BUILT_INS)].join(", ")}, the service's clientContextParams and the operations' context parameters.`,
    );
  }
  const inputTypes = [...new Set(operations.flatMap((operation) => (operation.inputType ? [operation.inputType] : [])))].sort();
  return { bindings, options, operations, inputTypes };
}

/** The TypeScript type of a parameter's value. */
function typeOf(parameter: EndpointParameter): string {
  const type = parameter.type.toLowerCase();
  return type === "boolean" ? "boolean" : type === "stringarray" ? "string[]" : "string";
}

interface OperationBinding {
  name: string;
  inputType?: string;
  /** Parameter name to a TypeScript expression over `input`. */
  params: Record<string, string>;
}

/** Each operation's own parameters: its static values, its input members' contextParam, its paths. */
function operationBindings(ir: ModelIR, ruleSet: EndpointRuleSet): OperationBinding[] {
  const result: OperationBinding[] = [];
  for (const operation of ir.operations) {
    const input = operation.input ? (ir.shapes.get(operation.input) as StructureShape) : undefined;
    const params: Record<string, string> = {};
    const bind = (name: string, expression: string, what: string) => {
      if (!Object.hasOwn(ruleSet.parameters, name)) throw new GenerateError(`${operation.id}: ${what} binds '${name}', which the endpoint rule set has no parameter of.`);
      params[name] = expression;
    };
    for (const [name, value] of Object.entries(operation.staticContextParams ?? {})) bind(name, JSON.stringify(value), "trait smithy.rules#staticContextParams");
    for (const member of input?.members ?? []) {
      if (member.contextParam !== undefined) bind(member.contextParam, `input${access(member.name)}`, `${input!.id}$${member.name}: trait smithy.rules#contextParam`);
    }
    for (const [name, path] of Object.entries(operation.operationContextParams ?? {})) bind(name, pathExpression(operation, name, path), "trait smithy.rules#operationContextParams");
    if (Object.keys(params).length > 0) result.push({ name: operation.name, inputType: input?.name, params });
  }
  return result;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `.name`, or `["name"]` where a member name is no identifier. */
function access(name: string, optional = false): string {
  return IDENTIFIER.test(name) ? `${optional ? "?." : "."}${name}` : `${optional ? "?." : ""}[${JSON.stringify(name)}]`;
}

/**
 * A TypeScript expression over `input` for an `operationContextParams` path, in the subset
 * of JMESPath AWS models use, written as smithy-typescript writes it: member names joined by
 * dots (`source.repositoryName`), a `[*]` projection over a list (`items[*].key` maps each
 * item; a trailing `[*]` is the list itself), or `keys(path)` for a map's keys. Anything
 * else is refused, naming the operation and the expression.
 */
function pathExpression(operation: Operation, parameter: string, path: string): string {
  const refuse = (why: string): never => {
    throw new GenerateError(
      `${operation.id}: trait smithy.rules#operationContextParams: ${parameter}'s path "${path}" ${why}; the client supports member paths (a.b), one [*] projection (a[*].b) and keys(a.b).`,
    );
  };
  const keys = /^keys\((.*)\)$/.exec(path.trim());
  const body = keys ? keys[1]!.trim() : path.trim();
  const segments = body.split(".");
  let expression = "input";
  let projected = false;
  let inner = "";
  for (const [index, segment] of segments.entries()) {
    const projection = segment.endsWith("[*]");
    const name = projection ? segment.slice(0, -3) : segment;
    if (!IDENTIFIER.test(name)) refuse(segment === "" ? "has an empty step" : `has a step, "${segment}", that is not a member name`);
    if (projected) inner += access(name, true);
    else expression += access(name, index > 0);
    if (projection) {
      if (projected) refuse("has more than one [*] projection");
      if (keys) refuse("projects inside keys()");
      projected = true;
    }
  }
  if (keys) return `Object.keys(${expression} ?? {})`;
  return projected && inner !== "" ? `${expression}?.map((item) => item${inner})` : expression;
}

/** The runtime's bindings as a literal: the data as JSON, each operation's parameters as a function of its input. */
function bindingsLiteral(bindings: Bindings, operations: OperationBinding[]): string {
  const data = JSON.stringify(bindings);
  if (operations.length === 0) return data;
  const functions = operations.map(({ name, inputType, params }) => {
    const entries = Object.entries(params).map(([parameter, expression]) => `${JSON.stringify(parameter)}: ${expression}`);
    return `${JSON.stringify(name)}: (${inputType ? `input: ${inputType}` : ""}) => ({ ${entries.join(", ")} })`;
  });
  return `{ ${data === "{}" ? "" : `${data.slice(1, -1)}, `}"operations": { ${functions.join(", ")} } }`;
}

/** Whether a parameter of the rule set is a StringArray. */
function stringArrays(ruleSet: EndpointRuleSet): boolean {
  return Object.values(ruleSet.parameters).some((parameter) => parameter.type.toLowerCase() === "stringarray");
}

/** The rule set without the `documentation` of its parameters and rules, which only a reader of the model needs. */
function withoutDocumentation(ruleSet: EndpointRuleSet): EndpointRuleSet {
  const strip = <T extends object>(value: T) => Object.fromEntries(Object.entries(value).filter(([key]) => key !== "documentation")) as T;
  const rule = (value: unknown): unknown => {
    const stripped = strip(value as { type?: string; rules?: unknown[] });
    return stripped.type === "tree" && stripped.rules ? { ...stripped, rules: stripped.rules.map(rule) } : stripped;
  };
  return { ...ruleSet, parameters: Object.fromEntries(Object.entries(ruleSet.parameters).map(([name, parameter]) => [name, strip(parameter)])), rules: ruleSet.rules.map(rule) };
}
