// `npm run build`: every published package to ESM and CommonJS JavaScript with source maps,
// and .d.mts/.d.cts declarations, in packages/*/dist. tsdown (on rolldown) bundles each
// entry point into one file (protocol-aws-json keeps one per module, see below), leaves the
// packages' dependencies and node:* modules as imports, and writes declarations with the
// TypeScript compiler.
//
// The client and the server build twice: dist/ for Node.js (node:crypto signs
// synchronously; the server has its node:http adapter) and dist/neutral/ for every other
// runtime (Web Crypto, no node:* import), picked by the `node` condition of their exports.
// The client's declarations are the same for both; the server's neutral build has its own.
// The tests and `npm run generate` never need a build: the exports' first condition,
// `@codepipeline-partner/source`, points tsc, vitest and tsx at src/.
import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type UserConfig } from "tsdown";

// Absolute, so that a package's prepack can build it alone from its own folder.
const packages = fileURLToPath(new URL("packages/", import.meta.url));

type Platform = "node" | "neutral";

// What every build here shares: unhashed .mjs/.cjs names whatever the package's "type",
// source maps, package.json written by hand (its exports put the source condition first),
// and an import that does not resolve (a node:* module in a neutral build) failing the build.
const base = {
  fixedExtension: true,
  sourcemap: true,
  dts: false,
  hash: false,
  exports: false,
  failOnWarn: true,
  logLevel: "warn",
  checks: { pluginTimings: false },
} satisfies UserConfig;

// The API reference the docs target writes (generated/docs, entry page index.md) ships in
// the packages whose API it describes, as docs/ (gitignored; their READMEs link to it). The
// old copy goes first, so that a page the model no longer has is not shipped. Once per
// package: tsdown builds each format apart, and asks each build what to copy.
const API_REFERENCE = new Set(["types", "validators", "client", "server"]);
const apiReference = (pkg: string) => {
  let copied = false;
  return async () => {
    if (copied) return [];
    copied = true;
    await rm(path.join(packages, pkg, "docs"), { recursive: true, force: true });
    return [{ from: fileURLToPath(new URL("generated/docs", import.meta.url)), to: path.join(packages, pkg), rename: "docs" }];
  };
};

function build(pkg: string, platform: Platform, entry: Record<string, string>, options: UserConfig = {}): UserConfig {
  return {
    ...base,
    // With the package's build into dist/ (the client's and server's other one is dist/neutral/).
    ...(API_REFERENCE.has(pkg) && (options.outDir ?? (platform === "node" ? "dist" : "dist/neutral")) === "dist" ? { copy: apiReference(pkg) } : {}),
    name: platform === "node" ? pkg : `${pkg} (neutral)`,
    cwd: path.join(packages, pkg),
    entry,
    outDir: platform === "node" ? "dist" : "dist/neutral",
    format: ["esm", "cjs"],
    platform,
    // The package's `#crypto` import (package.json "imports") is fixed per build, as its
    // node and default conditions would pick it.
    alias: { "#crypto": path.join(packages, pkg, "src", "runtime", `crypto-${platform === "node" ? "node" : "web"}.ts`) },
    target: "es2022",
    ...options,
  };
}

const index = { index: "src/index.ts" };
// The `./runtime` entry points: what code generated outside the packages imports.
const withRuntime = { ...index, runtime: "src/runtime/index.ts" };

export default defineConfig([
  build("types", "neutral", index, { outDir: "dist", dts: true }),
  build("validators", "neutral", withRuntime, { outDir: "dist", dts: true }),
  // One file per module, as in src/. lossless-json's lib/esm/package.json has no
  // sideEffects field (its root's `false` does not reach it), so once a module a bundle
  // keeps imports it, esbuild keeps its LosslessNumber class and helpers (1.6 KB minified).
  // In a file of its own, big-numbers is dropped whole (this package has `sideEffects:
  // false`) by a program that reads no big number, and lossless-json is never reached.
  build("protocol-aws-json", "neutral", index, { outDir: "dist", dts: true, unbundle: true }),
  build("client", "node", withRuntime, { dts: true }),
  build("client", "neutral", withRuntime),
  // node: the `./node` entry point, the node:http adapter under no condition (for Node.js
  // projects in TypeScript's `bundler` resolution, which does not set `node`).
  // Shared chunks go to dist/chunks/: the chunk holding src/runtime/node.ts is named `node`
  // too, and beside the entry of that name the declarations' bundle swapped the two files.
  build("server", "node", { ...withRuntime, node: "src/node.ts", reference: "src/reference/index.ts" }, {
    dts: true,
    outputOptions: (options) => ({ ...options, chunkFileNames: `chunks/${String(options.chunkFileNames)}` }),
  }),
  // The `codepipeline-partner-emulator` bin (the reference server's command line): only the
  // ES module it runs, with no declarations, as nothing imports it. The reference service
  // comes from the package's own dist/reference.mjs beside it, not a second copy bundled in.
  build("server", "node", { emulator: "src/reference/serve.ts" }, {
    format: "esm",
    // Whatever else goes into dist/ (files copied in) is the main build's, done once.
    copy: undefined,
    plugins: [
      {
        name: "emulator-imports-reference",
        resolveId: (source, importer) => (source === "./index.js" && importer?.endsWith(path.join("src", "reference", "serve.ts")) ? { id: "./reference.mjs", external: true } : null),
      },
    ],
  }),
  // The reference service (the emulator) is for Node.js only. The neutral build has
  // declarations of its own (dist/neutral/*.d.mts), with no node:* type and no `listen`,
  // for projects without @types/node (the exports give each condition its `types`).
  build("server", "neutral", { index: "src/neutral.ts", runtime: "src/runtime/neutral.ts" }, { dts: true }),
  // The job worker imports nothing but the client, the types and the validators: one build for every runtime.
  build("worker", "neutral", index, { outDir: "dist", dts: true }),
  // The codegen CLI: one ES module for Node.js (its bin imports it), the targets as chunks
  // beside it, loaded when they run. Its dependencies (ts-morph, typescript, oxfmt, ...)
  // stay imports; the repository's .prettierrc.json and the validators' limits are bundled in.
  {
    ...base,
    name: "codegen",
    cwd: fileURLToPath(new URL("codegen/", import.meta.url)),
    entry: { cli: "src/cli.ts" },
    outDir: "dist",
    format: "esm",
    platform: "node",
    target: "node20",
  },
]);
