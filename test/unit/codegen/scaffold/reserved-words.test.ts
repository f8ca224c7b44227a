// An operation whose method name is a JavaScript reserved word (Delete -> `delete`): a
// method or property may take that name, a function, import or variable may not. The
// scaffold's handler module and its wiring bind it as `_delete` and wire `delete: _delete`,
// when first written and when a re-run adds the operation to the user's service.ts.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterEach, describe, expect, it } from "vitest";
import { resolveLayout } from "../../../../codegen/src/layout.js";
import { scaffold } from "../../../../codegen/src/scaffold/scaffold.js";
import { functionName } from "../../../../codegen/src/targets/names.js";
import { REPO_ROOT } from "../../../support/repo.js";
import { id, load, smithy } from "../../../support/ir.js";

const ir = (operations: string[]) =>
  load(
    Object.fromEntries(operations.filter((name) => name !== "Op").map((name) => [name, { type: "operation", input: { target: smithy.Unit }, output: { target: smithy.Unit } }])),
    { serviceShape: { operations: operations.map((name) => ({ target: id(name) })) } },
  );

/** The syntax errors of a TypeScript file, as tsc words them. */
function syntaxErrors(text: string): string[] {
  const { diagnostics = [] } = ts.transpileModule(text, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext } });
  return diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
}

let dir: string | undefined;
afterEach(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

describe("an operation named like a reserved word", () => {
  it("binds its function as _delete and keeps the method delete", () => {
    expect(functionName("Delete")).toBe("_delete");
    expect(functionName("Import")).toBe("_import");
    expect(functionName("PutThing")).toBe("putThing");
  });

  it("scaffolds a handler and wiring that parse, first and on a re-run that adds it", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "scaffold-reserved-"));
    const options = { repoRoot: REPO_ROOT, version: "0.0.0", layout: resolveLayout({ runtime: "beside" }, "codegen") };
    await scaffold(ir(["Op", "Delete"]), dir, options);
    const read = (file: string) => readFile(path.join(dir!, file), "utf8");

    const handler = await read("src/handlers/delete.ts");
    expect(handler).toContain("export const _delete: TestServiceService[\"delete\"] = async");
    expect(syntaxErrors(handler)).toEqual([]);
    const service = await read("src/service.ts");
    expect(service).toContain('import { _delete } from "./handlers/delete.js";');
    expect(service).toContain("  delete: _delete,");
    expect(syntaxErrors(service)).toEqual([]);

    // The user's wiring without the operation: a re-run adds the import and the property.
    await writeFile(path.join(dir, "src/service.ts"), service.replace('import { _delete } from "./handlers/delete.js";\n', "").replace("  delete: _delete,\n", ""));
    await scaffold(ir(["Op", "Delete"]), dir, options);
    const rewired = await read("src/service.ts");
    expect(rewired).toContain('import { _delete } from "./handlers/delete.js";');
    expect(rewired).toMatch(/delete: _delete/);
    expect(syntaxErrors(rewired)).toEqual([]);
  });
});
