// Generated validators compile in a consumer's project under every strict flag a user may
// turn on (issue 9): the code is theirs to compile, not a declaration file skipLibCheck
// would pass over. The model reaches each way the emitter reads a value: members named
// like identifiers, like Object.prototype's properties and like keywords, a union, dense
// and sparse lists and maps (with a member's own @length), enums, numbers, timestamps and blobs.
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveLayout } from "../../../../codegen/src/layout.js";
import { emitValidators } from "../../../../codegen/src/targets/validators.js";
import { REPO_ROOT } from "../../../support/repo.js";
import { enumShape, intEnum, list, map, member, model, operation, simple, smithy, structure, union } from "../../../support/ir.js";
import { strictTypeErrors } from "../../../support/strict-project.js";

const ir = model({
  operations: [operation("PutEverything", { input: "PutEverythingInput" })],
  shapes: [
    structure("PutEverythingInput", [
      member("name", smithy.String, { required: true, constraints: { length: { min: 1, max: 8 }, pattern: "^[a-z]+$" } }),
      member("type", "Colour"),
      member("constructor", smithy.String),
      member("default", smithy.String),
      member("count", smithy.Integer, { constraints: { range: { min: 1 } } }),
      member("ratio", smithy.Double),
      member("level", "Level"),
      member("at", smithy.Timestamp),
      member("payload", smithy.Blob),
      member("choice", "Choice"),
      // @length on members targeting a list and a map, beside their own.
      member("items", "Items", { constraints: { length: { min: 1, max: 3 } } }),
      member("sparseItems", "SparseItems"),
      member("tags", "Tags", { constraints: { length: { max: 5 } } }),
      member("sparseTags", "SparseTags"),
    ], { isInput: true }),
    union("Choice", [member("text", smithy.String), member("toString", smithy.Integer), member("nested", "Nested")]),
    structure("Nested", [member("id", smithy.String, { required: true })]),
    list("Items", "Nested", { constraints: { length: { max: 3 } } }),
    list("SparseItems", smithy.String, { sparse: true }),
    map("Tags", "TagKey", smithy.String),
    map("SparseTags", smithy.String, smithy.Integer, { sparse: true }),
    simple("string", "TagKey", { constraints: { length: { min: 1 } } }),
    enumShape("Colour", { RED: "red", GREEN: "green" }),
    intEnum("Level", { LOW: 1, HIGH: 2 }),
  ],
});

// Inside the repository, so the runtime's package resolves from its node_modules.
const dir = path.join(REPO_ROOT, ".cache", "test-workspaces", "validators-strict");
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("generated validators in a consumer's strict project", () => {
  it("compile with exactOptionalPropertyTypes, noPropertyAccessFromIndexSignature, noUncheckedIndexedAccess and erasableSyntaxOnly", async () => {
    // A project of its own imports the runtime from the package's ./runtime entry point.
    const layout = resolveLayout({ output: { validators: "src/generated/validators" } }, "codegen");
    const [file] = emitValidators(ir, layout.imports);
    expect(file!.path).toBe("validators.ts");
    expect(file!.contents).toContain('from "@codepipeline-partner/validators/runtime"');
    expect(await strictTypeErrors(dir, [file!])).toEqual([]);
  });
});
