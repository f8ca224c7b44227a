// A model change, end to end: a copy of the model gains a constrained member, new
// structures, an enum, new errors and a sixth operation; the real pipeline regenerates;
// the new types compile under strict tsc and the new validators enforce the new
// constraints.
import { spawnSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addExtraOperation } from "./fixtures/extra-operation.js";
import { generatePackages, type GeneratedPackages } from "./support/generated.js";
import { copyModel, REPO_ROOT, scratchDir } from "./support/repo.js";


let scratch: Awaited<ReturnType<typeof scratchDir>>;
let generated: GeneratedPackages;

beforeAll(async () => {
  scratch = await scratchDir("model-change");
  const modelDir = await copyModel(scratch.dir);
  const file = path.join(modelDir, "codepipeline.smithy");
  // A new member with a constraint on the existing input, and a new operation on the service.
  const source = (await readFile(file, "utf8")).replace(
    "    executionDetails: ExecutionDetails\n}",
    '    executionDetails: ExecutionDetails\n\n    /// A label for the report.\n    @pattern("^[A-Z]")\n    @length(max: 16)\n    reportLabel: String\n}',
  );
  await writeFile(file, source);
  await addExtraOperation(file);
  generated = await generatePackages("model-change", modelDir);
});
afterAll(() => scratch.remove());

describe("after adding a member, structures, an enum, errors and an operation", () => {
  it("the new types compile under strict tsc", async () => {
    const tsconfig = path.join(generated.dir, "tsconfig.json");
    await writeFile(tsconfig, JSON.stringify({ extends: path.join(REPO_ROOT, "tsconfig.json"), include: ["types/src", "validators/src", "use.ts"], exclude: [] }));
    // A program using the new types as a user would; it must type-check.
    await writeFile(
      path.join(generated.dir, "use.ts"),
      [
        'import { ApprovalStatus, type CodePipeline_20150709Operations, type PutApprovalResultInput, type PutApprovalResultOutput } from "./types/src/generated/types.js";',
        'const input: PutApprovalResultInput = { pipelineName: "p", stageName: "s", actionName: "a", result: { summary: "", status: ApprovalStatus.Approved }, token: "t" };',
        'type Approval = CodePipeline_20150709Operations["PutApprovalResult"]["input"];',
        "const same: Approval = input;",
        'const output: PutApprovalResultOutput = { approvedAt: new Date() };',
        "export { same, output };",
        "// @ts-expect-error an enum value outside the model's set",
        'const wrong: PutApprovalResultInput["result"]["status"] = "Maybe";',
        "export { wrong };",
      ].join("\n"),
    );
    const tsc = spawnSync(process.execPath, [path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", tsconfig, "--noEmit", "--strict"], { encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });

  it("the types carry the new shapes, the enum values, the new errors and every operation", () => {
    const types = generated.files.get("packages/types/src/generated/types.ts")!;
    expect(types).toContain("export interface ApprovalResult {");
    expect(types).toMatch(/export const ApprovalStatus = \{\s*Approved: "Approved",\s*Rejected: "Rejected",/);
    expect(types).toMatch(/reportLabel\?: string;/);
    expect(types).toMatch(/PutApprovalResult: \{\s*input: PutApprovalResultInput;\s*output: PutApprovalResultOutput;/);
    expect(types).toMatch(/PutThirdPartyJobSuccessResult: \{\s*input: PutThirdPartyJobSuccessResultInput;/);
    expect(types).toContain("export interface ApprovalAlreadyCompletedException {");
  });

  it("the new validators enforce the new constraints", async () => {
    const v = await import(path.join(generated.dir, "validators", "src", "generated", "validators.ts"));
    const approval = { pipelineName: "p", stageName: "s", actionName: "a", result: { summary: "", status: "Approved" }, token: "0123abcd-0000-1111-2222-333344445555" };
    expect(v.validatePutApprovalResultInput(approval)).toEqual({ ok: true });
    expect(v.validatePutApprovalResultInput({ ...approval, result: { summary: "", status: "Maybe" }, token: "not-a-token" }).message).toBe(
      "2 validation errors detected: " +
        "Value 'Maybe' at 'result.status' failed to satisfy constraint: Member must satisfy enum value set: [Approved, Rejected]; " +
        "Value 'not-a-token' at 'token' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
    );
    expect(v.isPutApprovalResultInput({ ...approval, result: { summary: "x".repeat(513), status: "Rejected" } })).toBe(false);
    expect(v.validatePutApprovalResultInput({ pipelineName: "p", stageName: "s", actionName: "a", token: approval.token }).message).toBe(
      "1 validation error detected: Value null at 'result' failed to satisfy constraint: Member must not be null",
    );
    const success = { jobId: "j", clientToken: "t" };
    expect(v.isPutThirdPartyJobSuccessResultInput({ ...success, reportLabel: "Weekly" })).toBe(true);
    expect(v.validatePutThirdPartyJobSuccessResultInput({ ...success, reportLabel: "weekly" }).message).toBe(
      "1 validation error detected: Value 'weekly' at 'reportLabel' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[A-Z]",
    );
    expect(v.isPutThirdPartyJobSuccessResultInput({ ...success, reportLabel: "W".repeat(17) })).toBe(false);
  });

  it("the reference gains a page for the new operation", () => {
    const page = generated.files.get("generated/docs/PutApprovalResult.md")!;
    expect(page).toContain("X-Amz-Target: CodePipeline_20150709.PutApprovalResult");
    expect(page).toContain("- Valid values: `Approved` | `Rejected`");
    expect(page).toContain("### ApprovalAlreadyCompletedException");
  });
});
