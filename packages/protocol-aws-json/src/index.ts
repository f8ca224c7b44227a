// The package's entry point: the awsJson protocols' shared runtime.
export * from "./protocol.js";
export * from "./errors.js";
export * from "./wire.js";
export * from "./sigv4.js";
