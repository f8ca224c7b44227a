// The type-level tests (test/types/*.test-d.ts): tsc checks every expectTypeOf there, with
// test/types/tsconfig.json, and each `it` of those files is a test here that fails with
// the compiler's errors inside it. The check runs in this process, beside the other unit
// tests; vitest's own typecheck would start tsc only after all of them had finished.
import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/repo.js";
import { formatDiagnostic, projectDiagnostics } from "../support/snippets.js";

const TSCONFIG = path.join(REPO_ROOT, "test", "types", "tsconfig.json");

/** An expectation that cannot hold, checked with the others: the check must see it. */
const WRONG = path.join(REPO_ROOT, "test", "types", "wrong.test-d.ts");
const WRONG_SOURCE = `import { describe, expectTypeOf, it } from "vitest";
describe("wrong", () => {
  it("a string is no number", () => {
    expectTypeOf<string>().toEqualTypeOf<number>();
  });
});
`;

interface Block {
  /** `describe > it`, as vitest names it. */
  name: string;
  file: string;
  start: number;
  end: number;
}

/** The `it` calls of a .test-d.ts file with the names of the `describe`s around them. */
function blocks(file: ts.SourceFile): Block[] {
  const found: Block[] = [];
  const visit = (node: ts.Node, names: string[]) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && ["describe", "it", "test"].includes(node.expression.text)) {
      const [title] = node.arguments;
      const name = [...names, title && ts.isStringLiteralLike(title) ? title.text : "(untitled)"];
      if (node.expression.text !== "describe") found.push({ name: name.join(" > "), file: file.fileName, start: node.getStart(file), end: node.getEnd() });
      ts.forEachChild(node, (child) => visit(child, name));
      return;
    }
    ts.forEachChild(node, (child) => visit(child, names));
  };
  visit(file, []);
  return found;
}

const files = ts.parseJsonConfigFileContent(ts.readConfigFile(TSCONFIG, ts.sys.readFile).config, ts.sys, path.dirname(TSCONFIG)).fileNames.filter((name) => name.endsWith(".test-d.ts"));
const all = [...files, WRONG].flatMap((name) => blocks(ts.createSourceFile(name, name === WRONG ? WRONG_SOURCE : ts.sys.readFile(name)!, ts.ScriptTarget.Latest, true)));
const inside = (block: Block, diagnostic: ts.Diagnostic) =>
  diagnostic.file?.fileName === block.file && diagnostic.start !== undefined && diagnostic.start >= block.start && diagnostic.start < block.end;
const errors = (found: ts.Diagnostic[]) => found.map((diagnostic) => formatDiagnostic(diagnostic, diagnostic.file ? path.relative(REPO_ROOT, diagnostic.file.fileName) : "test/types/tsconfig.json"));

let diagnostics: ts.Diagnostic[];
beforeAll(() => {
  diagnostics = projectDiagnostics(TSCONFIG, new Map([[WRONG, WRONG_SOURCE]])).diagnostics;
}, 120_000);

describe.each(files.map((file) => [path.relative(REPO_ROOT, file), file] as const))("%s", (_name, file) => {
  it.each(all.filter((block) => block.file === file).map((block) => [block.name, block] as const))("%s", (_title, block) => {
    expect(errors(diagnostics.filter((diagnostic) => inside(block, diagnostic)))).toEqual([]);
  });
});

describe("the type-level check", () => {
  it("finds the files and their tests", () => {
    expect(files.length).toBeGreaterThan(0);
    expect(all.filter((block) => block.file !== WRONG).length).toBeGreaterThanOrEqual(20);
  });

  it("reports nothing outside the tests (imports, helper types, the tsconfig)", () => {
    const elsewhere = diagnostics.filter((diagnostic) => diagnostic.file?.fileName !== WRONG && !all.some((block) => inside(block, diagnostic)));
    expect(errors(elsewhere)).toEqual([]);
  });

  it("sees an expectation that does not hold (the check checks)", () => {
    const [wrong] = all.filter((block) => block.file === WRONG);
    expect(errors(diagnostics.filter((diagnostic) => inside(wrong!, diagnostic))).join("\n")).toMatch(/^test\/types\/wrong\.test-d\.ts:4: /);
  });
});
