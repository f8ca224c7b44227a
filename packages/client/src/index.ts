// The package's entry point: the generated client and operations, and the runtime's
// public pieces (configuration, errors, credentials).
export * from "./generated/client.js";
export * from "./generated/errors.js";
export * from "./generated/operations.js";
export * from "./generated/paginators.js";
export type { CallOptions, Client, ClientConfig, InputValidators, Output } from "./runtime/client.js";
export { fromEnvironment, type CredentialProvider, type CredentialsOption } from "./runtime/credentials.js";
export { InputValidationError, RequestError, ServiceException, type ResponseMetadata } from "./runtime/errors.js";
export type { PaginationOptions, Paginator } from "./runtime/paginate.js";
export type { RequestCompressionConfig } from "./runtime/request-compression.js";
export type { Credentials } from "./runtime/sigv4.js";
