// Endpoints from a model's own rule set (`smithy.rules#endpointRuleSet`), evaluated as the
// AWS SDKs evaluate it: by Smithy's rules engine (@smithy/core/endpoints, the code of the
// former @smithy/util-endpoints), with the AWS functions (`aws.partition` over the SDK's
// partitions data, `aws.parseArn`, `aws.isVirtualHostableS3Bucket`) from @aws-sdk/core (the
// former @aws-sdk/util-endpoints). Imported from these two rather than from the old package
// names, whose CommonJS-only entry points would put all of both packages in a Node bundle.
// Only a generated endpoint-rules module imports this file, so a client of a model without
// a rule set neither bundles nor needs them (they are optional peer dependencies).
import { awsEndpointFunctions } from "@aws-sdk/core/client";
import { customEndpointFunctions, resolveEndpoint as evaluateRuleSet, type EndpointParams, type RuleSetObject } from "@smithy/core/endpoints";
import { configuredRegion, explicitEndpoint, flag, MISSING_REGION, processEnv, regionInHost, type EndpointConfig, type EndpointResolver } from "./endpoints.js";

// Importing awsEndpointFunctions registers them too; said here so it does not rest on a side effect.
customEndpointFunctions.aws = awsEndpointFunctions;

export type RuleSet = RuleSetObject;

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
export function ruleSetResolver(ruleSet: RuleSet, bindings: RuleSetBindings): EndpointResolver {
  return (config, _endpointPrefix, env = processEnv()) => {
    const { region, named, fipsRegion } = configuredRegion(config, env);
    const endpoint = config.endpoint ? explicitEndpoint(config.endpoint) : undefined;
    // As with the standard rules, an explicit endpoint overrides the AWS_USE_* variables;
    // FIPS or dual-stack set in the configuration go to the rules, which decide.
    const fips = fipsRegion || (config.useFipsEndpoint ?? (!endpoint && flag(env, "AWS_USE_FIPS_ENDPOINT")));
    const dualStack = config.useDualstackEndpoint ?? (!endpoint && flag(env, "AWS_USE_DUALSTACK_ENDPOINT"));
    const params: EndpointParams = {};
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
