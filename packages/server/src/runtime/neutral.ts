// The `./runtime` entry point where the `node` export condition is absent (browsers,
// workers): the hand-written runtime generated server code runs on, for code generated
// outside this package (`codegen.output.server` in smithy-build.json naming a folder of
// your own), which imports it as `@codepipeline-partner/server/runtime`, and the adapters
// that need no node:* module. index.ts, for Node.js, adds node:http's.
export type { AuthenticateOptions, CallerIdentity } from "./auth.js";
export * from "./errors.js";
export * from "./fetch.js";
export * from "./handler.js";
export type * from "./http.js";
export * from "./lambda.js";
