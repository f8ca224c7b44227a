// The `./runtime` entry point: the helpers generated validators call, for validators
// generated outside this package (`codegen.output.validators` in smithy-build.json naming
// a folder of your own), which import them as `@codepipeline-partner/validators/runtime`.
export * from "./result.js";
export * from "./values.js";
