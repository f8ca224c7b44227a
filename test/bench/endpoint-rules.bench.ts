// What a model's endpoint rule set costs a program making one call: the client generated
// from test/fixtures/partner-artifact-store (a rule set over aws.partition), against the
// client of the same model with the rule set left out of its IR (the standard AWS regional
// rules, as for our own model), each bundled with the one-call rows' esbuild settings from
// the packages' sources (a generated workspace has no build; client.bench.ts bundles ours
// from the built packages).
import path from "node:path";
import { loadModel, type JsonAst } from "../../codegen/src/ir/load.js";
import { outputPaths, runPipeline } from "../../codegen/src/pipeline.js";
import { emitClient } from "../../codegen/src/targets/client.js";
import { CODEGEN_VERSION } from "../../codegen/src/versions.js";
import { CACHE_DIR, REPO_ROOT } from "../support/repo.js";
import { REPO_LAYOUT } from "../support/repo-layout.js";
import { generatedWorkspace } from "../support/workspace.js";
import { gzippedBundleBytes } from "./client.bench.js";
import type { Row } from "./table.js";

const FIXTURES = path.join(REPO_ROOT, "test", "fixtures");
const STORE = "com.example.partnerartifacts#PartnerArtifactStore_20261201";
const PROGRAM = `
  import { createPartnerArtifactStoreClient, describeRepository } from "@codepipeline-partner/client";
  const client = createPartnerArtifactStoreClient({ region: "us-east-1" });
  await describeRepository(client, { repositoryName: "build-outputs" });`;
const WITHOUT = "the same model without its rule set (anchor)";
const WITH = "a model with an endpoint rule set (partner-artifact-store)";

export async function benchRuleSetBundleSize(): Promise<Row[]> {
  const { files } = await runPipeline({
    modelDir: path.join(FIXTURES, "partner-artifact-store"),
    configPath: path.join(FIXTURES, "partner-artifact-store.smithy-build.json"),
    cacheDir: CACHE_DIR,
  });
  const model = JSON.parse(files.find((file) => file.path === outputPaths("partnerartifactstore").model)!.contents) as JsonAst;
  const ir = loadModel(model, { service: STORE });
  const { endpointRuleSet: _, ...service } = ir.service;
  const clientDir = "packages/client/src/generated/";
  const withoutRules = [
    ...files.filter((file) => !file.path.startsWith(clientDir)),
    ...(await emitClient({ ...ir, service }, { version: CODEGEN_VERSION, imports: REPO_LAYOUT.imports })).map((file) => ({ path: clientDir + file.path, contents: file.contents })),
  ];
  const workspaces = {
    [WITHOUT]: await generatedWorkspace("bench-partner-artifact-store-standard-rules", withoutRules),
    [WITH]: await generatedWorkspace("bench-partner-artifact-store-rule-set", files),
  };
  const rows: Row[] = [];
  for (const platform of ["browser", "node"] as const) {
    const sizes = new Map<string, number>();
    for (const [name, dir] of Object.entries(workspaces)) {
      // esbuild's default "module" condition back (any custom condition turns it off), under
      // which @smithy/core and @aws-sdk/core resolve to their ES builds for Node too, as they
      // do for a user's default esbuild run.
      sizes.set(name, await gzippedBundleBytes(PROGRAM, { platform, resolveDir: dir, conditions: ["module"] }));
    }
    const anchor = sizes.get(WITHOUT)!;
    for (const [name, size] of sizes) {
      rows.push({ group: `bundle of one call, ${platform}, minified + gzip: endpoint rule set`, name, value: `${(size / 1024).toFixed(1)} KiB`, ratio: anchor / size });
    }
  }
  return rows;
}
