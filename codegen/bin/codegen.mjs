#!/usr/bin/env node
// The codegen CLI as a package binary: `npx codepipeline-partner-codegen generate`.
// It runs the built JavaScript (`npm run build`; the published package ships it). The
// repository's npm scripts run the TypeScript sources through tsx instead.
await import("../dist/cli.mjs");
