// codegen/src/layout.ts: the output folders and import specifiers the codegen section of
// smithy-build.json asks for, and its refusals.
import { describe, expect, it } from "vitest";
import { codegenSettings } from "../../../codegen/src/build-config.js";
import { GenerateError } from "../../../codegen/src/errors.js";
import { DEFAULT_FOLDERS, DEFAULT_LAYOUT, ownedFolders, resolveLayout } from "../../../codegen/src/layout.js";
import { REPO_LAYOUT } from "../../support/repo-layout.js";

const AT = '/p/smithy-build.json: "codegen"';
const OWN = { types: "src/gen/types", validators: "src/gen/validators", client: "src/gen/client", server: "src/gen/server" };

describe("the defaults: a project of its own", () => {
  it("writes the TypeScript targets under src/generated/ and the toolchain's documents under generated/", () => {
    expect(DEFAULT_FOLDERS).toEqual({
      model: "generated/smithy",
      openapi: "generated/openapi",
      "json-schema": "generated/json-schema",
      "smithy-typescript": "generated/smithy-typescript",
      types: "src/generated/types",
      validators: "src/generated/validators",
      client: "src/generated/client",
      server: "src/generated/server",
      docs: "generated/docs",
    });
    // A section naming only the service, and no section at all, get them.
    expect(codegenSettings({ codegen: { service: "a.b#C" } }, "/p/smithy-build.json").layout).toMatchObject({ folders: DEFAULT_FOLDERS, runtime: "packages" });
    expect(codegenSettings({ version: "1.0" }, "/p/smithy-build.json").layout).toBe(DEFAULT_LAYOUT);
  });

  it("imports the other targets' files relatively and the runtime from the published packages' ./runtime entry points", () => {
    const { imports } = DEFAULT_LAYOUT;
    expect(imports.types).toEqual({ fromClient: "../types/types.js", fromServer: "../types/types.js" });
    expect(imports.validators).toEqual({ fromClient: "../validators/validators.js", fromServer: "../validators/validators.js" });
    expect(imports.runtime("client", "paginate")).toBe("@codepipeline-partner/client/runtime");
    expect(imports.runtime("server", "handler")).toBe("@codepipeline-partner/server/runtime");
    expect(imports.runtime("validators", "result")).toBe("@codepipeline-partner/validators/runtime");
  });

  it("owns generated/ and src/generated/ as wholes (a stray file there is stale)", () => {
    expect(ownedFolders(DEFAULT_LAYOUT)).toEqual(["generated", "src/generated"]);
  });
});

describe("this repository's smithy-build.json, one user of the CLI", () => {
  it("spells out its packages' folders, their names, and the runtime beside the generated code", () => {
    expect(REPO_LAYOUT.folders).toMatchObject({
      types: "packages/types/src/generated",
      validators: "packages/validators/src/generated",
      client: "packages/client/src/generated",
      server: "packages/server/src/generated",
    });
    expect(REPO_LAYOUT.runtime).toBe("beside");
    const { imports } = REPO_LAYOUT;
    expect(imports.types).toEqual({ fromClient: "@codepipeline-partner/types", fromServer: "@codepipeline-partner/types" });
    expect(imports.validators).toEqual({ fromClient: "@codepipeline-partner/validators", fromServer: "@codepipeline-partner/validators" });
    expect(imports.runtime("client", "paginate")).toBe("../runtime/paginate.js");
    expect(imports.runtime("server", "handler")).toBe("../runtime/handler.js");
    expect(imports.runtime("validators", "result")).toBe("../runtime/result.js");
    expect(ownedFolders(REPO_LAYOUT)).toEqual([
      "generated",
      "packages/client/src/generated",
      "packages/server/src/generated",
      "packages/types/src/generated",
      "packages/validators/src/generated",
    ]);
  });

  it("imports the runtime beside only when the section says so, never because of a folder's name", () => {
    const packagesFolders = { output: REPO_LAYOUT.folders };
    expect(resolveLayout(packagesFolders, AT).imports.runtime("client", "client")).toBe("@codepipeline-partner/client/runtime");
    expect(resolveLayout(packagesFolders, AT).imports.types.fromClient).toBe("../../../types/src/generated/types.js");
    expect(resolveLayout({ output: OWN, runtime: "beside" }, AT).imports.runtime("server", "errors")).toBe("../runtime/errors.js");
    expect(resolveLayout({ output: OWN, runtime: "packages" }, AT).imports.runtime("server", "errors")).toBe("@codepipeline-partner/server/runtime");
  });
});

describe("a project's own folders", () => {
  it("imports the other targets' files by relative paths and the runtime from the packages' ./runtime entry points", () => {
    const layout = resolveLayout({ output: OWN }, AT);
    expect(layout.imports.types).toEqual({ fromClient: "../types/types.js", fromServer: "../types/types.js" });
    expect(layout.imports.validators).toEqual({ fromClient: "../validators/validators.js", fromServer: "../validators/validators.js" });
    expect(layout.imports.runtime("client", "client")).toBe("@codepipeline-partner/client/runtime");
    expect(layout.imports.runtime("client", "host-prefix")).toBe("@codepipeline-partner/client/runtime");
    expect(layout.imports.runtime("server", "errors")).toBe("@codepipeline-partner/server/runtime");
    expect(layout.imports.runtime("validators", "values")).toBe("@codepipeline-partner/validators/runtime");
  });

  it.each<[string, Record<string, unknown>, { fromClient: string; fromServer: string }]>([
    ["a package named for them", { output: OWN, packages: { types: "@acme/tally-types" } }, { fromClient: "@acme/tally-types", fromServer: "@acme/tally-types" }],
    ["a subpath of a package", { output: OWN, packages: { types: "@acme/tally/types" } }, { fromClient: "@acme/tally/types", fromServer: "@acme/tally/types" }],
    ["one folder for both, without ./ trouble", { output: { ...OWN, types: "src/gen/api", client: "src/gen/api", server: "src/gen/api/server" } }, { fromClient: "./types.js", fromServer: "../types.js" }],
    ["a folder below the client's", { output: { ...OWN, types: "src/gen/client/types" } }, { fromClient: "./types/types.js", fromServer: "../client/types/types.js" }],
    ["turned off, from a package", { output: { ...OWN, types: false }, packages: { types: "@acme/tally-types" } }, { fromClient: "@acme/tally-types", fromServer: "@acme/tally-types" }],
  ])("the types: %s", (_, section, want) => {
    expect(resolveLayout(section, AT).imports.types).toEqual(want);
  });

  it("takes paths with ./, trailing slashes and backslashes as the same folder; false turns an output off", () => {
    const layout = resolveLayout({ output: { docs: "./docs/api/", client: "src\\client", openapi: false, "smithy-typescript": false } }, AT);
    expect(layout.folders.docs).toBe("docs/api");
    expect(layout.folders.client).toBe("src/client");
    expect(layout.folders.openapi).toBeNull();
    // docs moved out of generated/: generated/ still holds outputs, so it stays owned as a whole.
    expect(ownedFolders(layout)).toEqual(["docs/api", "generated", "src/client", "src/generated"]);
  });

  it("owns each output's folder wherever it is, and a folder named generated around outputs as a whole; not the folders merely around them", () => {
    const layout = resolveLayout(
      { output: { types: "src/generated/types", validators: "src/generated/validators", client: "src/generated/client", server: "src/generated/server", docs: "docs/api", openapi: "docs/openapi" } },
      AT,
    );
    // docs/ and src/ may hold the user's own files; src/generated/ and generated/ hold outputs only.
    expect(ownedFolders(layout)).toEqual(["docs/api", "docs/openapi", "generated", "src/generated"]);
    // Every output moved out of generated/: it is not owned at all.
    const away = resolveLayout({ output: { model: "build/smithy", docs: "build/docs", openapi: false, "json-schema": false, "smithy-typescript": false } }, AT);
    expect(ownedFolders(away)).toEqual(["build/docs", "build/smithy", "src/generated"]);
  });

  it("never owns a folder named generated that holds the model folder", () => {
    const layout = resolveLayout({ output: { model: "generated/smithy", docs: "generated/docs" } }, AT, "generated/model");
    expect(ownedFolders(layout, "generated/model")).toEqual(expect.arrayContaining(["generated/docs", "generated/smithy"]));
    expect(ownedFolders(layout, "generated/model")).not.toContain("generated");
  });
});

describe("refusals, each naming the setting and what it takes", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["an unknown output", { output: { clients: "src" } }, `${AT}.output has an unknown output "clients"; it takes "model", "openapi", "json-schema", "smithy-typescript", "types", "validators", "client", "server", "docs".`],
    ["output that is not an object", { output: ["src"] }, `${AT}.output must be an object of folders, like { "client": "src/generated/client" }.`],
    ["a folder outside the project", { output: { client: "../elsewhere/client" } }, `${AT}.output.client is outside the project root ("../elsewhere/client"); output folders must be inside it.`],
    ["a folder that climbs out on the way", { output: { client: "src/../../x" } }, `${AT}.output.client is outside the project root ("src/../../x"); output folders must be inside it.`],
    ["an absolute folder", { output: { docs: "/tmp/docs" } }, `${AT}.output.docs must be relative to the project root; found the absolute path "/tmp/docs".`],
    ["the project root itself", { output: { server: "./" } }, `${AT}.output.server is the project root itself; generated files need a folder of their own (generate deletes any other file in it).`],
    ["the model folder", { output: { docs: "model/docs" } }, `${AT}.output.docs ("model/docs") overlaps the model folder model/; Smithy would read what is generated there.`],
    ["a folder holding the model folder", { output: { docs: "." } }, `${AT}.output.docs is the project root itself; generated files need a folder of their own (generate deletes any other file in it).`],
    ["the model's JSON AST turned off", { output: { model: false } }, `${AT}.output.model must be a folder relative to the project root, like "generated/smithy"; found false.`],
    ["a folder that is not a string", { output: { types: 3 } }, `${AT}.output.types must be a folder relative to the project root, like "src/generated", or false; found 3.`],
    ["an unknown package", { packages: { client: "@acme/client" } }, `${AT}.packages has an unknown package "client"; it takes "types" and "validators".`],
    ["a package name npm would refuse", { packages: { types: "Acme Types" } }, `${AT}.packages.types must be an npm package name (or a subpath of one), like "@acme/weather-types"; found "Acme Types".`],
    ["a package name with an empty subpath", { packages: { validators: "@acme/api/" } }, `${AT}.packages.validators must be an npm package name (or a subpath of one), like "@acme/weather-validators"; found "@acme/api/".`],
    ["a runtime setting it does not know", { runtime: "nearby" }, `${AT}.runtime must be "packages" (generated code imports @codepipeline-partner/<target>/runtime) or "beside" (it imports ../runtime/<module>.js, for code generated into the runtime packages' own sources); found "nearby".`],
    ["types turned off with no package to import them from", { output: { ...OWN, types: false } }, `${AT}: the client imports the types, which "output" turns off; name the package that has them in "packages": { "types": "..." }.`],
  ])("%s", (_, section, want) => {
    expect(() => resolveLayout(section, AT)).toThrow(GenerateError);
    expect(() => resolveLayout(section, AT)).toThrow(want);
  });

  it("through codegenSettings, with the file's path", () => {
    expect(() => codegenSettings({ codegen: { output: { client: "../x" } } }, "/p/smithy-build.json")).toThrow(`${AT}.output.client is outside the project root`);
  });
});
