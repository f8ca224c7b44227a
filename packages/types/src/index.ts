// The package's entry point; every type is generated from the model.
export * from "./generated/types.js";
