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

function build(pkg: string, platform: Platform, entry: Record<string, string>, options: UserConfig = {}): UserConfig {
  return {
    ...base,
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
  // emulator: the `codepipeline-partner-emulator` bin (the reference server's command line).
  // Shared chunks go to dist/chunks/: the chunk holding src/runtime/node.ts is named `node`
  // too, and beside the entry of that name the declarations' bundle swapped the two files.
  build("server", "node", { ...withRuntime, node: "src/node.ts", reference: "src/reference/index.ts", emulator: "src/reference/serve.ts" }, {
    dts: true,
    outputOptions: (options) => ({ ...options, chunkFileNames: `chunks/${String(options.chunkFileNames)}` }),
  }),
  // The reference service (the emulator) is for Node.js only. The neutral build has
  // declarations of its own (dist/neutral/*.d.mts), with no node:* type and no `listen`,
  // for projects without @types/node (the exports give each condition its `types`).
  build("server", "neutral", { index: "src/neutral.ts", runtime: "src/runtime/neutral.ts" }, { dts: true }),
  // The job worker imports nothing but the client and the types: one build for every runtime.
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
