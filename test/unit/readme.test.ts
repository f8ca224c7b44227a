// Every TypeScript example in the READMEs (the repository's, each package's and the
// codegen's) compiles against the packages as they are: an example that drifts from the API
// (a renamed option, a fifth operation the handler example lacks, a name a package does not
// export) fails here instead of in a reader's editor.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { INDEX } from "../../codegen/src/targets/docs.js";
import { REPO_ROOT } from "../support/repo.js";
import { markdownSnippets, typeErrorsByFile, type Snippet } from "../support/snippets.js";

// The worker examples import the partner's own module: test/unit/packages/worker/readme.test.ts
// compiles them beside a stand-in for it.
const ELSEWHERE = new Set(["Run a job worker"]);
const WORKER_README = "packages/worker/README.md";
const snippets = markdownSnippets("README.md").filter((snippet) => !ELSEWHERE.has(snippet.heading));

// Every package's README, found on disk so that a new package's is checked too.
const PACKAGE_READMES = [
  ...readdirSync(path.join(REPO_ROOT, "packages"))
    .map((pkg) => `packages/${pkg}/README.md`)
    .filter((file) => file !== WORKER_README),
  "codegen/README.md",
].sort();
const packageSnippets = PACKAGE_READMES.flatMap((file) => markdownSnippets(file).map((snippet, index) => ({ file, index, snippet })));

const dir = path.join(REPO_ROOT, "test", "unit", "readme-snippets");
const fileOf = (index: number) => path.join(dir, `example-${index + 1}.ts`);
const packageFileOf = (file: string, index: number) => path.join(dir, `${path.dirname(file).replaceAll("/", "-")}-${index + 1}.ts`);
const brokenFile = path.join(dir, "broken.ts");
const wrongExportFile = path.join(dir, "wrong-export.ts");
const undeclaredFile = path.join(dir, "undeclared.ts");

/** The example as a module: its prelude, then its code (each file is its own module). */
const source = (snippet: Pick<Snippet, "prelude" | "code">) => `${snippet.prelude}\n${snippet.code}\nexport {};\n`;

// The server example without one of its five operations: the check must catch it.
const server = snippets.find((snippet) => snippet.code.includes("const service: CodePipelineService"));
const broken = server?.code.replace(/ {2}async putThirdPartyJobFailureResult\(input\) \{[^]*?\n {2}\},\n/, "");
// The types package's example importing a name the package does not export, and the client
// package's using a name it no longer declares.
const types = packageSnippets.find(({ file }) => file === "packages/types/README.md")?.snippet.code;
const wrongExport = types?.replace("PutThirdPartyJobSuccessResultInput }", "PutThirdPartyJobSuccessResultRequest }");
const client = packageSnippets.find(({ file }) => file === "packages/client/README.md")?.snippet.code;
const undeclared = client?.replace(/^const job = .*\n/m, "");

let errors: Map<string, string[]>;
beforeAll(() => {
  // One program for every example: each is its own file, checked on its own.
  const files = new Map(snippets.map((snippet, index) => [fileOf(index), source(snippet)]));
  for (const { file, index, snippet } of packageSnippets) files.set(packageFileOf(file, index), source(snippet));
  files.set(brokenFile, source({ prelude: server?.prelude ?? "", code: broken ?? "" }));
  files.set(wrongExportFile, source({ prelude: "", code: wrongExport ?? "" }));
  files.set(undeclaredFile, source({ prelude: "", code: undeclared ?? "" }));
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

describe("the packages' READMEs", () => {
  it("have examples to check, in the packages generated from the model and the others", () => {
    const files = new Set(packageSnippets.map(({ file }) => file));
    for (const pkg of ["types", "validators", "client", "server", "protocol-aws-json"]) expect(files, pkg).toContain(`packages/${pkg}/README.md`);
  });

  it.each(packageSnippets.map(({ file, index }) => [`${file}, example ${index + 1}`, file, index] as const))("%s compiles as it is, a whole program", (_name, file, index) => {
    const { snippet } = packageSnippets.find((candidate) => candidate.file === file && candidate.index === index)!;
    // Nothing left for the reader to supply: what a user pastes is what is compiled.
    expect(snippet.prelude).toBe("");
    expect(errors.get(packageFileOf(file, index))).toEqual([]);
  });

  it("an example importing a name its package does not export fails (the check checks)", () => {
    expect(wrongExport).toBeDefined();
    expect(wrongExport).not.toBe(types);
    expect(errors.get(wrongExportFile)!.join("\n")).toMatch(/has no exported member named 'PutThirdPartyJobSuccessResultRequest'/);
  });

  it("an example using a name it does not declare fails (the check checks)", () => {
    expect(undeclared).toBeDefined();
    expect(undeclared).not.toBe(client);
    expect(errors.get(undeclaredFile)!.join("\n")).toMatch(/Cannot find name 'job'/);
  });
});

// The packages generated from the model describe its API through the generated reference the
// build copies into them (docs/, from generated/docs), never by a hand-written list.
describe("the READMEs of the packages generated from the model", () => {
  const GENERATED = ["types", "validators", "client", "server"];
  const model = JSON.parse(readFileSync(path.join(REPO_ROOT, "generated", "smithy", "model.json"), "utf8")) as {
    shapes: Record<string, { type: string; traits?: Record<string, unknown> }>;
  };
  // What the model defines that a README could list by hand: its operations and errors.
  const defined = Object.entries(model.shapes)
    .filter(([, shape]) => shape.type === "operation" || shape.traits?.["smithy.api#error"] !== undefined)
    .map(([id]) => id.slice(id.indexOf("#") + 1));
  const prose = (file: string) => readFileSync(path.join(REPO_ROOT, file), "utf8").replace(/```[^]*?```/g, "");

  it("the model has operations and errors to look for", () => {
    expect(defined).toEqual(expect.arrayContaining(["PutThirdPartyJobSuccessResult", "JobNotFoundException"]));
  });

  it.each(GENERATED)("%s links the API reference in the package, with the repository's copy as a fallback", (pkg) => {
    const text = prose(`packages/${pkg}/README.md`);
    expect(text).toContain(`](docs/${INDEX})`);
    expect(text).toContain(`(https://github.com/codepipeline-partner/codepipeline-partner-api/blob/main/generated/docs/${INDEX})`);
    expect(readdirSync(path.join(REPO_ROOT, "generated", "docs"))).toContain(INDEX);
    expect((JSON.parse(readFileSync(path.join(REPO_ROOT, "packages", pkg, "package.json"), "utf8")) as { files: string[] }).files).toContain("docs");
  });

  it.each(GENERATED)("%s names no operation or error of the model outside its compiled examples", (pkg) => {
    const text = prose(`packages/${pkg}/README.md`);
    expect(defined.filter((name) => new RegExp(`\\b${name}\\b`, "i").test(text))).toEqual([]);
  });

  it.each(GENERATED)("%s: its package.json's description names none either", (pkg) => {
    const { description } = JSON.parse(readFileSync(path.join(REPO_ROOT, "packages", pkg, "package.json"), "utf8")) as { description: string };
    expect(defined.filter((name) => new RegExp(`\\b${name}\\b`, "i").test(description))).toEqual([]);
  });
});
