// The client's endpoint rules, for a service with `smithy.rules#endpointRuleSet`: the rule
// set as data (its documentation left out, which the client never shows) and each
// parameter's binding to a client setting by its built-in, in generated/endpoint-rules.ts,
// for the runtime's resolver (packages/client/src/runtime/endpoint-rules.ts), with the
// rules engine the AWS SDKs use: @smithy/core/endpoints and @aws-sdk/core's AWS functions,
// imported here and nowhere else, so that only a client of such a model needs them. A
// service without a rule set gets no such file and the standard AWS regional rules.
import { StructureKind, VariableDeclarationKind, type ImportDeclarationStructure, type StatementStructures } from "ts-morph";
import { GenerateError } from "../errors.js";
import type { EndpointRuleSet, ModelIR } from "../ir/types.js";
import { DEFAULT_LAYOUT, type ImportSpecifiers } from "../layout.js";
import type { GeneratedFile } from "./target.js";
import { docs, printStatements } from "./ts.js";

/** The client setting each built-in the client can fill stands for (the runtime's RuleSetBindings). */
const BUILT_INS: Record<string, string> = {
  "AWS::Region": "region",
  "AWS::UseFIPS": "useFipsEndpoint",
  "AWS::UseDualStack": "useDualstackEndpoint",
  "SDK::Endpoint": "endpoint",
};

/** generated/endpoint-rules.ts, when the service has a rule set. */
export function endpointRulesFiles(ir: ModelIR, imports: ImportSpecifiers = DEFAULT_LAYOUT.imports): GeneratedFile[] {
  const ruleSet = ir.service.endpointRuleSet;
  if (!ruleSet) return [];
  const bindings = parameterBindings(ir.service.id, ruleSet);
  const statements: Array<string | StatementStructures> = [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "@aws-sdk/core/client", namedImports: ["awsEndpointFunctions"] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "@smithy/core/endpoints", namedImports: ["customEndpointFunctions", { name: "resolveEndpoint", alias: "evaluateRuleSet" }, { name: "RuleSetObject", isTypeOnly: true }] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: imports.runtime("client", "endpoint-rules"), namedImports: ["ruleSetResolver"] },
    "// The rules' aws.* functions, registered as the AWS SDK's clients register them.",
    "customEndpointFunctions.aws = awsEndpointFunctions;",
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: docs([`The endpoint rule set of ${ir.service.title ?? ir.service.name} (\`smithy.rules#endpointRuleSet\`), without its documentation.`]),
      declarations: [{ name: "ruleSet", type: "RuleSetObject", initializer: JSON.stringify(withoutDocumentation(ruleSet)) }],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: docs(["Where calls go: the rule set over the client's configuration, each parameter bound by its built-in."]),
      declarations: [{ name: "resolveEndpoint", initializer: `ruleSetResolver(evaluateRuleSet, ruleSet, ${JSON.stringify(bindings)})` }],
    },
  ];
  return [{ path: "endpoint-rules.ts", contents: printStatements("endpoint-rules.ts", statements) }];
}

/** The operations file's import of the resolver, when there is one. */
export function endpointRulesImports(ir: ModelIR): ImportDeclarationStructure[] {
  return ir.service.endpointRuleSet ? [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: "./endpoint-rules.js", namedImports: ["resolveEndpoint"] }] : [];
}

/** The service description's line that hands the runtime the resolver, when there is one. */
export function endpointRulesProperty(ir: ModelIR): string {
  return ir.service.endpointRuleSet ? "\nresolveEndpoint," : "";
}

/**
 * Each parameter the client fills, by name, from its built-in. A parameter the client
 * cannot fill must be optional or have a default, else no endpoint could ever resolve.
 */
function parameterBindings(serviceId: string, ruleSet: EndpointRuleSet): Record<string, string> {
  const bindings: Record<string, string> = {};
  const unbound: string[] = [];
  for (const [name, parameter] of Object.entries(ruleSet.parameters)) {
    const setting = parameter.builtIn === undefined ? undefined : BUILT_INS[parameter.builtIn];
    if (setting) bindings[setting] = name;
    else if (parameter.required && parameter.default === undefined) unbound.push(`${name} (${parameter.builtIn ? `built-in ${parameter.builtIn}` : "no built-in"})`);
  }
  if (unbound.length > 0) {
    throw new GenerateError(
      `${serviceId}: its endpoint rule set requires ${unbound.join(", ")} with no default; the client fills only the built-ins ${Object.keys(BUILT_INS).join(", ")}.`,
    );
  }
  return bindings;
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
