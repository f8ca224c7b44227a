// A model whose shapes are named as the generated code's runtime symbols (issue 10), through
// the real toolchain: Smithy validates it, every target generates, and the generated client
// calls the generated server over 127.0.0.1. Its input is `Client`, its output `Output`, its
// errors `ServiceException` and `ModeledError`, its operation `Invoke` (function `invoke`), a
// member `Object` (validators' `isObject`): each runtime symbol is imported under an alias and
// the model's names stay as the model spells them.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPipeline } from "../codegen/src/pipeline.js";
import type { GeneratedFile } from "../codegen/src/writer.js";
import { CACHE_DIR, REPO_ROOT } from "./support/repo.js";
import { generatedWorkspace } from "./support/workspace.js";

const fixtures = path.join(REPO_ROOT, "test", "fixtures");
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };

describe("shapes named Client, Output, ServiceException, ModeledError, Object and an operation Invoke", () => {
  let files: GeneratedFile[];
  let server: { url: string; close(): Promise<void> };
  let client: any;
  let clientErrors: any;
  let clientModule: any;
  afterAll(() => server?.close());

  beforeAll(async () => {
    ({ files } = await runPipeline({ modelDir: path.join(fixtures, "runtime-names"), configPath: path.join(fixtures, "runtime-names.smithy-build.json"), cacheDir: CACHE_DIR }));
    const dir = await generatedWorkspace("runtime-names", files);
    const serverModule = await import(path.join(dir, "server", "src", "index.ts"));
    // The package index exports the runtime's ServiceException; the model's error class is the generated module's.
    const serverErrors = await import(path.join(dir, "server", "src", "generated", "service.ts"));
    clientModule = await import(path.join(dir, "client", "src", "index.ts"));
    clientErrors = await import(path.join(dir, "client", "src", "generated", "errors.ts"));
    const handler = serverModule.createClashesServiceHandler({
      invoke: async (input: { config: unknown; at?: Date; data?: Uint8Array; object?: unknown; fail?: string }, context: { operation: string }) => {
        if (input.fail === "ServiceException") throw new serverErrors.ServiceException({ message: "refused" });
        if (input.fail === "ModeledError") throw new serverErrors.ModeledError({ message: "broke" });
        return { config: input.config, at: input.at, data: input.data, object: input.object, context: { operation: context.operation } };
      },
    });
    server = await serverModule.listen(handler);
    client = new clientModule.ClashesClient({ endpoint: server.url, credentials });
  }, 180_000);

  it("imports the runtime's symbols under aliases, and only those", () => {
    const file = (name: string) => files.find((candidate) => candidate.path.endsWith(name))!.contents;
    expect(file("client/src/generated/operations.ts")).toMatch(/type Client as __Client,[^}]*type Output as __Output,[^}]*invoke as __invoke/);
    expect(file("client/src/generated/errors.ts")).toContain("ServiceException as __ServiceException");
    expect(file("client/src/generated/errors.ts")).toContain("export class ServiceException extends __ServiceException");
    expect(file("server/src/generated/service.ts")).toContain("export class ModeledError extends __ModeledError");
    expect(file("server/src/generated/service.ts")).toContain("type RequestContext as __RequestContext");
    expect(file("validators/src/generated/validators.ts")).toContain("isObject as __isObject");
    // The model's own names are not aliased.
    expect(file("client/src/generated/operations.ts")).toMatch(/export function invoke\(\s*client: __Client,\s*input: Client,[^)]*\): Promise<__Output<Output>> \{\s*return __invoke\(/);
  });

  it("the generated client's invoke reaches the handler and brings the Output back, timestamps and blobs converted", async () => {
    const at = new Date("2026-12-02T03:04:05.000Z");
    const output = await client.invoke({ config: { region: "eu-west-1", ratio: 0.5 }, at, data: new TextEncoder().encode("bytes"), object: { value: "v" } });
    expect(output.config).toEqual({ region: "eu-west-1", ratio: 0.5 });
    expect(output.at).toEqual(at);
    expect(new TextDecoder().decode(output.data)).toBe("bytes");
    expect(output.object).toEqual({ value: "v" });
    expect(output.context).toEqual({ operation: "Invoke" });
    expect(output.$metadata.httpStatusCode).toBe(200);
    // The standalone function, under the model's name, does the same.
    const again = await clientModule.invoke(client.client, { config: { region: "us-east-1" } });
    expect(again.config).toEqual({ region: "us-east-1" });
  });

  it("the model's ServiceException and ModeledError reach the caller as the generated classes", async () => {
    const refused = await client.invoke({ config: { region: "eu-west-1" }, fail: "ServiceException" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(clientErrors.ServiceException);
    expect(refused).toMatchObject({ name: "ServiceException", $fault: "client", message: "refused", $metadata: { httpStatusCode: 400 } });
    const broke = await client.invoke({ config: { region: "eu-west-1" }, fail: "ModeledError" }).catch((error: unknown) => error);
    expect(broke).toBeInstanceOf(clientErrors.ModeledError);
    expect(broke).toMatchObject({ name: "ModeledError", $fault: "server", message: "broke", $metadata: { httpStatusCode: 500 } });
  });

  it("the validators, whose isObject is aliased, still refuse a member of the wrong type", async () => {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "Clashes.Invoke" },
      body: JSON.stringify({ config: { region: "eu-west-1" }, object: "not an object" }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ __type: "SerializationException", message: "Expected an object at 'object', but found a string." });
  });
});
