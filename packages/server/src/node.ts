// The `./node` entry point: the node:http adapter in every module resolution, under no
// export condition. The main entry adds it only under `node`, which TypeScript's `bundler`
// resolution does not set, so a Node.js project resolving that way imports it from here.
export { clientErrorListener, defaultMaxConnections, listen, toRequestListener, type ListenOptions, type NodeAdapterOptions, type ResponseLogEntry, type RunningServer } from "./runtime/node.js";
