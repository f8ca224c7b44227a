#!/usr/bin/env node
// The codegen CLI as a package binary: `npx codepipeline-partner-codegen scaffold <dir>`.
// It runs the TypeScript sources through tsx, as the npm scripts do.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
