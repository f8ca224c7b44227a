// An awsJson1_0 service through the real toolchain: Smithy validates it, our OpenAPI
// extension describes its wire in the 1.0 media type, every target generates, and the
// generated client and server speak 1.0 to each other over 127.0.0.1.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPipeline } from "../codegen/src/pipeline.js";
import type { GeneratedFile } from "../codegen/src/writer.js";
import { CACHE_DIR, REPO_ROOT } from "./support/repo.js";
import { generatedWorkspace } from "./support/workspace.js";

const fixtures = path.join(REPO_ROOT, "test", "fixtures");
let files: GeneratedFile[];
const file = (name: string) => files.find((candidate) => candidate.path === name)?.contents ?? "";

beforeAll(async () => {
  ({ files } = await runPipeline({ modelDir: path.join(fixtures, "echo-json10"), configPath: path.join(fixtures, "echo-json10.smithy-build.json"), cacheDir: CACHE_DIR }));
});

describe("an awsJson1_0 service", () => {
  it("the OpenAPI document describes requests and errors in application/x-amz-json-1.0", () => {
    const openapi = JSON.parse(file("generated/openapi/echo.openapi.json")) as { paths: Record<string, { post: { requestBody: { content: object }; responses: Record<string, { content?: object }> } }> };
    const operation = openapi.paths["/#X-Amz-Target=Echo.EchoValues"]!.post;
    expect(Object.keys(operation.requestBody.content)).toEqual(["application/x-amz-json-1.0"]);
    expect(Object.keys(operation.responses["400"]!.content!)).toEqual(["application/x-amz-json-1.0"]);
  });

  it("the reference page shows the 1.0 request", () => {
    expect(file("generated/docs/EchoValues.md")).toContain("Content-Type: application/x-amz-json-1.0\nX-Amz-Target: Echo.EchoValues");
  });

  describe("the generated client calls the generated server", () => {
    let server: { url: string; close(): Promise<void> };
    let client: any;
    const seen: string[] = [];
    afterAll(() => server?.close());

    beforeAll(async () => {
      const dir = await generatedWorkspace("echo-json10", files);
      const { createEchoServiceHandler, listen } = await import(path.join(dir, "server", "src", "index.ts"));
      const { EchoClient } = await import(path.join(dir, "client", "src", "index.ts"));
      const handler = createEchoServiceHandler({ echoValues: async (input: { value: number }) => ({ value: -input.value }) });
      server = await listen(Object.assign(async (request: { headers: Record<string, string> }) => {
        seen.push(request.headers["content-type"]!);
        return handler(request);
      }, { protocol: handler.protocol }));
      client = new EchoClient({ endpoint: server.url, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } });
    });

    it("in application/x-amz-json-1.0, floats included", async () => {
      const output = await client.echoValues({ value: Number.POSITIVE_INFINITY });
      expect(output.value).toBe(Number.NEGATIVE_INFINITY);
      expect(output.$metadata.httpStatusCode).toBe(200);
      expect(seen).toEqual(["application/x-amz-json-1.0"]);
    });
  });
});
