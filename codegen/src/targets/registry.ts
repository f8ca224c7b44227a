// Every target, in the order the pipeline runs them. Adding a target is one module and
// one line here (and its output's folder in ../layout.ts). Each target's
// module is imported when it first runs, so a `generate` that finds its outputs in the
// cache never loads ts-morph, openapi-typescript or json-schema-to-typescript.
import { packageVersion } from "../versions.js";
import type { OutputName } from "../layout.js";
import type { Target, TargetContext } from "./target.js";

/** The JSON AST our own targets read, as headers name it (in this repository's layout). */
export const MODEL_JSON = "generated/smithy/model.json";

/** One of our own targets: a pure function of the IR. */
function own(name: string, output: OutputName, emit: Target["emit"]): Target {
  return { name, output, emit, provenance: (context: TargetContext) => ({ generator: `@codepipeline-partner/codegen ${context.version} (${name} target)`, source: context.modelJson ?? MODEL_JSON }) };
}

/** A TypeScript view of one of the Smithy build's documents, made by a third-party tool. */
function view(name: string, output: OutputName, viewOf: "openapi" | "jsonSchema", tool: string, emit: Target["emit"]): Target {
  return { name, output, viewOf, emit, provenance: (context) => ({ generator: `${tool} ${packageVersion(tool)}`, source: context.documentPaths?.[viewOf] ?? output }) };
}

export const TARGETS = [
  own("types", "types", async (ir) => (await import("./types.js")).emitTypes(ir)),
  own("validators", "validators", async (ir, context) => (await import("./validators.js")).emitValidators(ir, context.imports)),
  own("client", "client", async (ir, context) => (await import("./client.js")).emitClient(ir, context)),
  own("server", "server", async (ir, context) => (await import("./server.js")).emitServer(ir, context.imports)),
  own("docs", "docs", async (ir) => (await import("./docs.js")).emitDocs(ir)),
  view("openapi-typescript", "openapi", "openapi", "openapi-typescript", async (ir, context) => (await import("./openapi-typescript.js")).emitOpenapiTypescript(ir, context)),
  view("json-schema-to-typescript", "json-schema", "jsonSchema", "json-schema-to-typescript", async (ir, context) => (await import("./json-schema-to-typescript.js")).emitJsonSchemaTypescript(ir, context)),
] as const satisfies readonly Target[];

export type TargetName = (typeof TARGETS)[number]["name"];
