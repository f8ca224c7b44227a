// A `generate` or `check` whose outputs come from the cache loads none of the heavy
// generator libraries: the CLI's static import graph (dynamic `import()`s are where the
// targets load them) holds no value import of ts-morph, typescript, the formatter or the
// .d.ts view tools. A value import slipping into a module the loader uses once made every
// no-change generate 0.45 s slower.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../support/repo.js";

const HEAVY = ["ts-morph", "typescript", "oxfmt", "openapi-typescript", "json-schema-to-typescript", "fast-check"];
// `import type` and `import { type A, type B }` cost nothing at run time; anything else loads the module.
const IMPORT = /^import\s+(type\s+)?([^"';]*?)\s*from\s*["']([^"']+)["'];?$|^import\s+["']([^"']+)["'];?$/gm;

function staticGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (file: string) => {
    if (graph.has(file)) return;
    const values: string[] = [];
    graph.set(file, values);
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const [, typeOnly, clause = "", from = match[4]!] = match;
      const onlyTypes = typeOnly !== undefined || (/^\{[^}]*\}$/.test(clause) && clause.slice(1, -1).split(",").every((part) => /^\s*(type\s|$)/.test(part)));
      if (onlyTypes) continue;
      if (from.startsWith(".")) visit(path.resolve(path.dirname(file), from.replace(/\.js$/, ".ts")));
      else values.push(from);
    }
  };
  visit(entry);
  return graph;
}

describe("the codegen CLI's static imports", () => {
  const graph = staticGraph(path.join(REPO_ROOT, "codegen/src/cli.ts"));

  it("reach the loader, the pipeline and the writer", () => {
    const files = [...graph.keys()].map((file) => path.relative(REPO_ROOT, file));
    expect(files).toEqual(expect.arrayContaining(["codegen/src/ir/load.ts", "codegen/src/pipeline.ts", "codegen/src/writer.ts"]));
  });

  it("load none of the generator libraries", () => {
    const heavy = [...graph].flatMap(([file, modules]) => modules.filter((module) => HEAVY.some((name) => module === name || module.startsWith(`${name}/`))).map((module) => `${path.relative(REPO_ROOT, file)} imports ${module}`));
    expect(heavy).toEqual([]);
  });
});
