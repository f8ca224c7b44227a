// The `./runtime` entry point: the hand-written engine the generated client code runs on,
// for code generated outside this package (`codegen.output.client` in smithy-build.json
// naming a folder of your own), which imports it as `@codepipeline-partner/client/runtime`.
export * from "./client.js";
export * from "./credentials.js";
export * from "./endpoint-rules.js";
export * from "./errors.js";
export * from "./host-prefix.js";
export * from "./paginate.js";
export * from "./request-compression.js";
export type { Credentials } from "./sigv4.js";
