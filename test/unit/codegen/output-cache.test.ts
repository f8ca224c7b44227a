// The outputs cache: a key that changes with every input of a generation, and entries
// that round-trip, fail soft and are pruned, in a folder of their own.
import { readdir, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outputKey, readOutputs, storeOutputs } from "../../../codegen/src/output-cache.js";
import type { GeneratedFile } from "../../../codegen/src/writer.js";
import { scratchDir } from "../../support/repo.js";

describe("the key", () => {
  const parts = { smithyInputs: "a".repeat(64), options: { modelSource: "model", targets: "all" } };

  it("is the same for the same inputs", async () => {
    expect(await outputKey(parts)).toBe(await outputKey({ ...parts, options: { ...parts.options } }));
    expect(await outputKey(parts)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ["the Smithy build's inputs (the model)", { ...parts, smithyInputs: "b".repeat(64) }],
    ["the model's path, which headers name", { ...parts, options: { ...parts.options, modelSource: "other-model" } }],
    ["the targets chosen", { ...parts, options: { ...parts.options, targets: ["types"] } }],
  ])("changes with %s", async (_, changed) => {
    expect(await outputKey(changed)).not.toBe(await outputKey(parts));
  });
});

describe("entries, in a folder of their own", () => {
  let scratch: Awaited<ReturnType<typeof scratchDir>>;
  const files: GeneratedFile[] = [
    { path: "generated/a.json", contents: "{}\n" },
    { path: "packages/types/src/generated/types.ts", contents: "// header\n\nexport type A = string;\n" },
  ];
  const key = (n: number) => n.toString(16).padStart(64, "0");

  beforeEach(async () => {
    scratch = await scratchDir("output-cache-test");
  });
  afterEach(() => scratch.remove());

  it("give back the files stored under a key, and nothing for another key", async () => {
    await storeOutputs(scratch.dir, key(1), files);
    expect(await readOutputs(scratch.dir, key(1))).toEqual(files);
    expect(await readOutputs(scratch.dir, key(2))).toBeUndefined();
  });

  it("count as absent when cut short, so the generation runs afresh", async () => {
    await writeFile(path.join(scratch.dir, `${key(1)}.json`), '{"files": [{"path": "generated/a.js');
    expect(await readOutputs(scratch.dir, key(1))).toBeUndefined();
  });

  it("are pruned to the most recent few", async () => {
    for (let n = 1; n <= 4; n++) {
      await storeOutputs(scratch.dir, key(n), files, 3);
      const at = new Date(Date.UTC(2000, 0, 1, 0, 0, n));
      await utimes(path.join(scratch.dir, `${key(n)}.json`), at, at);
    }
    await storeOutputs(scratch.dir, key(5), files, 3);
    expect((await readdir(scratch.dir)).sort()).toEqual([key(3), key(4), key(5)].map((k) => `${k}.json`));
  });
});
