// Every TypeScript example in the README compiles against the packages as they are: an
// example that drifts from the API (a renamed option, a fifth operation the handler
// example lacks) fails here instead of in a reader's editor.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/repo.js";
import { markdownSnippets, typeErrors } from "../support/snippets.js";

// The worker example imports the partner's own module; its test compiles it beside a stand-in.
const ELSEWHERE = new Set(["Run a job worker"]);
const snippets = markdownSnippets("README.md").filter((snippet) => !ELSEWHERE.has(snippet.heading));
const dir = path.join(REPO_ROOT, "test", "unit", "readme-snippets");

/** The example as a module: its prelude, then its code (each file is its own module). */
const source = (snippet: { prelude: string; code: string }) => `${snippet.prelude}\n${snippet.code}\nexport {};\n`;

describe("the README's TypeScript examples", () => {
  it("there are some to check", () => {
    expect(snippets.length).toBeGreaterThanOrEqual(5);
  });

  it.each(snippets.map((snippet, index) => [`${index + 1}: under "${snippet.heading}"`, snippet] as const))("%s compiles", { timeout: 120_000 }, (_name, snippet) => {
    const file = path.join(dir, "example.ts");
    expect(typeErrors(new Map([[file, source(snippet)]]), file)).toEqual([]);
  });

  it("a wrong example fails (the check checks)", { timeout: 120_000 }, () => {
    const server = snippets.find((snippet) => snippet.code.includes("const service: CodePipelineService"))!;
    const file = path.join(dir, "example.ts");
    const broken = { ...server, code: server.code.replace(/ {2}async putThirdPartyJobFailureResult\(input\) \{[^]*?\n {2}\},\n/, "") };
    expect(broken.code).not.toBe(server.code);
    expect(typeErrors(new Map([[file, source(broken)]]), file).join("\n")).toMatch(/putThirdPartyJobFailureResult/);
  });
});
