// A client of a model without an endpoint rule set (ours) bundles nothing of the rules
// engine: neither @smithy/core nor @aws-sdk/core, nor the runtime's rule-set resolver, on
// any platform. (A client of a model with one, and what it costs, are in
// test/partner-artifact-store.test.ts and test/bench/endpoint-rules.bench.ts.)
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/repo.js";

const ONE_CALL = `
  import { createCodePipelineClient, putThirdPartyJobSuccessResult } from "@codepipeline-partner/client";
  const client = createCodePipelineClient({ region: "us-east-1" });
  await putThirdPartyJobSuccessResult(client, { jobId: "j", clientToken: "t" });`;

describe("a one-call bundle of a client without a rule set", () => {
  it.each(["browser", "node"] as const)("%s: carries no rules engine", async (platform) => {
    const result = await build({
      stdin: { contents: ONE_CALL, resolveDir: REPO_ROOT, loader: "ts" },
      bundle: true,
      format: "esm",
      platform,
      conditions: ["@codepipeline-partner/source", "module"],
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(Object.values(result.metafile.outputs)[0]!.inputs);
    expect(inputs).toContain("packages/client/src/runtime/endpoints.ts");
    expect(inputs.filter((input) => /@smithy\/core|@aws-sdk\/core|runtime\/endpoint-rules/.test(input))).toEqual([]);
  });
});
