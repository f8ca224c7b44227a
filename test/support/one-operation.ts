// A service implementing only PutThirdPartyJobSuccessResult, for server tests about
// transport and protocol: the handler answers 501 NotImplementedException for the others.
import type { CodePipelineService } from "@codepipeline-partner/server";

export const successResultOnly = (implementation: Pick<CodePipelineService, "putThirdPartyJobSuccessResult">): CodePipelineService =>
  implementation as CodePipelineService;
