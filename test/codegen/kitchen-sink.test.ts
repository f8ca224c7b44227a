// The kitchen-sink model through the real Smithy build: its JSON AST covers every shape
// kind the IR knows, so the targets' tests can rely on it, and every target generates it,
// the client and server sending its bigInteger and bigDecimal exactly.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadModel, type JsonAst } from "../../codegen/src/ir/load.js";
import type { ShapeKind, StructureShape } from "../../codegen/src/ir/types.js";
import { OUTPUT, runPipeline, type PipelineOptions } from "../../codegen/src/pipeline.js";
import { CACHE_DIR, REPO_ROOT } from "../support/repo.js";
import { generatedWorkspace } from "../support/workspace.js";

const fixtures = path.join(REPO_ROOT, "test", "fixtures");
/** The kitchen-sink model through the real Smithy build and these targets. */
const build = (targets: PipelineOptions["targets"] | undefined) =>
  runPipeline({ modelDir: path.join(fixtures, "kitchen-sink"), configPath: path.join(fixtures, "kitchen-sink.smithy-build.json"), cacheDir: CACHE_DIR, targets });

describe("the kitchen-sink model", () => {
  it("covers every shape kind the IR knows, so the targets are tested on all of them", async () => {
    const { files } = await build(["types", "validators", "docs"]);
    const ast = JSON.parse(files.find((file) => file.path === OUTPUT.model)!.contents) as JsonAst;
    const kinds = new Set([...loadModel(ast).shapes.values()].map((shape) => shape.kind));
    const all: ShapeKind[] = [
      "structure", "union", "list", "map", "string", "enum", "intEnum", "boolean", "byte", "short", "integer",
      "long", "float", "double", "bigInteger", "bigDecimal", "timestamp", "blob", "document",
    ];
    expect([...kinds].sort()).toEqual([...all].sort());
  });

  it("binds GetWidget through a resource, and its input takes its member from a mixin, with a trait applied to it", async () => {
    const { files } = await build(["types", "validators", "docs"]);
    const ir = loadModel(JSON.parse(files.find((file) => file.path === OUTPUT.model)!.contents) as JsonAst);
    expect(ir.operations.map((operation) => operation.name)).toEqual(["GetWidget", "Ping", "PutEverything"]);
    const input = ir.shapes.get("example.kitchensink#GetWidgetInput") as StructureShape;
    expect(input.members).toEqual([expect.objectContaining({ name: "widgetId", required: true, constraints: { length: { min: 3, max: 8 }, pattern: "^w-" } })]);
    // The mixin's documentation is a local trait: the input does not inherit it.
    expect(input).not.toHaveProperty("documentation");
    expect(files.find((file) => file.path === "generated/docs/GetWidget.md")?.contents).toContain("- Length constraints: Minimum length of 3. Maximum length of 8.");
  });

  it("every target generates, and its big members make the round trip from the generated client to the generated server exactly", async () => {
    const { files } = await build(undefined);
    for (const target of ["client/src/generated/operations.ts", "server/src/generated/service.ts", "types/src/generated/types.ts"]) {
      expect(files.map((file) => file.path)).toContain(`packages/${target}`);
    }
    const dir = await generatedWorkspace("kitchen-sink-round-trip", files);
    const { createKitchenSinkServiceHandler, listen } = await import(path.join(dir, "server", "src", "index.ts"));
    const { KitchenSinkClient } = await import(path.join(dir, "client", "src", "index.ts"));
    const received: Array<{ huge?: bigint; exact?: string }> = [];
    const handler = createKitchenSinkServiceHandler({
      putEverything: async (input: { huge?: bigint; exact?: string }) => {
        received.push(input);
        return { id: `${input.huge}|${input.exact}` };
      },
      ping: async () => {},
      getWidget: async (input: { widgetId: string }) => input,
    });
    const server = await listen(handler);
    try {
      const client = new KitchenSinkClient({ endpoint: server.url, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } });
      const output = await client.putEverything({ name: "abc", flag: true, huge: -(2n ** 80n) + 1n, exact: "-0.1000000000000000000000000001e-400" });
      expect(received[0]).toMatchObject({ huge: -(2n ** 80n) + 1n, exact: "-0.1000000000000000000000000001e-400" });
      expect(output.id).toBe(`${-(2n ** 80n) + 1n}|-0.1000000000000000000000000001e-400`);
    } finally {
      await server.close();
    }
  });
});
