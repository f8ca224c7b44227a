// The package's entry point: the generated service interface, errors and handler
// factory, and the runtime's adapters.
export * from "./generated/service.js";
export type { AuthenticateOptions, CallerIdentity } from "./runtime/auth.js";
export { ModeledError, type ModeledErrorOptions } from "./runtime/errors.js";
export type { HandlerOptions, Logger, RequestContext } from "./runtime/handler.js";
export type { HttpRequest, HttpResponse, ServiceHandler } from "./runtime/http.js";
export { toFetchHandler } from "./runtime/fetch.js";
export { toLambdaHandler, type LambdaHttpEvent, type LambdaHttpResult } from "./runtime/lambda.js";
export { clientErrorListener, defaultMaxConnections, listen, toRequestListener, type ListenOptions, type RunningServer } from "./runtime/node.js";
