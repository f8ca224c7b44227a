// The client's cost per call (serialize, sign, send to a no-op transport, parse) and the
// size of a program making one call, each against @aws-sdk/client-codepipeline (the
// anchor) doing the same in the same run; the bundle rows also show aws4fetch making the
// same call by hand, the floor for a signed, retried call over fetch.
import { CodePipelineClient as SdkClient, PutThirdPartyJobSuccessResultCommand } from "@aws-sdk/client-codepipeline";
import { createCodePipelineClient, putThirdPartyJobSuccessResult } from "@codepipeline-partner/client";
import { HttpResponse } from "@smithy/protocol-http";
import { spawnSync } from "node:child_process";
import { Bench } from "tinybench";
import { bundle, type BundleOptions } from "../support/bundle.js";
import { REPO_ROOT } from "../support/repo.js";
import type { Row } from "./table.js";
import { VALID } from "./validators.bench.js";

const CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const INPUT = { ...VALID, currentRevision: { ...VALID.currentRevision, created: new Date(1_700_000_000_123) } };

export async function benchClientCalls(time: number): Promise<Row[]> {
  const sdk = new SdkClient({
    region: "us-east-1",
    credentials: CREDENTIALS,
    requestHandler: { handle: async () => ({ response: new HttpResponse({ statusCode: 200, headers: {}, body: new Uint8Array() }) }) },
  });
  const ours = createCodePipelineClient({
    region: "us-east-1",
    credentials: CREDENTIALS,
    fetch: async () => ({ status: 200, headers: new Headers(), text: async () => "" }) as Response,
  });
  const bench = new Bench({ time, warmup: true, warmupTime: time / 4 });
  bench
    .add("@aws-sdk/client-codepipeline (anchor)", async () => {
      await sdk.send(new PutThirdPartyJobSuccessResultCommand(INPUT));
    })
    .add("ours", async () => {
      await putThirdPartyJobSuccessResult(ours, INPUT);
    });
  await bench.run();
  const micros = (name: string) => {
    const task = bench.getTask(name)!;
    const result = task.result as { latency?: { mean: number } };
    if (!result.latency) throw new Error(`${name} did not run`);
    return result.latency.mean * 1000;
  };
  const anchor = micros("@aws-sdk/client-codepipeline (anchor)");
  return bench.tasks.map((task) => {
    const us = micros(task.name);
    return { group: "one call, no-op transport", name: task.name, value: `${us.toFixed(1)} µs/call`, ratio: anchor / us };
  });
}

const PROGRAMS = {
  "@aws-sdk/client-codepipeline (anchor)": `
    import { CodePipelineClient, PutThirdPartyJobSuccessResultCommand } from "@aws-sdk/client-codepipeline";
    const client = new CodePipelineClient({ region: "us-east-1" });
    await client.send(new PutThirdPartyJobSuccessResultCommand({ jobId: "j", clientToken: "t" }));`,
  // A SigV4 signer over fetch that retries 5xx and 429: no types, no endpoint rules, no
  // error classes, no credentials but the ones it is handed (here from the environment).
  "aws4fetch (reference: signed and retried, nothing typed)": `
    import { AwsClient } from "aws4fetch";
    const env = globalThis.process?.env ?? {};
    const aws = new AwsClient({ accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN, region: "us-east-1", service: "codepipeline" });
    const response = await aws.fetch("https://codepipeline.us-east-1.amazonaws.com/", {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "CodePipeline_20150709.PutThirdPartyJobSuccessResult" },
      body: JSON.stringify({ jobId: "j", clientToken: "t" }),
    });
    if (!response.ok) throw new Error(await response.text());`,
  "ours (the built packages, as installed)": `
    import { createCodePipelineClient, putThirdPartyJobSuccessResult } from "@codepipeline-partner/client";
    const client = createCodePipelineClient({ region: "us-east-1" });
    await putThirdPartyJobSuccessResult(client, { jobId: "j", clientToken: "t" });`,
};

/**
 * The bytes of `program` bundled and minified by esbuild, gzipped: from the workspace
 * packages' sources (the default: a generated workspace has no build) or their built
 * dist/ (`from: "built"`), plus any `conditions` named.
 */
export async function gzippedBundleBytes(program: string, options: Pick<BundleOptions, "platform" | "resolveDir" | "conditions" | "from">): Promise<number> {
  return (await bundle(program, { ...options, minify: true })).gzipped;
}

/** `npm run build`, so that the bundle rows measure the packages as users install them. */
function buildPackages(): void {
  const built = spawnSync("npm", ["run", "build"], { cwd: REPO_ROOT, encoding: "utf8" });
  if (built.status !== 0) throw new Error(`npm run build failed (exit ${built.status}):\n${built.stdout}${built.stderr}`);
}

export async function benchBundleSize(): Promise<Row[]> {
  buildPackages();
  const rows: Row[] = [];
  for (const platform of ["browser", "node"] as const) {
    const sizes = new Map<string, number>();
    for (const [name, contents] of Object.entries(PROGRAMS)) {
      sizes.set(name, await gzippedBundleBytes(contents, { platform, from: "built" }));
    }
    const anchor = sizes.get("@aws-sdk/client-codepipeline (anchor)")!;
    for (const [name, size] of sizes) {
      rows.push({ group: `bundle of one call, ${platform}, minified + gzip`, name, value: `${(size / 1024).toFixed(1)} KiB`, ratio: anchor / size });
    }
  }
  return rows;
}
