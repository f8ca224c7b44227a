// The one tier that runs against the built packages, as a user gets them: `npm pack` each
// package, install the tarballs into a fresh project outside the repository (no workspace
// links), then run, type-check and bundle programs there. CI runs it on Node 20, 22 and 24
// (`npm run test:consumer` builds first; the Node running vitest runs the programs).
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
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
  // The consumer's own dev dependency, for tsc: outside node_modules (the tsconfigs that
  // want it name it in typeRoots), so that the project without it finds none anywhere.
  await mkdir(path.join(scratch, "types"));
  await symlink(path.join(REPO_ROOT, "node_modules", "@types", "node"), path.join(scratch, "types", "node"), "dir");
  for (const file of ["app.mjs", "app.cjs", "use.ts", "worker.ts", "browser-client.ts", "node-bundler.mts"]) await copyFile(path.join(FIXTURES, file), path.join(project, file));
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

  it.each(PACKAGES)("%s ships JavaScript, declarations, source maps, a README and the LICENSE, the API reference it describes, and nothing else", async (pkg) => {
    const files = packed.get(pkg)!;
    expect(files).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json", "dist/index.mjs", "dist/index.cjs", "dist/index.d.mts", "dist/index.d.cts"]));
    // The docs target's pages, exactly, in the packages whose API they describe (the README links docs/index.md).
    const reference = (await readdir(path.join(REPO_ROOT, "generated", "docs"))).map((page) => `docs/${page}`).sort();
    expect(files.filter((file) => file.startsWith("docs/"))).toEqual(["types", "validators", "client", "server"].includes(pkg) ? reference : []);
    expect(reference).toContain("docs/index.md");
    if (files.includes("docs/index.md")) expect(await readFile(path.join(project, "node_modules", "@codepipeline-partner", pkg, "docs", "index.md"), "utf8")).toBe(await readFile(path.join(REPO_ROOT, "generated", "docs", "index.md"), "utf8"));
    const unexpected = files.filter((file) => !/^(LICENSE|README\.md|package\.json|dist\/.+\.(mjs|cjs|d\.mts|d\.cts|mjs\.map|cjs\.map)|(node|reference|runtime)\/package\.json|docs\/[^/]+\.md)$/.test(file));
    expect(unexpected).toEqual([]);
    // The emulator bin is only the ES module it runs (and its map): no CommonJS twin, no declarations.
    expect(files.filter((file) => file.startsWith("dist/emulator."))).toEqual(pkg === "server" ? ["dist/emulator.mjs", "dist/emulator.mjs.map"] : []);
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
    // Each entry point of the exports is in its report, green in all four modes (node10
    // reaches a subpath through the folder of that name and its package.json).
    const { exports } = JSON.parse(await readFile(path.join(project, "node_modules", "@codepipeline-partner", pkg, "package.json"), "utf8")) as { exports: Record<string, unknown> };
    const lines = attw.stdout.split("\n");
    for (const subpath of Object.keys(exports)) {
      const heading = lines.indexOf(`"@codepipeline-partner/${pkg}${subpath.slice(1)}"`);
      expect(heading, subpath).toBeGreaterThan(-1);
      expect(lines.slice(heading + 2, heading + 6).map((line) => line.split(":")[0] + (line.includes("🟢") ? " green" : " NOT green")), subpath).toEqual(["node10 green", "node16 (from CJS) green", "node16 (from ESM) green", "bundler green"]);
    }
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
    typeRoots: ["../types"],
    types: ["node"],
  };
  const tsc = async (name: string, compilerOptions: Record<string, unknown>, files: string[]) => {
    const tsconfig = `tsconfig.${name}.json`;
    await writeFile(path.join(project, tsconfig), JSON.stringify({ compilerOptions, files }, null, 2));
    const result = await node([bin("typescript", "bin/tsc"), "-p", tsconfig], project);
    return { output: result.stdout + result.stderr, code: result.code };
  };
  it.concurrent.each([
    ["nodenext, from ES modules and CommonJS", { module: "nodenext", moduleResolution: "nodenext", target: "es2022", lib: ["es2023"] }, ["use.mts", "use.cts"]],
    // With the `node` condition, which TypeScript's bundler resolution leaves out, the
    // server's main entry point has its Node.js declarations (with `listen`) there too.
    ["bundler", { module: "esnext", moduleResolution: "bundler", customConditions: ["node"], target: "es2022", lib: ["es2023", "dom"] }, ["use.ts"]],
    ["node10", { module: "commonjs", moduleResolution: "node10", target: "es2022", lib: ["es2023"] }, ["use.ts"]],
  ])("tsc type-checks a program in module mode %s, strict flags and skipLibCheck off", async (mode, options, files) => {
    const { output, code } = await tsc(mode.split(",")[0]!, { ...STRICT, ...options }, files);
    expect(output).toBe("");
    expect(code).toBe(0);
  });

  // A Workers or browser project: no @types/node anywhere, the DOM's lib. The server's
  // declarations for the non-node condition have no node:* type and no node:http adapter.
  const WEB = { ...STRICT, typeRoots: [], types: [], module: "esnext", moduleResolution: "bundler", target: "es2022", lib: ["es2023", "dom"] };
  it.concurrent("tsc type-checks the client and the server's Fetch adapter in a project without @types/node", async () => {
    const { output, code } = await tsc("web", WEB, ["browser-client.ts", "worker.ts"]);
    expect(output).toBe("");
    expect(code).toBe(0);
  });

  it.concurrent("that project's tsc refuses listen, as esbuild would for a browser (its JavaScript has no listen)", async () => {
    await writeFile(path.join(project, "web-listen.ts"), 'export { listen } from "@codepipeline-partner/server";\n');
    const { output, code } = await tsc("web-listen", WEB, ["web-listen.ts"]);
    expect(output).toContain(`web-listen.ts(1,10): error TS2305: Module '"@codepipeline-partner/server"' has no exported member 'listen'.`);
    expect(output.trim().split("\n")).toHaveLength(1);
    expect(code).not.toBe(0);
  });

  // A Node.js project in bundler resolution with no customConditions (as tsx and Vite
  // projects are set up) gets the main entry point's neutral declarations, without
  // `listen`; the `./node` entry point has it in every mode.
  const NODE_BUNDLER = { ...STRICT, module: "esnext", moduleResolution: "bundler", target: "es2022", lib: ["es2023"] };
  it.concurrent("a Node.js project in bundler resolution, no customConditions, imports listen from ./node: tsc checks and compiles it, Node.js serves one call on 127.0.0.1", async () => {
    const { output, code } = await tsc("node-bundler", { ...NODE_BUNDLER, noEmit: false, outDir: "out" }, ["node-bundler.mts"]);
    expect(output).toBe("");
    expect(code).toBe(0);
    const result = await node([path.join("out", "node-bundler.mjs")], project);
    expect(result.stderr).toBe("");
    const served = JSON.parse(result.stdout) as { url: string; port: number; status: number; job: string };
    expect(served.port).toBeGreaterThan(0);
    expect(served).toEqual({ url: `http://127.0.0.1:${served.port}`, port: served.port, status: 200, job: "Succeeded" });
  });

  it.concurrent("that project's tsc refuses listen from the main entry point (the reason for ./node)", async () => {
    await writeFile(path.join(project, "node-bundler-main.ts"), 'export { listen } from "@codepipeline-partner/server";\n');
    const { output, code } = await tsc("node-bundler-main", NODE_BUNDLER, ["node-bundler-main.ts"]);
    expect(output).toContain(`node-bundler-main.ts(1,10): error TS2305: Module '"@codepipeline-partner/server"' has no exported member 'listen'.`);
    expect(output.trim().split("\n")).toHaveLength(1);
    expect(code).not.toBe(0);
  });

  /** Bundles a file of the project, or `{ program }`: source text resolved from the project. */
  const bundle = async (entry: string | { program: string }, platform: "node" | "browser", format: "esm" | "cjs" = "esm") => {
    const input = typeof entry === "string" ? { entryPoints: [path.join(project, entry)] } : { stdin: { contents: entry.program, resolveDir: project, loader: "ts" as const } };
    const result = await build({ ...input, absWorkingDir: project, bundle: true, platform, format, target: "es2022", minify: true, write: false, metafile: true, logLevel: "silent" });
    return { code: result.outputFiles[0]!.contents, metafile: result.metafile };
  };
  /** The installed packages whose code is in the output (a module tree-shaken to nothing is not). */
  const bundledPackages = (metafile: Metafile) => {
    const kept = Object.entries(Object.values(metafile.outputs)[0]!.inputs).filter(([, input]) => input.bytesInOutput > 0);
    return [...new Set(kept.map(([file]) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1]).filter((name) => name !== undefined))].sort();
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

  // What a program making one call bundles of the installed packages (its size is the
  // bench's: npm run bench). Big-number parsing (lossless-json) and the validators stay
  // out unless the program uses them.
  const ONE_CALL = `
    import { createCodePipelineClient, putThirdPartyJobSuccessResult } from "@codepipeline-partner/client";
    const client = createCodePipelineClient({ region: "us-east-1" });
    await putThirdPartyJobSuccessResult(client, { jobId: "j", clientToken: "t" });`;
  it.each(["browser", "node"] as const)("%s: one call bundles the client, the protocol and nothing else (no lossless-json, no validators)", async (platform) => {
    const { metafile } = await bundle({ program: ONE_CALL }, platform);
    expect(bundledPackages(metafile)).toEqual(["@codepipeline-partner/client", "@codepipeline-partner/protocol-aws-json"]);
  });

  it("one call that hands over the validators as validateInput bundles them", async () => {
    const program = ONE_CALL.replace("createCodePipelineClient, ", "createCodePipelineClient, inputValidators, ").replace('{ region: "us-east-1" }', '{ region: "us-east-1", validateInput: inputValidators }');
    const { metafile } = await bundle({ program }, "browser");
    expect(bundledPackages(metafile)).toEqual(["@codepipeline-partner/client", "@codepipeline-partner/protocol-aws-json", "@codepipeline-partner/validators"]);
  });

  it("a program that reads big numbers bundles lossless-json", async () => {
    const program = 'import { parseExactJson } from "@codepipeline-partner/protocol-aws-json"; console.log(parseExactJson("12345678901234567890"));';
    const { metafile } = await bundle({ program }, "browser");
    expect(bundledPackages(metafile)).toEqual(["@codepipeline-partner/protocol-aws-json", "lossless-json"]);
  });
});
