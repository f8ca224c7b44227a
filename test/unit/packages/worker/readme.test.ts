// The job-worker snippet in the README (and in the worker package's README) compiles: it
// is type-checked as a module of this repository, with the root tsconfig.json, against the
// workspace packages' sources, beside a stand-in for the partner's own module it imports.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

const HEADING = "### Run a job worker";

/** The first ```ts block after the heading (or the file's first, with no heading). */
function snippet(file: string, heading?: string): string {
  const text = readFileSync(path.join(REPO_ROOT, file), "utf8");
  const from = heading === undefined ? 0 : text.indexOf(`${heading}\n`);
  if (from < 0) throw new Error(`${file} has no "${heading}" section`);
  const match = /```ts\n([\s\S]*?)```/.exec(text.slice(from));
  if (!match) throw new Error(`${file} has no TypeScript block after "${heading}"`);
  return match[1]!;
}

/** The partner's own code the snippet imports: only its types matter. */
const DEPLOYMENTS = `
export declare const clientTokens: Map<string, string>;
export declare function deploy(configuration: Record<string, string>): Promise<string>;
export declare function deploymentStatus(id: string): Promise<"running" | "failed" | "succeeded">;
`;

/** tsc's errors in `code`, compiled as `dir/snippet.ts` with `dir/deployments.ts` beside it. */
function typeErrors(code: string): string[] {
  const dir = path.join(REPO_ROOT, "test", "unit", "packages", "worker", "readme-snippet");
  const files = new Map([
    [path.join(dir, "snippet.ts"), code],
    [path.join(dir, "deployments.ts"), DEPLOYMENTS],
  ]);
  const config = ts.getParsedCommandLineOfConfigFile(path.join(REPO_ROOT, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  });
  const options = { ...config!.options, noEmit: true };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  host.directoryExists = (name) => name === dir || directoryExists?.call(host, name) !== false;
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, version, ...rest) => {
    const text = files.get(name);
    return text === undefined ? getSourceFile.call(host, name, version, ...rest) : ts.createSourceFile(name, text, version);
  };
  const program = ts.createProgram({ rootNames: [...files.keys()], options, host });
  const snippetFile = program.getSourceFile(path.join(dir, "snippet.ts"))!;
  return ts.getPreEmitDiagnostics(program, snippetFile).map((diagnostic) => {
    const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0;
    return `snippet.ts:${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
  });
}

describe("the job-worker snippet", () => {
  it.each([
    ["README.md", HEADING],
    ["packages/worker/README.md", undefined],
  ])("in %s is the whole loop in under 30 lines, and compiles", { timeout: 180_000 }, (file, heading) => {
    const code = snippet(file, heading);
    expect(code).toContain("createJobWorker(");
    expect(code.trimEnd().split("\n").length).toBeLessThan(30);
    expect(typeErrors(code)).toEqual([]);
  });

  it("fails to compile when it is wrong (the check checks)", { timeout: 180_000 }, () => {
    const wrong = snippet("README.md", HEADING).replace('type: "JobFailed"', 'type: "Oops"');
    expect(typeErrors(wrong).join("\n")).toMatch(/^snippet\.ts:\d+: [^]*"Oops"' is not assignable to type 'FailureType'/);
  });
});
