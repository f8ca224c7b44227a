// Endpoints from a model's own rule set (`smithy.rules#endpointRuleSet`), evaluated as the
// AWS SDKs evaluate it: by Smithy's rules engine (`resolveEndpoint` of @smithy/core/endpoints,
// the code once published as @smithy/util-endpoints) with the AWS functions (`aws.partition`
// over the SDK's partitions data, `aws.parseArn`, `aws.isVirtualHostableS3Bucket`) of
// @aws-sdk/core. The generated endpoint-rules module imports those two packages and hands
// the engine in; this file imports neither, so the runtime entry point that re-exports it
// loads without them, and a client of a model without a rule set never needs them (they
// are optional peer dependencies).
//
// The parameters come from the client's configuration (built-ins and the model's
// `clientContextParams`), from its credentials (the account ID) and, per operation, from
// what the generated module says the operation binds (`staticContextParams`, `contextParam`
// members, `operationContextParams` paths). The endpoint's SigV4 auth scheme names the
// signing name and region, and its `headers` are sent with the request (signed, but for those
// SigV4 never signs).
import type { CallEndpoint } from "./client.js";
import type { CredentialProvider } from "./credentials.js";
import { configuredRegion, explicitEndpoint, flag, MISSING_REGION, processEnv, regionInHost, type EndpointConfig, type Environment, type ResolvedEndpoint } from "./endpoints.js";

/** What the rules engine returns: the endpoint, its properties (auth schemes) and headers. */
export interface RuleSetEndpoint {
  url: URL;
  properties?: Record<string, unknown>;
  headers?: Record<string, string[]>;
}

/** The rules engine's `resolveEndpoint`, as @smithy/core/endpoints exports it. */
export type RuleSetEvaluator<RuleSet> = (ruleSet: RuleSet, options: { endpointParams: Record<string, string | boolean> }) => RuleSetEndpoint;

/** An operation's endpoint parameters from its input (undefined where the input leaves a member out). */
export type OperationEndpointParams = (input: never) => Record<string, unknown>;

/** The rule set's parameter bound to each client setting, where it has one. */
export interface RuleSetBindings {
  /** `AWS::Region` */
  region?: string;
  /** `AWS::UseFIPS` */
  useFipsEndpoint?: string;
  /** `AWS::UseDualStack` */
  useDualstackEndpoint?: string;
  /** `SDK::Endpoint` */
  endpoint?: string;
  /** `AWS::Auth::AccountIdEndpointMode`: the `accountIdEndpointMode` option, else AWS_ACCOUNT_ID_ENDPOINT_MODE, else `preferred`, as in the AWS SDKs. */
  accountIdEndpointMode?: string;
  /** Further client options, by option name: the model's `clientContextParams`, and built-ins the AWS SDKs offer as options. */
  options?: Record<string, string>;
  /** The environment variable the AWS SDKs read for an option the configuration leaves out (a `true` or `false` flag), by option name. */
  environment?: Record<string, string>;
  /** Parameters filled from the credentials' field of that name (`accountId` for `AWS::Auth::AccountId`, `credentialScope`), when they have it. */
  credentials?: Record<string, string>;
  /** Each operation that binds parameters of its own, by name. */
  operations?: Record<string, OperationEndpointParams>;
}

/** The resolver a rule-set client gets: the endpoint at creation when it can be known then, and each call's. */
export type RuleSetResolver = (config: EndpointConfig, endpointPrefix: string, env?: Environment) => ResolvedEndpoint & { forCall: ForCall };

type ForCall = (operation: string, input: unknown, credentials: CredentialProvider) => CallEndpoint | Promise<CallEndpoint>;

/** Stands for the endpoint of a client whose endpoint is only known per call; never sent to. */
const PER_CALL = "https://per-call.invalid/";

/**
 * The client's endpoint resolver for a rule set. The configuration is read as for the
 * standard rules (the environment included); the rules then decide, their `error` rules
 * becoming a TypeError naming the operation (for a call), the region and the settings,
 * with the rule's message. When no parameter depends on the call, the endpoint is resolved
 * once, when the client is created, and a configuration the rules refuse is refused then.
 */
export function ruleSetResolver<RuleSet>(evaluateRuleSet: RuleSetEvaluator<RuleSet>, ruleSet: RuleSet, bindings: RuleSetBindings): RuleSetResolver {
  return (config, _endpointPrefix, env = processEnv()) => {
    const { region, named, fipsRegion } = configuredRegion(config, env);
    const endpoint = config.endpoint ? explicitEndpoint(config.endpoint) : undefined;
    // As with the standard rules, an explicit endpoint overrides the AWS_USE_* variables;
    // FIPS or dual-stack set in the configuration go to the rules, which decide.
    const fips = fipsRegion || (config.useFipsEndpoint ?? (!endpoint && flag(env, "AWS_USE_FIPS_ENDPOINT")));
    const dualStack = config.useDualstackEndpoint ?? (!endpoint && flag(env, "AWS_USE_DUALSTACK_ENDPOINT"));
    const params: Record<string, unknown> = {};
    if (bindings.region && region !== undefined) params[bindings.region] = region;
    if (bindings.useFipsEndpoint) params[bindings.useFipsEndpoint] = fips;
    if (bindings.useDualstackEndpoint) params[bindings.useDualstackEndpoint] = dualStack;
    if (bindings.endpoint && config.endpoint) params[bindings.endpoint] = config.endpoint;
    if (bindings.accountIdEndpointMode) params[bindings.accountIdEndpointMode] = accountIdEndpointMode(config, env);
    const parameters = (ruleSet as { parameters?: Record<string, { type?: string }> }).parameters ?? {};
    for (const [option, name] of Object.entries(bindings.options ?? {})) {
      // The configuration over the environment, as the SDKs read them; an empty variable is unset, as there.
      const variable = bindings.environment?.[option];
      const value = (config as Record<string, unknown>)[option] ?? (variable && env[variable] ? flag(env, variable) : undefined);
      if (value === undefined) continue;
      checkType(parameters[name]?.type, value, () => `${option} (the rule set's ${name})`);
      params[name] = value;
    }

    /** The client's TypeError for an endpoint the rules refuse: the operation, the region, the settings and why. */
    const refused = (why: string, operation: string | undefined) => {
      const settings = [fips && "useFipsEndpoint", dualStack && "useDualstackEndpoint", endpoint && `endpoint ${config.endpoint}`].filter(Boolean);
      const where = region === undefined ? "no region" : `region ${named}`;
      const hint = region === undefined && !endpoint ? ` (${MISSING_REGION})` : "";
      const call = operation ? ` for ${operation}` : "";
      return new RuleSetRefusal(`The service's endpoint rules give no endpoint${call} for ${where}${settings.length > 0 ? ` with ${settings.join(", ")}` : ""}: ${why}${hint}`);
    };

    const resolve = (values: Record<string, unknown>, operation?: string): CallEndpoint => {
      let result: RuleSetEndpoint;
      try {
        // The evaluator fills defaults into the object it is given: a fresh one each time.
        // (@smithy/types leaves StringArray values out of its parameter type; the engine takes them.)
        result = evaluateRuleSet(ruleSet, { endpointParams: { ...values } as Record<string, string | boolean> });
      } catch (error) {
        // Only the engine's refusals (a rule's `error`, a required parameter left unset, no
        // rule matching) are the configuration's fault; anything else is a bug, thrown as it is.
        if (!isEndpointError(error)) throw error;
        throw refused(error.message, operation);
      }
      return callEndpoint(result, region, operation);
    };

    const operations = bindings.operations ?? {};
    const fromCredentials = Object.entries(bindings.credentials ?? {});
    if (Object.keys(operations).length === 0 && fromCredentials.length === 0) {
      // Every call goes to the same endpoint: known, or refused, now.
      const fixed = resolve(params);
      return { url: new URL(fixed.url), region: fixed.region, forCall: () => fixed };
    }
    let atCreation: CallEndpoint | undefined;
    try {
      atCreation = resolve(params);
    } catch (error) {
      // The rules may need what only a call gives (its input, the account): a refusal now is
      // decided again for each call, which throws it with the call's name; a bug is thrown now.
      if (!(error instanceof RuleSetRefusal)) throw error;
    }
    return {
      url: new URL(atCreation?.url ?? PER_CALL),
      region: atCreation?.region ?? region ?? "us-east-1",
      forCall: async (operation, input, credentials) => {
        const bound = operations[operation] as ((input: unknown) => Record<string, unknown>) | undefined;
        // An operation that binds nothing of its own goes where the configuration alone says.
        if (!bound && fromCredentials.length === 0 && atCreation) return atCreation;
        const values = { ...params };
        let fromInput: Record<string, unknown> = {};
        try {
          fromInput = bound?.(input) ?? {};
        } catch (error) {
          // A path through an input the types do not allow (a null list item, a string for a structure).
          if (!(error instanceof TypeError)) throw error;
          throw refused(`its input does not give the rules' parameters (${error.message})`, operation);
        }
        for (const [name, value] of Object.entries(fromInput)) {
          if (value == null) continue;
          checkType(parameters[name]?.type, value, () => `${operation}'s input (the rule set's ${name})`);
          values[name] = value;
        }
        if (fromCredentials.length > 0) {
          const held = (await credentials()) as unknown as Record<string, unknown>;
          for (const [field, name] of fromCredentials) if (typeof held[field] === "string") values[name] = held[field];
        }
        return resolve(values, operation);
      },
    };
  };
}

/** The TypeError of an endpoint the rules refuse, told apart from a bug's TypeError (its name is still TypeError). */
class RuleSetRefusal extends TypeError {}

/** The rules engine's own error (@smithy/core/endpoints' EndpointError, told by name: this file does not import the engine). */
function isEndpointError(error: unknown): error is Error {
  return error instanceof Error && error.name === "EndpointError";
}

/** The engine takes any value for any parameter: one of the wrong type is refused here, naming where it came from. */
function checkType(type: string | undefined, value: unknown, what: () => string): void {
  const kind = type?.toLowerCase();
  const ok = kind === "string" ? typeof value === "string" : kind === "boolean" ? typeof value === "boolean" : kind === "stringarray" ? Array.isArray(value) && value.every((item) => typeof item === "string") : true;
  if (!ok) throw new TypeError(`${what()} must be ${kind === "stringarray" ? "an array of strings" : `a ${kind}`}, not ${JSON.stringify(value)}.`);
}

const ACCOUNT_ID_ENDPOINT_MODES = ["disabled", "preferred", "required"];

/** The account ID endpoint mode as the AWS SDKs read it: the option, else AWS_ACCOUNT_ID_ENDPOINT_MODE, else `preferred`. */
function accountIdEndpointMode(config: EndpointConfig, env: Environment): string {
  const option = (config as { accountIdEndpointMode?: unknown }).accountIdEndpointMode;
  const variable = env.AWS_ACCOUNT_ID_ENDPOINT_MODE;
  const [value, from] = option !== undefined ? [option, "accountIdEndpointMode"] : variable !== undefined ? [variable, "AWS_ACCOUNT_ID_ENDPOINT_MODE"] : ["preferred", ""];
  if (!ACCOUNT_ID_ENDPOINT_MODES.includes(value as string)) throw new TypeError(`${from} must be "disabled", "preferred" or "required", not ${JSON.stringify(value)}.`);
  return value as string;
}

/**
 * Headers SigV4 leaves out of the signature, as @smithy/signature-v4 (and sigv4.ts's
 * signRequest) leave them: proxies, load balancers and fetch itself may change them on the
 * way, which would break a signature over them.
 */
const UNSIGNABLE = /^(?:authorization|cache-control|connection|expect|from|keep-alive|max-forwards|pragma|referer|te|trailer|transfer-encoding|upgrade|user-agent|x-amzn-trace-id|proxy-.*|sec-.*)$/;

/** A SigV4 auth scheme of an endpoint, as the rules write it (`properties.authSchemes`). */
interface AuthScheme {
  name?: string;
  signingName?: string;
  signingRegion?: string;
}

/**
 * Where a call goes and how it is signed. Of the endpoint's auth schemes the first this
 * client signs with, SigV4, names the signing name and region, as the AWS SDKs pick it
 * when they cannot sign with the schemes before it (such as SigV4a); an endpoint that
 * lists schemes but not SigV4 is refused. Header names are lower-cased and their values
 * joined with ", ", as the SDKs send them; those SigV4 leaves unsigned are sent unsigned.
 */
function callEndpoint({ url, properties, headers }: RuleSetEndpoint, region: string | undefined, operation: string | undefined): CallEndpoint {
  const schemes = properties?.authSchemes as AuthScheme[] | undefined;
  const sigv4 = schemes?.find((scheme) => scheme.name === "sigv4");
  if (schemes && schemes.length > 0 && !sigv4) {
    throw new TypeError(
      `The service's endpoint rules give ${url.href}${operation ? ` for ${operation}` : ""} with the auth schemes ${schemes.map((scheme) => scheme.name).join(", ")}; this client signs with SigV4 (sigv4) only.`,
    );
  }
  let signed: Record<string, string> | undefined;
  let unsigned: Record<string, string> | undefined;
  for (const [name, values] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (UNSIGNABLE.test(lower)) (unsigned ??= {})[lower] = values.join(", ");
    else (signed ??= {})[lower] = values.join(", ");
  }
  return {
    // An endpoint's path is kept (a gateway may serve the API under one); its query is not.
    url: `${url.origin}${url.pathname}`,
    path: url.pathname,
    host: url.host,
    region: sigv4?.signingRegion ?? region ?? regionInHost(url),
    ...(sigv4?.signingName ? { signingName: sigv4.signingName } : {}),
    ...(signed ? { headers: signed } : {}),
    ...(unsigned ? { unsignedHeaders: unsigned } : {}),
  };
}
