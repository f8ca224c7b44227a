// The package's entry point where the `node` export condition is absent (browsers,
// workers): the generated service interface, errors and handler factory, and the adapters
// that need no node:* module (Fetch, Lambda). index.ts, for Node.js, adds node:http's.
export * from "./generated/service.js";
export type { AuthenticateOptions, CallerIdentity } from "./runtime/auth.js";
export { ModeledError, type ModeledErrorOptions } from "./runtime/errors.js";
export type { HandlerOptions, Logger, RequestContext } from "./runtime/handler.js";
export type { HttpRequest, HttpResponse, ServiceHandler } from "./runtime/http.js";
export { toFetchHandler } from "./runtime/fetch.js";
export { toLambdaHandler, type LambdaHttpEvent, type LambdaHttpResult } from "./runtime/lambda.js";
