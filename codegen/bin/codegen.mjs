#!/usr/bin/env node
// The codegen CLI as a package binary: `npx codepipeline-partner-codegen generate`.
// It runs the built JavaScript (`npm run build`; the published package ships it). The
// repository's npm scripts run the TypeScript sources through tsx instead.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const cli = new URL("../dist/cli.mjs", import.meta.url);
if (!existsSync(cli)) {
  // Only in a checkout that was never built: the published package always has it.
  console.error(`error: ${fileURLToPath(cli)} is missing; run \`npm run build\` in the repository first (or \`npm run generate\`, which runs the sources).`);
  process.exit(1);
}
await import(cli.href);
