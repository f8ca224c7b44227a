// Endpoints from a model's own rule set (`smithy.rules#endpointRuleSet`), evaluated as the
// AWS SDKs evaluate it: by Smithy's rules engine (`resolveEndpoint` of @smithy/core/endpoints,
// the code once published as @smithy/util-endpoints) with the AWS functions (`aws.partition`
// over the SDK's partitions data, `aws.parseArn`, `aws.isVirtualHostableS3Bucket`) of
// @aws-sdk/core. The generated endpoint-rules module imports those two packages and hands
// the engine in; this file imports neither, so the runtime entry point that re-exports it
// loads without them, and a client of a model without a rule set never needs them (they
// are optional peer dependencies).
import { configuredRegion, explicitEndpoint, flag, MISSING_REGION, processEnv, regionInHost, type EndpointResolver } from "./endpoints.js";

/** The rules engine's `resolveEndpoint`, as @smithy/core/endpoints exports it. */
export type RuleSetEvaluator<RuleSet> = (ruleSet: RuleSet, options: { endpointParams: Record<string, string | boolean> }) => { url: URL; properties?: Record<string, unknown> };

/** The rule set's parameter bound to each client setting (by its `builtIn`), where it has one. */
export interface RuleSetBindings {
  /** `AWS::Region` */
  region?: string;
  /** `AWS::UseFIPS` */
  useFipsEndpoint?: string;
  /** `AWS::UseDualStack` */
  useDualstackEndpoint?: string;
  /** `SDK::Endpoint` */
  endpoint?: string;
}

/**
 * The client's endpoint resolver for a rule set. The configuration is read as for the
 * standard rules (the environment included); the rules then decide, their `error` rules
 * becoming a TypeError naming the region and the settings, with the rule's message.
 */
export function ruleSetResolver<RuleSet>(evaluateRuleSet: RuleSetEvaluator<RuleSet>, ruleSet: RuleSet, bindings: RuleSetBindings): EndpointResolver {
  return (config, _endpointPrefix, env = processEnv()) => {
    const { region, named, fipsRegion } = configuredRegion(config, env);
    const endpoint = config.endpoint ? explicitEndpoint(config.endpoint) : undefined;
    // As with the standard rules, an explicit endpoint overrides the AWS_USE_* variables;
    // FIPS or dual-stack set in the configuration go to the rules, which decide.
    const fips = fipsRegion || (config.useFipsEndpoint ?? (!endpoint && flag(env, "AWS_USE_FIPS_ENDPOINT")));
    const dualStack = config.useDualstackEndpoint ?? (!endpoint && flag(env, "AWS_USE_DUALSTACK_ENDPOINT"));
    const params: Record<string, string | boolean> = {};
    if (bindings.region && region !== undefined) params[bindings.region] = region;
    if (bindings.useFipsEndpoint) params[bindings.useFipsEndpoint] = fips;
    if (bindings.useDualstackEndpoint) params[bindings.useDualstackEndpoint] = dualStack;
    if (bindings.endpoint && config.endpoint) params[bindings.endpoint] = config.endpoint;
    let url: URL;
    let properties: Record<string, unknown> | undefined;
    try {
      // The evaluator fills defaults into the object it is given: a fresh one per call.
      ({ url, properties } = evaluateRuleSet(ruleSet, { endpointParams: params }));
    } catch (error) {
      if ((error as Error)?.name !== "EndpointError") throw error;
      const settings = [fips && "useFipsEndpoint", dualStack && "useDualstackEndpoint", endpoint && `endpoint ${config.endpoint}`].filter(Boolean);
      const where = region === undefined ? "no region" : `region ${named}`;
      const hint = region === undefined && !endpoint ? ` (${MISSING_REGION})` : "";
      throw new TypeError(`The service's endpoint rules give no endpoint for ${where}${settings.length > 0 ? ` with ${settings.join(", ")}` : ""}: ${(error as Error).message}${hint}`);
    }
    return { url, region: signingRegion(properties) ?? region ?? regionInHost(url) };
  };
}

/** The signing region a SigV4 auth scheme of the endpoint names, as the SDKs take it. */
function signingRegion(properties: Record<string, unknown> | undefined): string | undefined {
  const schemes = properties?.authSchemes as Array<{ name?: string; signingRegion?: string }> | undefined;
  return schemes?.find((scheme) => scheme.name === "sigv4")?.signingRegion;
}
