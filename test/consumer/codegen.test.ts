// The codegen CLI as a user gets it: `npm pack` the codegen and the runtime packages,
// install the tarballs into a fresh folder outside the repository that holds only a model
// of its own (model/tally.smithy: awsJson1_0, two operations) and smithy-build.json, then
// `npx codepipeline-partner-codegen generate` there. The generated code must type-check
// under strict flags and make a signed round trip over 127.0.0.1; a server project
// scaffolded there for that model installs, type-checks, and runs its own test. Part of the consumer
// tier (`npm run test:consumer`, after `npm run build`), on Node 20, 22 and 24 in CI.
// A second project holds the same model and a smithy-build.json with nothing but its
// version: the defaults alone must give code that compiles against the installed packages.
// Maven fetches the Smithy jars into ~/.m2 on a cold machine; the JVM runs once.
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "./support.js";
import { STRICT_FLAGS } from "../support/strict-flags.js";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURES = path.join(REPO_ROOT, "test", "consumer", "codegen-project");
const PACKAGES = ["codegen", "packages/types", "packages/validators", "packages/protocol-aws-json", "packages/client", "packages/server"];
const BIN = "codepipeline-partner-codegen";

const npx = (args: string[]) => run("npx", ["--no-install", BIN, ...args], project);

let scratch: string;
let project: string;
const packed = new Map<string, string[]>();
/** Every tarball, for a second project's install. */
let tarballPaths: string[] = [];
/** Each package's tarball, by its name. */
const tarballOf = new Map<string, string>();

beforeAll(async () => {
  for (const built of ["codegen/dist/cli.mjs", "packages/client/dist/runtime.mjs", "packages/server/dist/runtime.mjs", "packages/validators/dist/runtime.mjs"]) {
    if (!existsSync(path.join(REPO_ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` first (\`npm run test:consumer\` does both)`);
  }
  scratch = await mkdtemp(path.join(tmpdir(), "codegen-consumer-"));
  project = path.join(scratch, "tally");
  const tarballs = path.join(scratch, "tarballs");
  await mkdir(tarballs);
  const npmPack = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", tarballs, ...PACKAGES.map((pkg) => `./${pkg}`)], REPO_ROOT);
  expect(npmPack.code, npmPack.stderr).toBe(0);
  const entries = JSON.parse(npmPack.stdout) as { name: string; filename: string; files: { path: string }[] }[];
  for (const entry of entries) {
    packed.set(entry.name, entry.files.map((file) => file.path).sort());
    tarballOf.set(entry.name, path.join(tarballs, entry.filename));
  }

  // The folder holds the model and smithy-build.json, and nothing else, until the install.
  await mkdir(path.join(project, "model"), { recursive: true });
  await copyFile(path.join(FIXTURES, "tally.smithy"), path.join(project, "model", "tally.smithy"));
  await copyFile(path.join(FIXTURES, "smithy-build.json"), path.join(project, "smithy-build.json"));
  await writeFile(path.join(project, "package.json"), `${JSON.stringify({ name: "tally", version: "0.0.0", private: true, type: "module" }, null, 2)}\n`);
  tarballPaths = entries.map((entry) => path.join(tarballs, entry.filename));
  await installTarballs(project);
}, 300_000);

/** Installs every tarball into a project folder, and @types/node for tsc (the project's own dev dependency). */
async function installTarballs(dir: string): Promise<void> {
  const install = await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", ...tarballPaths], dir);
  expect(install.code, install.stderr).toBe(0);
  await mkdir(path.join(dir, "node_modules", "@types"), { recursive: true });
  await symlink(path.join(REPO_ROOT, "node_modules", "@types", "node"), path.join(dir, "node_modules", "@types", "node"), "dir");
}

/** The strict compiler options of a consumer's tsconfig.json (nodenext, no skipLibCheck). */
const STRICT_COMPILER_OPTIONS = {
  ...STRICT_FLAGS,
  skipLibCheck: false,
  module: "nodenext",
  moduleResolution: "nodenext",
  target: "es2022",
  lib: ["es2023"],
  types: ["node"],
};

const tsc = (args: string[], cwd: string) => run(process.execPath, [path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"), ...args], cwd);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe(`the codegen CLI in a project of its own, on Node ${process.version}`, () => {
  it("ships its build, its Smithy project, a README and the LICENSE, and is installed without tsx", async () => {
    const files = packed.get("@codepipeline-partner/codegen")!;
    expect(files).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json", "bin/codegen.mjs", "dist/cli.mjs", "smithy/pom.xml"]));
    expect(files.some((file) => file.startsWith("smithy/src/main/java/"))).toBe(true);
    expect(files.filter((file) => file.startsWith("src/") || file.endsWith(".ts"))).toEqual([]);
    const manifest = JSON.parse(await readFile(path.join(project, "node_modules", "@codepipeline-partner", "codegen", "package.json"), "utf8")) as Record<string, unknown>;
    expect(manifest.private).toBeUndefined();
    expect(Object.keys(manifest.dependencies as object)).not.toContain("tsx");
    expect(existsSync(path.join(project, "node_modules", "tsx"))).toBe(false);
    for (const pkg of ["client", "server", "validators"]) {
      expect(packed.get(`@codepipeline-partner/${pkg}`), pkg).toEqual(expect.arrayContaining(["dist/runtime.mjs", "dist/runtime.cjs", "dist/runtime.d.mts", "runtime/package.json"]));
    }
  });

  it("--help prints the usage and exits 0", async () => {
    const help = await npx(["--help"]);
    expect(help.stderr).toBe("");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: /);
    expect(help.stdout).toContain("generate [--watch]");
    const generateHelp = await npx(["generate", "--help"]);
    expect(generateHelp.code).toBe(0);
    expect(generateHelp.stdout).toContain("--service ID");
  });

  it("an unknown flag prints one line and the usage, no stack, and exits 2", async () => {
    const result = await npx(["generate", "--frobnicate"]);
    expect(result.code).toBe(2);
    const [first, blank, usage] = result.stderr.split("\n");
    // One line naming the flag (its wording is the CLI's, test/cli-flags.test.ts pins it).
    expect(first).toMatch(/^error: .*'?--frobnicate'?$/);
    expect(blank).toBe("");
    expect(usage).toMatch(/^usage: .*generate/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).toBe("");
  });

  it("generate writes the service's code into the folders smithy-build.json names, and nothing else", async () => {
    const result = await npx(["generate"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/generate: 15 written, 0 deleted, 0 unchanged/);
    const written = wroteFiles(result.stdout);
    expect(written).toEqual([
      "docs/api/AddCount.md",
      "docs/api/GetCount.md",
      "docs/api/index.md",
      "docs/openapi/tally.d.ts",
      "docs/openapi/tally.openapi.json",
      "generated/json-schema/tally.d.ts",
      "generated/json-schema/tally.schema.json",
      "generated/smithy/model.json",
      "src/generated/client/client.ts",
      "src/generated/client/errors.ts",
      "src/generated/client/operations.ts",
      "src/generated/client/paginators.ts",
      "src/generated/server/service.ts",
      "src/generated/types/types.ts",
      "src/generated/validators/validators.ts",
    ]);
    // Nothing in this repository's folders (packages/), and no smithy-typescript view: its plugin is not configured.
    expect((await readdir(project)).sort()).toEqual([".cache", "docs", "generated", "model", "node_modules", "package-lock.json", "package.json", "smithy-build.json", "src"]);
    expect((await readdir(path.join(project, "generated"))).sort()).toEqual(["json-schema", "smithy"]);
    // The views were made by the codegen's own dependencies, as installed.
    expect(await readFile(path.join(project, "docs/openapi/tally.d.ts"), "utf8")).toMatch(/^\/\/ Generated by openapi-typescript \d+\.\d+\.\d+ from docs\/openapi\/tally\.openapi\.json/);

    // The generated code reaches the runtime through the packages' ./runtime entry points,
    // and the other targets' output by relative paths.
    const operations = await readFile(path.join(project, "src/generated/client/operations.ts"), "utf8");
    expect(operations).toContain('from "@codepipeline-partner/client/runtime"');
    expect(operations).toContain('from "../types/types.js"');
    expect(operations).toContain('from "../validators/validators.js"');
    expect(operations).not.toMatch(/from "\.\.\/runtime\//);
    const server = await readFile(path.join(project, "src/generated/server/service.ts"), "utf8");
    expect(server).toContain('from "@codepipeline-partner/server/runtime"');
    expect(server).toContain("export function createTallyServiceHandler(");
    const validators = await readFile(path.join(project, "src/generated/validators/validators.ts"), "utf8");
    expect(validators).toContain('from "@codepipeline-partner/validators/runtime"');

    // The headers name the command that regenerates here (the project has no npm script for it).
    expect(operations.split("\n")[0]).toMatch(/Do not edit: change model\/ and run `npx codepipeline-partner-codegen generate`\.$/);

    const check = await npx(["check"]);
    expect(check.stderr).toBe("");
    expect(check.stdout.trim()).toBe("check: all 15 generated files match the model");
    expect(check.code).toBe(0);
  });

  it("check reports a stray file in every folder the config owns, generate deletes it, and files beside those folders are left alone", async () => {
    const stray = ["docs/api/notes.md", "generated/notes.txt", "generated/smithy/notes.txt", "src/generated/client/notes.txt", "src/generated/notes.txt"];
    const users = ["docs/guide.md", "src/app.ts"];
    for (const file of [...stray, ...users]) await writeFile(path.join(project, file), "not generated\n");
    const check = await npx(["check"]);
    expect(check.code).toBe(1);
    expect(check.stderr.trim().split("\n")).toEqual([
      ...stray.map((file) => `check: ${file} is not produced by the model`),
      "check: 5 file(s) out of date; run `npx codepipeline-partner-codegen generate` and commit the result.",
    ]);
    const generate = await npx(["generate"]);
    expect(generate.code, generate.stderr).toBe(0);
    expect(generate.stdout).toMatch(/generate: 0 written, 5 deleted, 15 unchanged/);
    for (const file of stray) expect(existsSync(path.join(project, file)), file).toBe(false);
    for (const file of users) expect(existsSync(path.join(project, file)), file).toBe(true);
    expect((await npx(["check"])).code).toBe(0);
    for (const file of users) await rm(path.join(project, file));
  });

  it("the generated code type-checks under strict flags and makes a signed round trip over 127.0.0.1", async () => {
    await copyFile(path.join(FIXTURES, "main.ts"), path.join(project, "main.ts"));
    const compilerOptions = { ...STRICT_COMPILER_OPTIONS, outDir: "out", rootDir: "." };
    await writeFile(path.join(project, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["main.ts", "src"] }, null, 2));
    const compiled = await tsc(["-p", "tsconfig.json"], project);
    expect(compiled.stdout + compiled.stderr).toBe("");
    expect(compiled.code).toBe(0);

    const program = await run(process.execPath, ["out/main.js"], project);
    expect(program.stderr).toBe("");
    expect(JSON.parse(program.stdout)).toEqual({ status: 200, added: 5, total: 5, missing: "NoSuchCounter", invalid: "ValidationException", validator: false });
  });

  it("scaffold makes a server project for the model that imports the project's generated code, installs from the tarballs, type-checks, and whose test is red until the handlers are written", async () => {
    const scaffolded = await npx(["scaffold", "server"]);
    expect(scaffolded.stderr).toBe("");
    expect(scaffolded.code).toBe(0);
    const app = path.join(project, "server");
    const read = (file: string) => readFile(path.join(app, file), "utf8");

    // The service's generated server and client are the project's, in the folders its
    // smithy-build.json names, reached by relative paths; the runtime by ./runtime, as the
    // generated code reaches it. Nothing from the packages' CodePipeline code.
    expect(await read("src/service.ts")).toContain('import { createTallyServiceHandler, type TallyService } from "../../src/generated/server/service.js";');
    expect(await read("src/handlers/addCount.ts")).toContain('import type { TallyService } from "../../../src/generated/server/service.js";');
    const test = await read("test/operations.test.ts");
    expect(test).toContain('import { TallyClient } from "../../src/generated/client/client.js";');
    expect(test).toContain('import { listen } from "@codepipeline-partner/server/node";');
    expect(await read("src/main.ts")).toContain('import { listen } from "@codepipeline-partner/server/node";');
    for (const file of ["src/service.ts", "src/main.ts", "src/handlers/addCount.ts", "src/handlers/getCount.ts", "test/operations.test.ts"]) {
      expect(await read(file), file).not.toMatch(/from "@codepipeline-partner\/(?:server|client|types|validators)"/);
    }
    const manifest = JSON.parse(await read("package.json")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(["@codepipeline-partner/server", "tsx"]);
    expect(manifest.dependencies["@codepipeline-partner/server"]).toMatch(/^\^\d+\.\d+\.\d+$/);

    // The runtime from the tarballs (npm would look for ^0.1.0 on the registry); tsx, typescript and @types/node as the project asks.
    const runtime = ["server", "validators", "protocol-aws-json", "types"].map((pkg) => tarballOf.get(`@codepipeline-partner/${pkg}`)!);
    const install = await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", ...runtime], app);
    expect(install.code, install.stderr).toBe(0);
    const typecheck = await run("npm", ["run", "typecheck"], app);
    expect(typecheck.code, typecheck.stdout + typecheck.stderr).toBe(0);

    // npm test: node --test's count lines are `# pass 1` in TAP (Node 20 and 22 when piped), `ℹ pass 1` from the spec reporter (Node 24).
    const counts = (output: string) => ({ pass: Number(/^(?:# |ℹ )pass (\d+)$/m.exec(output)?.[1]), fail: Number(/^(?:# |ℹ )fail (\d+)$/m.exec(output)?.[1]) });
    const unimplemented = await run("npm", ["test"], app);
    expect(unimplemented.code).not.toBe(0);
    expect(counts(unimplemented.stdout)).toEqual({ pass: 0, fail: 2 });
    expect(unimplemented.stdout).toContain("AddCount answered InternalFailure");
    expect(unimplemented.stdout).toContain("implement it in src/handlers/addCount.ts");

    // The user writes AddCount: GetCount alone still fails.
    await writeFile(path.join(app, "src", "counters.ts"), "export const counters = new Map<string, number>();\n");
    const implement = async (file: string, body: string, imports: string) => {
      const text = await read(file);
      const written = text.replace(/= async \(input, context\) => \{[\s\S]*\};\n$/, `= async (input) => {\n${body}\n};\n`);
      expect(written, file).not.toContain("not implemented");
      await writeFile(path.join(app, file), `${imports}\n${written}`);
    };
    await implement(
      "src/handlers/addCount.ts",
      "  const total = (counters.get(input.name) ?? 0) + input.amount;\n  counters.set(input.name, total);\n  return { total };",
      'import { counters } from "../counters.js";',
    );
    const half = await run("npm", ["test"], app);
    expect(half.code).not.toBe(0);
    expect(counts(half.stdout)).toEqual({ pass: 1, fail: 1 });
    expect(half.stdout).toContain("GetCount answered InternalFailure");

    // GetCount answers the total, or its own modeled error, which the scaffolded test accepts.
    await implement(
      "src/handlers/getCount.ts",
      '  const total = counters.get(input.name);\n  if (total === undefined) throw new NoSuchCounter({ message: `no counter named ${input.name}` });\n  return { total };',
      'import { counters } from "../counters.js";\nimport { NoSuchCounter } from "../../../src/generated/server/service.js";',
    );
    const typecheckImplemented = await run("npm", ["run", "typecheck"], app);
    expect(typecheckImplemented.code, typecheckImplemented.stdout + typecheckImplemented.stderr).toBe(0);
    const implemented = await run("npm", ["test"], app);
    expect(implemented.code, implemented.stdout + implemented.stderr).toBe(0);
    expect(counts(implemented.stdout)).toEqual({ pass: 2, fail: 0 });
  });
});

describe("the codegen CLI with nothing configured: a model of one service and smithy-build.json's version alone", () => {
  let minimal: string;

  beforeAll(async () => {
    minimal = path.join(scratch, "minimal");
    await mkdir(path.join(minimal, "model"), { recursive: true });
    await copyFile(path.join(FIXTURES, "tally.smithy"), path.join(minimal, "model", "tally.smithy"));
    await writeFile(path.join(minimal, "smithy-build.json"), '{ "version": "1.0" }\n');
    await writeFile(path.join(minimal, "package.json"), `${JSON.stringify({ name: "tally-minimal", version: "0.0.0", private: true, type: "module" }, null, 2)}\n`);
    await installTarballs(minimal);
  }, 300_000);

  it("generates into the default folders, src/generated/<target> and generated/, importing the runtime packages and its own files", async () => {
    const result = await run("npx", ["--no-install", BIN, "generate"], minimal);
    expect(result.code, result.stderr).toBe(0);
    const written = wroteFiles(result.stdout);
    expect(written).toEqual([
      "generated/docs/AddCount.md",
      "generated/docs/GetCount.md",
      "generated/docs/index.md",
      "generated/smithy/model.json",
      "src/generated/client/client.ts",
      "src/generated/client/errors.ts",
      "src/generated/client/operations.ts",
      "src/generated/client/paginators.ts",
      "src/generated/server/service.ts",
      "src/generated/types/types.ts",
      "src/generated/validators/validators.ts",
    ]);
    expect(existsSync(path.join(minimal, "packages"))).toBe(false);

    // Every import of the generated code: the runtime packages' ./runtime entry points,
    // protocol-aws-json, node's own, or a relative path to a file generated beside it.
    const specifiers = new Set<string>();
    for (const file of written.filter((file) => file.endsWith(".ts"))) {
      const text = await readFile(path.join(minimal, file), "utf8");
      for (const [, specifier] of text.matchAll(/\bfrom "([^"]+)"/g)) {
        specifiers.add(specifier!);
        if (specifier!.startsWith(".")) expect(existsSync(path.join(minimal, path.dirname(file), specifier!.replace(/\.js$/, ".ts"))), `${file}: ${specifier}`).toBe(true);
      }
    }
    expect([...specifiers].filter((specifier) => !specifier.startsWith("."))).toEqual(
      expect.arrayContaining(["@codepipeline-partner/client/runtime", "@codepipeline-partner/server/runtime", "@codepipeline-partner/validators/runtime"]),
    );
    for (const specifier of specifiers) {
      expect(specifier).toMatch(/^(?:\.\.?\/|@codepipeline-partner\/(?:client|server|validators)\/runtime$|@codepipeline-partner\/protocol-aws-json$|node:)/);
    }
    expect(specifiers).toContain("../types/types.js");
    expect(specifiers).toContain("../validators/validators.js");
  });

  it("the generated code type-checks under strict flags against the installed packages", async () => {
    await writeFile(path.join(minimal, "tsconfig.json"), JSON.stringify({ compilerOptions: { ...STRICT_COMPILER_OPTIONS, noEmit: true }, include: ["src"] }, null, 2));
    const compiled = await tsc(["-p", "tsconfig.json"], minimal);
    expect(compiled.stdout + compiled.stderr).toBe("");
    expect(compiled.code).toBe(0);
  });

  it("scaffold makes a server project that imports the project's own generated code and type-checks", async () => {
    const scaffolded = await run("npx", ["--no-install", BIN, "scaffold", "server"], minimal);
    expect(scaffolded.stderr).toBe("");
    expect(scaffolded.code).toBe(0);
    const app = path.join(minimal, "server");
    const read = (file: string) => readFile(path.join(app, file), "utf8");
    expect(await read("src/service.ts")).toContain('import { createTallyServiceHandler, type TallyService } from "../../src/generated/server/service.js";');
    expect(await read("src/handlers/getCount.ts")).toContain('import type { TallyService } from "../../../src/generated/server/service.js";');
    expect(await read("test/operations.test.ts")).toContain('import { TallyClient } from "../../src/generated/client/client.js";');
    for (const file of ["src/service.ts", "src/main.ts", "src/handlers/addCount.ts", "src/handlers/getCount.ts", "test/operations.test.ts"]) {
      expect(await read(file), file).not.toMatch(/from "@codepipeline-partner\/(?:server|client|types|validators)"/);
    }
    const manifest = JSON.parse(await read("package.json")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter((name) => name.startsWith("@codepipeline-partner/"))).toEqual(["@codepipeline-partner/server"]);

    const runtime = ["server", "validators", "protocol-aws-json", "types"].map((pkg) => tarballOf.get(`@codepipeline-partner/${pkg}`)!);
    const install = await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", ...runtime], app);
    expect(install.code, install.stderr).toBe(0);
    const typecheck = await run("npm", ["run", "typecheck"], app);
    expect(typecheck.code, typecheck.stdout + typecheck.stderr).toBe(0);
  });
});

/** The files a `generate` run lists as written (its `wrote   <path>` lines), in order. */
function wroteFiles(stdout: string): string[] {
  return stdout.split("\n").filter((line) => line.startsWith("wrote ")).map((line) => line.slice("wrote ".length).trim());
}
