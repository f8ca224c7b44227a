// Every TypeScript example in the README compiles against the packages as they are: an
// example that drifts from the API (a renamed option, a fifth operation the handler
// example lacks) fails here instead of in a reader's editor.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/repo.js";
import { markdownSnippets, typeErrorsByFile } from "../support/snippets.js";

// The worker example imports the partner's own module; its test compiles it beside a stand-in.
const ELSEWHERE = new Set(["Run a job worker"]);
const snippets = markdownSnippets("README.md").filter((snippet) => !ELSEWHERE.has(snippet.heading));
const dir = path.join(REPO_ROOT, "test", "unit", "readme-snippets");
const fileOf = (index: number) => path.join(dir, `example-${index + 1}.ts`);
const brokenFile = path.join(dir, "broken.ts");

/** The example as a module: its prelude, then its code (each file is its own module). */
const source = (snippet: { prelude: string; code: string }) => `${snippet.prelude}\n${snippet.code}\nexport {};\n`;

// The server example without one of its five operations: the check must catch it.
const server = snippets.find((snippet) => snippet.code.includes("const service: CodePipelineService"));
const broken = server?.code.replace(/ {2}async putThirdPartyJobFailureResult\(input\) \{[^]*?\n {2}\},\n/, "");

let errors: Map<string, string[]>;
beforeAll(() => {
  // One program for every example: each is its own file, checked on its own.
  const files = new Map(snippets.map((snippet, index) => [fileOf(index), source(snippet)]));
  files.set(brokenFile, source({ prelude: server?.prelude ?? "", code: broken ?? "" }));
  errors = typeErrorsByFile(files);
}, 120_000);

describe("the README's TypeScript examples", () => {
  it("there are some to check", () => {
    expect(snippets.length).toBeGreaterThanOrEqual(5);
  });

  it.each(snippets.map((snippet, index) => [`${index + 1}: under "${snippet.heading}"`, index] as const))("%s compiles", (_name, index) => {
    expect(errors.get(fileOf(index))).toEqual([]);
  });

  it("a wrong example fails (the check checks)", () => {
    expect(broken).toBeDefined();
    expect(broken).not.toBe(server!.code);
    expect(errors.get(brokenFile)!.join("\n")).toMatch(/putThirdPartyJobFailureResult/);
  });
});
