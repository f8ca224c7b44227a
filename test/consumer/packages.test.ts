// The one tier that runs against the built packages, as a user gets them: `npm pack` each
// package, install the tarballs into a fresh project outside the repository (no workspace
// links), then run, type-check and bundle programs there. CI runs it on Node 20, 22 and 24
// (`npm run test:consumer` builds first; the Node running vitest runs the programs).
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "./support.js";
import { STRICT_FLAGS } from "../support/strict-flags.js";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PACKAGES = ["types", "validators", "protocol-aws-json", "client", "server", "worker"] as const;
const FIXTURES = path.join(REPO_ROOT, "test", "consumer", "project");
const bin = (pkg: string, file: string) => path.join(REPO_ROOT, "node_modules", pkg, file);

const node = (args: string[], cwd: string) => run(process.execPath, args, cwd);

let scratch: string;
let project: string;
const tarballs = new Map<string, string>();
const packed = new Map<string, string[]>();

beforeAll(async () => {
  for (const pkg of PACKAGES) {
    if (!existsSync(path.join(REPO_ROOT, "packages", pkg, "dist", "index.mjs"))) {
      throw new Error(`packages/${pkg}/dist is missing: run \`npm run build\` first (\`npm run test:consumer\` does both)`);
    }
  }
  scratch = await mkdtemp(path.join(tmpdir(), "codepipeline-consumer-"));
  project = path.join(scratch, "project");
  await mkdir(path.join(scratch, "tarballs"), { recursive: true });
  const npmPack = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", path.join(scratch, "tarballs"), ...PACKAGES.map((pkg) => `./packages/${pkg}`)], REPO_ROOT);
  expect(npmPack.code, npmPack.stderr).toBe(0);
  for (const entry of JSON.parse(npmPack.stdout) as { name: string; filename: string; files: { path: string }[] }[]) {
    const pkg = entry.name.replace("@codepipeline-partner/", "");
    tarballs.set(pkg, path.join(scratch, "tarballs", entry.filename));
    packed.set(pkg, entry.files.map((file) => file.path).sort());
  }

  await mkdir(project);
  await writeFile(path.join(project, "package.json"), `${JSON.stringify({ name: "consumer", version: "0.0.0", private: true }, null, 2)}\n`);
  const install = await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", ...PACKAGES.map((pkg) => tarballs.get(pkg)!)], project);
  expect(install.code, install.stderr).toBe(0);
  // The consumer's own dev dependency, for tsc.
  await mkdir(path.join(project, "node_modules", "@types"), { recursive: true });
  await symlink(path.join(REPO_ROOT, "node_modules", "@types", "node"), path.join(project, "node_modules", "@types", "node"), "dir");
  for (const file of ["app.mjs", "app.cjs", "use.ts", "worker.ts", "browser-client.ts"]) await copyFile(path.join(FIXTURES, file), path.join(project, file));
  await copyFile(path.join(FIXTURES, "use.ts"), path.join(project, "use.mts"));
  await copyFile(path.join(FIXTURES, "use.ts"), path.join(project, "use.cts"));
}, 300_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe(`the published packages, on Node ${process.version}`, () => {
  it("are installed from their tarballs, not linked to the workspace", async () => {
    for (const pkg of PACKAGES) {
      const manifest = JSON.parse(await readFile(path.join(project, "node_modules", "@codepipeline-partner", pkg, "package.json"), "utf8")) as { version: string };
      expect(manifest.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(existsSync(path.join(project, "node_modules", "@codepipeline-partner", pkg, "src")), pkg).toBe(false);
    }
  });

  it.each(PACKAGES)("%s ships JavaScript, declarations, source maps, a README and the LICENSE, and nothing else", async (pkg) => {
    const files = packed.get(pkg)!;
    expect(files).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json", "dist/index.mjs", "dist/index.cjs", "dist/index.d.mts", "dist/index.d.cts"]));
    const unexpected = files.filter((file) => !/^(LICENSE|README\.md|package\.json|dist\/.+\.(mjs|cjs|d\.mts|d\.cts|mjs\.map|cjs\.map)|(reference|runtime)\/package\.json)$/.test(file));
    expect(unexpected).toEqual([]);
    expect(await readFile(path.join(project, "node_modules", "@codepipeline-partner", pkg, "LICENSE"), "utf8")).toBe(await readFile(path.join(REPO_ROOT, "LICENSE"), "utf8"));
  });

  it.each(PACKAGES)("%s: publint finds nothing to say", async (pkg) => {
    const tarball = await readFile(tarballs.get(pkg)!);
    const { messages, pkg: manifest } = await publint({ pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) as ArrayBuffer }, level: "suggestion", strict: true });
    expect(messages.map((message) => `${message.type}: ${formatMessage(message, manifest) ?? message.code}`)).toEqual([]);
  });

  // attw and tsc are processes of their own: they run side by side.
  it.concurrent.each(PACKAGES)("%s: attw resolves every entry point in node10, node16 (CJS and ESM) and bundler", async (pkg) => {
    const attw = await node([bin("@arethetypeswrong/cli", "dist/index.js"), tarballs.get(pkg)!, "--no-definitely-typed", "--format", "ascii", "--no-color"], REPO_ROOT);
    expect(attw.code, attw.stdout + attw.stderr).toBe(0);
    expect(attw.stdout).toContain("No problems found");
  });

  const expected = { status: 200, job: "Succeeded", missing: "JobNotFoundException", valid: true, reference: "function" };

  it("an ES module program serves on 127.0.0.1 and calls it with the client, signed", async () => {
    const result = await node(["app.mjs"], project);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual(expected);
  });

  it("a CommonJS program does the same through require()", async () => {
    const result = await node(["app.cjs"], project);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual(expected);
  });

  const STRICT = {
    ...STRICT_FLAGS,
    skipLibCheck: false,
    noEmit: true,
    types: ["node"],
  };
  it.concurrent.each([
    ["nodenext, from ES modules and CommonJS", { module: "nodenext", moduleResolution: "nodenext", target: "es2022", lib: ["es2023"] }, ["use.mts", "use.cts"]],
    ["bundler", { module: "esnext", moduleResolution: "bundler", target: "es2022", lib: ["es2023", "dom"] }, ["use.ts"]],
    ["node10", { module: "commonjs", moduleResolution: "node10", target: "es2022", lib: ["es2023"] }, ["use.ts"]],
  ])("tsc type-checks a program in module mode %s, strict flags and skipLibCheck off", async (mode, options, files) => {
    const tsconfig = `tsconfig.${mode.split(",")[0]}.json`;
    await writeFile(path.join(project, tsconfig), JSON.stringify({ compilerOptions: { ...STRICT, ...options }, files }, null, 2));
    const tsc = await node([bin("typescript", "bin/tsc"), "-p", tsconfig], project);
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);
  });

  const bundle = async (entry: string, platform: "node" | "browser", format: "esm" | "cjs" = "esm") => {
    const result = await build({ entryPoints: [path.join(project, entry)], absWorkingDir: project, bundle: true, platform, format, target: "es2022", minify: true, write: false, metafile: true, logLevel: "silent" });
    return { code: result.outputFiles[0]!.contents, metafile: result.metafile };
  };
  const nodeImports = (metafile: Metafile) =>
    Object.values(metafile.inputs)
      .flatMap((input) => input.imports)
      .map((imported) => imported.path)
      .filter((imported) => imported.startsWith("node:") || ["crypto", "http", "fs", "net", "stream", "zlib"].includes(imported));

  it("esbuild bundles the programs for Node, and the bundles run", async () => {
    for (const [entry, format] of [["app.mjs", "esm"], ["app.cjs", "cjs"]] as const) {
      const { code } = await bundle(entry, "node", format);
      const out = path.join(project, `bundle.node.${format === "esm" ? "mjs" : "cjs"}`);
      await writeFile(out, code);
      const result = await node([out], project);
      expect(result.stderr).toBe("");
      expect(JSON.parse(result.stdout)).toEqual(expected);
    }
  });

  it("esbuild bundles the client and the Fetch adapter for browsers with no node: module, and they talk", async () => {
    const client = await bundle("browser-client.ts", "browser");
    const worker = await bundle("worker.ts", "browser");
    expect(nodeImports(client.metafile)).toEqual([]);
    expect(nodeImports(worker.metafile)).toEqual([]);
    expect(new TextDecoder().decode(client.code)).not.toMatch(/["']node:/);
    expect(new TextDecoder().decode(worker.code)).not.toMatch(/["']node:/);
    console.log(`one call, browser bundle: ${(gzipSync(client.code, { level: 9 }).length / 1024).toFixed(1)} KiB minified + gzip`);

    // The browser builds run here too (Web Crypto and fetch are globals): the client signs
    // with Web Crypto, the worker verifies with Web Crypto.
    await writeFile(path.join(project, "bundle.client.mjs"), client.code);
    await writeFile(path.join(project, "bundle.worker.mjs"), worker.code);
    const program = `
      import { reportSuccess } from "./bundle.client.mjs";
      import worker, { jobStatus } from "./bundle.worker.mjs";
      // What the network adds on the way: the Host and Content-Length headers.
      const network = (input, init) => {
        const headers = new Headers(init.headers);
        headers.set("host", new URL(input).host);
        headers.set("content-length", String(new TextEncoder().encode(init.body).length));
        return worker.fetch(new Request(input, { ...init, headers }));
      };
      const status = await reportSuccess("https://worker.example", network);
      console.log(JSON.stringify({ status, job: jobStatus("job-1") }));`;
    await writeFile(path.join(project, "browser.mjs"), program);
    const result = await node(["browser.mjs"], project);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ status: 200, job: "Succeeded" });
  });
});
