// The same handler behind the Fetch API and AWS Lambda adapters, and the runnable
// reference server started as a user would start it.
import { PutThirdPartyJobSuccessResultCommand, CodePipelineClient as SdkClient } from "@aws-sdk/client-codepipeline";
import { createCodePipelineServiceHandler, JobNotFoundException, toFetchHandler, toLambdaHandler } from "@codepipeline-partner/server";
import { spawn, type ChildProcess } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT, scratchDir, SOURCE_CONDITION } from "../support/repo.js";
import { TEST_CREDENTIALS } from "../support/sdk.js";
import { successResultOnly } from "../support/one-operation.js";

const TARGET = "CodePipeline_20150709.PutThirdPartyJobSuccessResult";
const handler = createCodePipelineServiceHandler(
  successResultOnly({
    async putThirdPartyJobSuccessResult(input) {
      if (input.jobId === "missing") throw new JobNotFoundException({ message: "gone" });
    },
  }),
);

describe("the Fetch API adapter", () => {
  const fetchHandler = toFetchHandler(handler, { maxBodyBytes: 1024 });
  const request = (body: string, headers: Record<string, string> = {}) =>
    new Request("http://example.test/", { method: "POST", body, headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": TARGET, ...headers } });

  it("answers success and modeled errors as the node adapter does", async () => {
    const success = await fetchHandler(request('{"jobId":"j","clientToken":"t"}'));
    expect(success.status).toBe(200);
    expect(success.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await success.text()).toBe("");
    const error = await fetchHandler(request('{"jobId":"missing","clientToken":"t"}'));
    expect(error.status).toBe(400);
    expect(error.headers.get("x-amzn-errortype")).toBe("JobNotFoundException");
    expect(await error.json()).toEqual({ __type: "JobNotFoundException", message: "gone" });
  });

  it("refuses a body over its limit with 413", async () => {
    const response = await fetchHandler(request(JSON.stringify({ jobId: "j", clientToken: "x".repeat(2000) })));
    expect(response.status).toBe(413);
  });

  it("stops reading a streamed body of no declared length as soon as it passes the limit", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(256).fill(0x20));
      },
    });
    const streamed = new Request("http://example.test/", {
      method: "POST",
      body: endless,
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": TARGET },
      duplex: "half",
    } as RequestInit);
    const response = await fetchHandler(streamed);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(10); // 1 KiB limit, 256-byte chunks: nothing like the whole stream
  });
});

describe("the AWS Lambda adapter (HTTP API payload 2.0 and function URLs)", () => {
  const lambda = toLambdaHandler(handler);
  const event = (body: string, extra: object = {}) => ({
    rawPath: "/",
    headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET },
    requestContext: { http: { method: "POST", path: "/" } },
    body,
    isBase64Encoded: false,
    ...extra,
  });

  it("answers a plain and a base64-encoded event", async () => {
    expect(await lambda(event('{"jobId":"j","clientToken":"t"}'))).toMatchObject({ statusCode: 200, body: "" });
    const encoded = Buffer.from('{"jobId":"missing","clientToken":"t"}').toString("base64");
    const result = await lambda(event(encoded, { isBase64Encoded: true }));
    expect(result).toMatchObject({ statusCode: 400, headers: { "x-amzn-errortype": "JobNotFoundException" } });
  });

  it("answers a GET with 405", async () => {
    expect((await lambda(event("", { requestContext: { http: { method: "GET" } } }))).statusCode).toBe(405);
  });
});

describe("npm run serve", () => {
  const children: ChildProcess[] = [];
  afterAll(() => children.forEach((child) => child.kill()));

  function serve(args: string[]): Promise<{ url?: string; error?: string; child: ChildProcess }> {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), SOURCE_CONDITION, path.join(REPO_ROOT, "packages", "server", "src", "reference", "serve.ts"), ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    return new Promise((resolve) => {
      let out = "";
      let err = "";
      child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
        out += chunk;
        const url = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1];
        if (url) resolve({ url, child });
      });
      child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
      child.on("exit", () => resolve({ error: err.trim(), child }));
    });
  }

  it("serves the reference implementation over the jobs of --jobs, for the AWS SDK", async () => {
    const scratch = await scratchDir("serve");
    const jobs = path.join(scratch.dir, "jobs.json");
    await writeFile(jobs, JSON.stringify([{ id: "job-1", clientToken: "tok-1", status: "InProgress" }]));
    const { url } = await serve(["--port", "0", "--jobs", jobs]);
    expect(url).toBeDefined();
    const sdk = new SdkClient({ endpoint: url!, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    await sdk.send(new PutThirdPartyJobSuccessResultCommand({ jobId: "job-1", clientToken: "tok-1" }));
    // The job is Succeeded now: reporting it again is an InvalidJobStateException.
    await expect(sdk.send(new PutThirdPartyJobSuccessResultCommand({ jobId: "job-1", clientToken: "tok-1" }))).rejects.toMatchObject({ name: "InvalidJobStateException" });
    await scratch.remove();
  });

  it.each([
    ["a jobs file that is not JSON", "[{", /is not valid JSON/],
    ["a job with an unknown status", JSON.stringify([{ id: "a", clientToken: "b", status: "Sleeping" }]), /entry 0: "status" must be one of Created, Queued/],
    ["the same job twice", JSON.stringify([{ id: "a", clientToken: "b", status: "Queued" }, { id: "a", clientToken: "c", status: "Queued" }]), /job "a" appears twice/],
  ])("refuses %s with one clear line", async (_, contents, message) => {
    const scratch = await scratchDir("serve-bad");
    const jobs = path.join(scratch.dir, "jobs.json");
    await writeFile(jobs, contents);
    const { error, child } = await serve(["--port", "0", "--jobs", jobs]);
    expect(error).toMatch(/^error: /);
    expect(error).toMatch(message);
    expect(error!.split("\n")).toHaveLength(1);
    expect(child.exitCode).toBe(1);
    await scratch.remove();
  });
});
