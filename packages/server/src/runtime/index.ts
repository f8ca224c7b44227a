// The `./runtime` entry point on Node.js: everything neutral.ts has, and the node:http adapter.
export * from "./neutral.js";
export { clientErrorListener, defaultMaxConnections, listen, toRequestListener, type ListenOptions, type NodeAdapterOptions, type ResponseLogEntry, type RunningServer } from "./node.js";
