// A model change, end to end: a copy of the model gains a constrained member, a new
// structure, an enum and a second operation; the real pipeline regenerates; the new
// types compile under strict tsc and the new validators enforce the new constraints.
import { spawnSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addFailureOperation } from "./fixtures/failure-operation.js";
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
  await addFailureOperation(file);
  generated = await generatePackages("model-change", modelDir);
});
afterAll(() => scratch.remove());

describe("after adding a member, a structure, an enum and an operation", () => {
  it("the new types compile under strict tsc", async () => {
    const tsconfig = path.join(generated.dir, "tsconfig.json");
    await writeFile(tsconfig, JSON.stringify({ extends: path.join(REPO_ROOT, "tsconfig.json"), include: ["types/src", "validators/src", "use.ts"], exclude: [] }));
    // A program using the new types as a user would; it must type-check.
    await writeFile(
      path.join(generated.dir, "use.ts"),
      [
        'import { FailureType, type CodePipeline_20150709Operations, type PutThirdPartyJobFailureResultInput } from "./types/src/generated/types.js";',
        'const input: PutThirdPartyJobFailureResultInput = { jobId: "j", clientToken: "t", failureDetails: { type: FailureType.JobFailed, message: "m" } };',
        'type Failure = CodePipeline_20150709Operations["PutThirdPartyJobFailureResult"]["input"];',
        "const same: Failure = input;",
        "export { same };",
        "// @ts-expect-error an enum value outside the model's set",
        'const wrong: PutThirdPartyJobFailureResultInput["failureDetails"]["type"] = "Oops";',
        "export { wrong };",
      ].join("\n"),
    );
    const tsc = spawnSync(process.execPath, [path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", tsconfig, "--noEmit", "--strict"], { encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });

  it("the types carry the new shapes, the enum values and both operations", () => {
    const types = generated.files.get("packages/types/src/generated/types.ts")!;
    expect(types).toContain("export interface FailureDetails {");
    expect(types).toMatch(/export const FailureType = \{\s*JobFailed: "JobFailed",/);
    expect(types).toMatch(/reportLabel\?: string;/);
    expect(types).toMatch(/PutThirdPartyJobFailureResult: \{\s*input: PutThirdPartyJobFailureResultInput;/);
  });

  it("the new validators enforce the new constraints", async () => {
    const v = await import(path.join(generated.dir, "validators", "src", "generated", "validators.ts"));
    const failure = { jobId: "j", clientToken: "t", failureDetails: { type: "JobFailed", message: "m" } };
    expect(v.validatePutThirdPartyJobFailureResultInput(failure)).toEqual({ ok: true });
    expect(v.validatePutThirdPartyJobFailureResultInput({ ...failure, failureDetails: { type: "Oops", message: "" } }).message).toBe(
      "2 validation errors detected: " +
        "Value 'Oops' at 'failureDetails.type' failed to satisfy constraint: Member must satisfy enum value set: [JobFailed, ConfigurationError, PermissionError, RevisionOutOfSync, RevisionUnavailable, SystemUnavailable]; " +
        "Value '' at 'failureDetails.message' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(v.validatePutThirdPartyJobFailureResultInput({ jobId: "j", clientToken: "t" }).message).toBe(
      "1 validation error detected: Value null at 'failureDetails' failed to satisfy constraint: Member must not be null",
    );
    const success = { jobId: "j", clientToken: "t" };
    expect(v.isPutThirdPartyJobSuccessResultInput({ ...success, reportLabel: "Weekly" })).toBe(true);
    expect(v.validatePutThirdPartyJobSuccessResultInput({ ...success, reportLabel: "weekly" }).message).toBe(
      "1 validation error detected: Value 'weekly' at 'reportLabel' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[A-Z]",
    );
    expect(v.isPutThirdPartyJobSuccessResultInput({ ...success, reportLabel: "W".repeat(17) })).toBe(false);
  });

  it("the reference gains a page for the new operation", () => {
    const page = generated.files.get("generated/docs/PutThirdPartyJobFailureResult.md")!;
    expect(page).toContain("X-Amz-Target: CodePipeline_20150709.PutThirdPartyJobFailureResult");
    expect(page).toContain("- Valid values: `JobFailed` | `ConfigurationError`");
  });
});
