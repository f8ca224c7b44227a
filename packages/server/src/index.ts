// The package's entry point on Node.js (the `node` export condition: Node.js, Bun, Deno):
// everything neutral.ts has, and the node:http adapter.
export * from "./neutral.js";
export { clientErrorListener, defaultMaxConnections, listen, toRequestListener, type ListenOptions, type RunningServer } from "./runtime/node.js";
