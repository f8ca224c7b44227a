// What a program's bundle carries of the client (from its sources; test/consumer/ checks
// the built packages): one call carries no validator unless it passes them, nothing of the
// features it does not use (the rules engine included: our model has no endpoint rule set),
// and a browser bundle has no node:* module. A client of a model with a rule set, and what
// that costs, are in test/partner-artifact-store.test.ts and test/bench/endpoint-rules.bench.ts.
import { describe, expect, it } from "vitest";
import { bundle } from "../support/bundle.js";

const ONE_CALL = `
  import { createCodePipelineClient, putThirdPartyJobSuccessResult } from "@codepipeline-partner/client";
  const client = createCodePipelineClient({ region: "us-east-1" });
  await putThirdPartyJobSuccessResult(client, { jobId: "j", clientToken: "t" });`;

describe("a bundle of one call", () => {
  it("carries no validator, and no node:* module in a browser", async () => {
    const { inputs, imports } = await bundle(ONE_CALL, { platform: "browser" });
    expect(inputs.filter((input) => input.startsWith("packages/validators/"))).toEqual([]);
    expect(imports.filter((path) => path.startsWith("node:"))).toEqual([]);
    expect(inputs).toContain("packages/client/src/runtime/crypto-web.ts");
  });

  it("carries only what the call uses: no paginator, host prefix or request compression (not even its option's check), and no list of headers SigV4 leaves unsigned", async () => {
    for (const platform of ["browser", "node"] as const) {
      const { inputs, text } = await bundle(ONE_CALL, { platform });
      expect(inputs.filter((input) => /runtime\/(paginate|host-prefix|request-compression)\.ts$/.test(input))).toEqual([]);
      expect(text).not.toContain("requestMinCompressionSizeBytes must be");
      expect(text).not.toContain("CompressionStream");
      expect(text).not.toContain("max-forwards");
      // What it does carry: the signer, the retry quota and the modeled errors.
      expect(text).toContain("AWS4-HMAC-SHA256");
      expect(text).toContain("retryQuota");
      expect(text).toContain("JobNotFoundException");
    }
  });

  it.each(["browser", "node"] as const)("%s: carries nothing of the endpoint rules engine, neither @smithy/core nor @aws-sdk/core", async (platform) => {
    const found = (await bundle(ONE_CALL, { platform })).inputs;
    expect(found).toContain("packages/client/src/runtime/endpoints.ts");
    expect(found.filter((input) => /@smithy\/core|@aws-sdk\/core|runtime\/endpoint-rules/.test(input))).toEqual([]);
  });

  it("signs with node:crypto on Node", async () => {
    const { inputs } = await bundle(ONE_CALL, { platform: "node" });
    expect(inputs).toContain("packages/client/src/runtime/crypto-node.ts");
  });

  it("carries the validators when it passes them as validateInput", async () => {
    const { inputs } = await bundle(ONE_CALL.replace("createCodePipelineClient, ", "createCodePipelineClient, inputValidators, ").replace('{ region: "us-east-1" }', '{ region: "us-east-1", validateInput: inputValidators }'), { platform: "browser" });
    expect(inputs).toContain("packages/validators/src/generated/validators.ts");
  });
});
