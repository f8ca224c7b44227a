// The sample inputs a scaffolded server project's test sends (codegen/src/scaffold/sample-values.ts),
// judged by the generated validators: for every structure of three models (the real one,
// the kitchen sink and a model of required members constrained as AWS models constrain
// theirs), the sample of its required members and the sample of all its members must
// pass `validate<Structure>`. (That the scaffolded test then reaches the handlers: test/scaffold.test.ts.)
import * as validators from "@codepipeline-partner/validators";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadModel, type JsonAst } from "../codegen/src/ir/load.js";
import type { ModelIR } from "../codegen/src/ir/types.js";
import { OUTPUT } from "../codegen/src/pipeline.js";
import { run } from "../codegen/src/smithy/toolchain.js";
import { sampleSource, sampleStructure, type Sample } from "../codegen/src/scaffold/sample-values.js";
import { generatePackages } from "./support/generated.js";
import { readRepoJson, REPO_ROOT } from "./support/repo.js";

type Validate = (value: unknown) => validators.ValidationResult;

/** A sample in its JSON wire form (awsJson: timestamps by their format, blobs in base64, big numbers as numbers). */
function wire(sample: Sample): unknown {
  switch (sample.kind) {
    case "string":
    case "number":
    case "boolean":
    case "bigInteger":
    case "bigDecimal":
      return sample.value;
    case "timestamp": {
      const date = new Date(sample.epochSeconds * 1000);
      return sample.format === "date-time" ? date.toISOString() : sample.format === "http-date" ? date.toUTCString() : sample.epochSeconds;
    }
    case "blob":
      return Buffer.from(sample.bytes).toString("base64");
    case "document":
      return {};
    case "list":
      return sample.items.map(wire);
    case "object":
      return Object.fromEntries(sample.entries.map(([key, value]) => [key, wire(value)]));
  }
}

/** Each structure's samples, with what its validator says of them. */
function verdicts(ir: ModelIR, validate: Record<string, unknown>): Array<{ structure: string; members: string; input: unknown; outcome: string }> {
  const rows = [];
  for (const shape of ir.shapes.values()) {
    if (shape.kind !== "structure" || shape.id.startsWith("smithy.api#")) continue;
    const validator = validate[`validate${shape.name}`] as Validate | undefined;
    if (!validator) continue; // errors and outputs of no operation input have none
    for (const members of ["required", "all"] as const) {
      const input = wire(sampleStructure(ir, shape.id, { members })!);
      const result = validator(input);
      rows.push({ structure: shape.name, members, input, outcome: result.ok ? "ok" : `${result.kind}: ${result.message}` });
    }
  }
  return rows;
}

/** A model's IR and its generated validators, through the real Smithy build. */
async function built(name: string, fixture: string): Promise<{ ir: ModelIR; ast: string; validate: Record<string, unknown> }> {
  const fixtures = path.join(REPO_ROOT, "test", "fixtures");
  const generated = await generatePackages(`scaffold-samples-${name}`, path.join(fixtures, fixture), {
    configPath: path.join(fixtures, `${fixture}.smithy-build.json`),
    targets: ["types", "validators"],
  });
  const ast = generated.files.get(OUTPUT.model)!;
  const ir = loadModel(JSON.parse(ast) as JsonAst);
  return { ir, ast, validate: await import(path.join(generated.dir, "validators", "src", "generated", "validators.ts")) };
}

describe("scaffold sample inputs pass the generated validators", () => {
  let samples: Awaited<ReturnType<typeof built>>;
  let kitchenSink: Awaited<ReturnType<typeof built>>;
  beforeAll(async () => {
    samples = await built("samples", "scaffold-samples");
    kitchenSink = await built("kitchen-sink", "kitchen-sink");
  });

  it("the real model: every structure a validator checks", async () => {
    const ir = loadModel(await readRepoJson<JsonAst>(OUTPUT.model));
    const rows = verdicts(ir, validators);
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(rows.filter((row) => row.outcome !== "ok")).toEqual([]);
  });

  it("required members with patterns, lengths, ranges, enums and unique items (scaffold-samples fixture)", () => {
    const rows = verdicts(samples.ir, samples.validate);
    expect(rows.map((row) => `${row.structure} ${row.members}`)).toEqual(expect.arrayContaining(["RegisterThingInput required", "Owner required"]));
    expect(rows.filter((row) => row.outcome !== "ok")).toEqual([]);
    // The unique items really differ, and the lengths are the model's.
    const input = rows.find((row) => row.structure === "RegisterThingInput")!.input as { tags: string[]; levels: number[]; labels: object; longWord: string };
    expect(new Set(input.tags).size).toBe(input.tags.length);
    expect(input.tags.length).toBe(3);
    expect(new Set(input.levels).size).toBe(2);
    expect(Object.keys(input.labels)).toHaveLength(2);
    expect([...input.longWord].length).toBeGreaterThanOrEqual(24);
  });

  it("every constraint kind of the kitchen sink, with all members set", () => {
    const rows = verdicts(kitchenSink.ir, kitchenSink.validate);
    expect(rows.map((row) => `${row.structure} ${row.members}`)).toEqual(expect.arrayContaining(["PutEverythingInput all", "GetWidgetInput required"]));
    expect(rows.filter((row) => row.outcome !== "ok")).toEqual([]);
  });

  it("is the same on every run: the test file scaffold writes changes only with the model", async () => {
    const sources = (ir: ModelIR) => ir.operations.map((operation) => sampleSource(sampleStructure(ir, operation.input))).join("\n");
    const here = sources(samples.ir);
    expect(sources(samples.ir)).toBe(here);
    // Another process, as a later scaffold run is.
    const script = `
      import { loadModel } from ${JSON.stringify(path.join(REPO_ROOT, "codegen/src/ir/load.ts"))};
      import { sampleSource, sampleStructure } from ${JSON.stringify(path.join(REPO_ROOT, "codegen/src/scaffold/sample-values.ts"))};
      import { readFileSync } from "node:fs";
      const ir = loadModel(JSON.parse(readFileSync(process.argv[2], "utf8")));
      process.stdout.write(ir.operations.map((operation) => sampleSource(sampleStructure(ir, operation.input))).join("\\n"));`;
    const file = path.join(REPO_ROOT, ".cache", `scaffold-samples-${process.pid}.mts`);
    const model = path.join(REPO_ROOT, ".cache", `scaffold-samples-${process.pid}.json`);
    await writeFile(file, script);
    await writeFile(model, samples.ast);
    try {
      const other = await run(process.execPath, [path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), file, model]);
      expect(other.stderr).toBe("");
      expect(other.stdout).toBe(here);
    } finally {
      await Promise.all([rm(file, { force: true }), rm(model, { force: true })]);
    }
  });
});
