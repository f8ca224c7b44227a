// Every target, in the order the pipeline runs them. Adding a target is one module and
// one line here; the owned folders `check` guards derive from this list.
import { packageVersion } from "../versions.js";
import { emitClient } from "./client.js";
import { emitDocs } from "./docs.js";
import { emitJsonSchemaTypescript } from "./json-schema-to-typescript.js";
import { emitOpenapiTypescript } from "./openapi-typescript.js";
import { emitServer } from "./server.js";
import type { Target, TargetContext } from "./target.js";
import { emitTypes } from "./types.js";
import { emitValidators } from "./validators.js";

/** The JSON AST our own targets read, as headers name it. */
export const MODEL_JSON = "generated/smithy/model.json";

/** One of our own targets: a pure function of the IR. */
function own(name: string, outDir: string, emit: Target["emit"]): Target {
  return { name, outDir, emit, provenance: (context: TargetContext) => ({ generator: `@codepipeline-partner/codegen ${context.version} (${name} target)`, source: MODEL_JSON }) };
}

/** A TypeScript view of one of the Smithy build's documents, made by a third-party tool. */
function view(name: string, outDir: string, viewOf: "openapi" | "jsonSchema", tool: string, source: string, emit: Target["emit"]): Target {
  return { name, outDir, viewOf, emit, provenance: () => ({ generator: `${tool} ${packageVersion(tool)}`, source }) };
}

export const TARGETS = [
  own("types", "packages/types/src/generated", emitTypes),
  // The validators target still names its whole path; strip it (until it returns relative paths).
  own("validators", "packages/validators/src/generated", (ir) => emitValidators(ir).map((file) => ({ path: file.path.replace("packages/validators/src/generated/", ""), contents: file.code }))),
  own("client", "packages/client/src/generated", emitClient),
  own("server", "packages/server/src/generated", emitServer),
  own("docs", "generated/docs", emitDocs),
  view("openapi-typescript", "generated/openapi", "openapi", "openapi-typescript", "generated/openapi/codepipeline.openapi.json", emitOpenapiTypescript),
  view("json-schema-to-typescript", "generated/json-schema", "jsonSchema", "json-schema-to-typescript", "generated/json-schema/codepipeline.schema.json", emitJsonSchemaTypescript),
] as const satisfies readonly Target[];

export type TargetName = (typeof TARGETS)[number]["name"];
