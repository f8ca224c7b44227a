// The kitchen-sink model through the real Smithy build: its JSON AST covers every shape
// kind the IR knows, so the targets' tests can rely on it, and a target that cannot send a
// kind exactly refuses it by name.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GenerateError } from "../../codegen/src/errors.js";
import { loadModel, type JsonAst } from "../../codegen/src/ir/load.js";
import type { ShapeKind, StructureShape } from "../../codegen/src/ir/types.js";
import { OUTPUT, runPipeline, type PipelineOptions } from "../../codegen/src/pipeline.js";
import { CACHE_DIR, REPO_ROOT } from "../support/repo.js";

const fixtures = path.join(REPO_ROOT, "test", "fixtures");
/** The kitchen-sink model through the real Smithy build and these targets. */
const build = (targets: PipelineOptions["targets"]) =>
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

  it("the client target refuses what it cannot send exactly, naming the shape", async () => {
    const error = await build(["client"]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GenerateError);
    expect((error as Error).message).toMatch(/^client: smithy\.api#BigInteger is a bigInteger, which the client target cannot send exactly yet/);
  });
});
