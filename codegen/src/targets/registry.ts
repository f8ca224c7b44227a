// Every target, in the order the pipeline runs them. Adding a target is one module and
// one line here; the owned folders `check` guards derive from this list. Each target's
// module is imported when it first runs, so a `generate` that finds its outputs in the
// cache never loads ts-morph, openapi-typescript or json-schema-to-typescript.
import { packageVersion } from "../versions.js";
import type { Target, TargetContext } from "./target.js";

/** The JSON AST our own targets read, as headers name it. */
export const MODEL_JSON = "generated/smithy/model.json";

/** One of our own targets: a pure function of the IR. */
function own(name: string, outDir: string, emit: Target["emit"]): Target {
  return { name, outDir, emit, provenance: (context: TargetContext) => ({ generator: `@codepipeline-partner/codegen ${context.version} (${name} target)`, source: MODEL_JSON }) };
}

/** A TypeScript view of one of the Smithy build's documents, made by a third-party tool. */
function view(name: string, outDir: string, viewOf: "openapi" | "jsonSchema", tool: string, emit: Target["emit"]): Target {
  return { name, outDir, viewOf, emit, provenance: (context) => ({ generator: `${tool} ${packageVersion(tool)}`, source: context.documentPaths?.[viewOf] ?? outDir }) };
}

export const TARGETS = [
  own("types", "packages/types/src/generated", async (ir) => (await import("./types.js")).emitTypes(ir)),
  // The validators target still names its whole path; strip it (until it returns relative paths).
  own("validators", "packages/validators/src/generated", async (ir) => (await import("./validators.js")).emitValidators(ir).map((file) => ({ path: file.path.replace("packages/validators/src/generated/", ""), contents: file.code }))),
  own("client", "packages/client/src/generated", async (ir, context) => (await import("./client.js")).emitClient(ir, context)),
  own("server", "packages/server/src/generated", async (ir) => (await import("./server.js")).emitServer(ir)),
  own("docs", "generated/docs", async (ir) => (await import("./docs.js")).emitDocs(ir)),
  view("openapi-typescript", "generated/openapi", "openapi", "openapi-typescript", async (ir, context) => (await import("./openapi-typescript.js")).emitOpenapiTypescript(ir, context)),
  view("json-schema-to-typescript", "generated/json-schema", "jsonSchema", "json-schema-to-typescript", async (ir, context) => (await import("./json-schema-to-typescript.js")).emitJsonSchemaTypescript(ir, context)),
] as const satisfies readonly Target[];

export type TargetName = (typeof TARGETS)[number]["name"];
