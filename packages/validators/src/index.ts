// The package's entry point: generated validators and the types of their results.
export * from "./generated/validators.js";
export { formatValidationMessage, type ValidationIssue, type ValidationResult } from "./runtime/result.js";
export { codePointLength } from "./runtime/values.js";
