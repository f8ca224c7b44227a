// File names come from the service, as the class names do.
import { describe, expect, it } from "vitest";
import { outputPaths } from "../../../../codegen/src/pipeline.js";
import { serviceFileName } from "../../../../codegen/src/targets/names.js";
import { model, service } from "../../../support/ir.js";

describe("serviceFileName", () => {
  it.each([
    ["its sdkId, lower-cased", service("CodePipeline_20150709", { sdkId: "CodePipeline" }), "codepipeline"],
    ["an sdkId's spaces dropped", service("PartnerArtifactStoreAdmin_20261201", { sdkId: "Partner Artifact Store Admin" }), "partnerartifactstoreadmin"],
    ["the shape's name without an sdkId", service("Echo"), "echo"],
  ])("%s", (_, given, want) => {
    expect(serviceFileName(model({ service: given }))).toBe(want);
    expect(outputPaths(want).openapi).toBe(`generated/openapi/${want}.openapi.json`);
  });
});
