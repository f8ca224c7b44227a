// The job-worker snippet in the README (and in the worker package's README) compiles: it
// is type-checked as a module of this repository, with the root tsconfig.json, against the
// workspace packages' sources, beside a stand-in for the partner's own module it imports.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../../support/repo.js";
import { markdownSnippets, typeErrors as compile } from "../../../support/snippets.js";

const HEADING = "Run a job worker";

/** The first ```ts block under the heading (or the file's first, with no heading). */
function snippet(file: string, heading?: string): string {
  const found = markdownSnippets(file).find((candidate) => heading === undefined || candidate.heading === heading);
  if (!found) throw new Error(`${file} has no TypeScript block under "${heading}"`);
  return found.code;
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
  return compile(files, path.join(dir, "snippet.ts"));
}

describe("the job-worker snippet", () => {
  it.each([
    ["README.md", HEADING],
    ["packages/worker/README.md", undefined],
  ])("in %s is the whole loop in under 30 lines, and compiles", { timeout: 180_000 }, (file, heading) => {
    const code = snippet(file, heading);
    expect(code).toContain("createJobWorker(");
    // Credentials as the scaffolded worker takes them: from an IAM role, SSO or a profile
    // too, not only from AWS_* variables (a client without `credentials` reads only those).
    expect(code).toContain('import { defaultProvider } from "@aws-sdk/credential-provider-node";');
    expect(code).toMatch(/new CodePipelineClient\(\{[^}]*\bcredentials: defaultProvider\(\)/);
    expect(code.trimEnd().split("\n").length).toBeLessThan(30);
    expect(typeErrors(code)).toEqual([]);
  });

  it("fails to compile when it is wrong (the check checks)", { timeout: 180_000 }, () => {
    const wrong = snippet("README.md", HEADING).replace('type: "JobFailed"', 'type: "Oops"');
    expect(typeErrors(wrong).join("\n")).toMatch(/^snippet\.ts:\d+: [^]*"Oops"' is not assignable to type 'FailureType'/);
  });
});
