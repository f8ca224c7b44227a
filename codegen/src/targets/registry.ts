// Every target, in the order the pipeline runs them, and the Smithy build's documents they
// sit beside. Each entry carries its output's name (the key of `codegen.output` in
// smithy-build.json) and that output's default folder: ../layout.ts derives the outputs,
// their defaults and the folders `generate` owns from these two lists alone, so adding a
// target is one module and one line here. Each target's module is imported when it first
// runs, so a `generate` that finds its outputs in the cache never loads ts-morph,
// openapi-typescript or json-schema-to-typescript.
import { packageVersion } from "../versions.js";
import type { Target, TargetContext } from "./target.js";

/**
 * The outputs the Smithy build writes rather than a target of ours: the model's JSON AST
 * (which every target reads), the openapi and json-schema plugins' documents (each with
 * its TypeScript view, a target below, in the same folder) and smithy-typescript-codegen's
 * sources. Neutral defaults: a project's `generated/` folder.
 */
export const TOOLCHAIN_OUTPUTS = [
  { output: "model", folder: "generated/smithy" },
  { output: "openapi", folder: "generated/openapi" },
  { output: "json-schema", folder: "generated/json-schema" },
  { output: "smithy-typescript", folder: "generated/smithy-typescript" },
] as const satisfies ReadonlyArray<{ output: string; folder: string }>;

type ToolchainOutput = (typeof TOOLCHAIN_OUTPUTS)[number]["output"];

/** The JSON AST our own targets read, as headers name it when the layout does not say where it went. */
export const MODEL_JSON = `${TOOLCHAIN_OUTPUTS[0].folder}/model.json`;

/** A registry entry: a Target whose name and output keep their literal types, from which OutputName derives. */
type Entry<Name extends string, Output extends string> = Omit<Target, "name" | "output"> & { readonly name: Name; readonly output: Output };

/** One of our own targets: a pure function of the IR, writing the output of its own name into `folder` unless the config names another. */
function own<const Name extends string>(name: Name, folder: string, emit: Target["emit"]): Entry<Name, Name> & { readonly folder: string } {
  return {
    name,
    output: name,
    folder,
    emit,
    provenance: (context: TargetContext) => ({ generator: `@codepipeline-partner/codegen ${context.version} (${name} target)`, source: context.modelJson ?? MODEL_JSON }),
  };
}

/** A TypeScript view of one of the Smithy build's documents, made by a third-party tool, written beside that document. */
function view<const Name extends string>(name: Name, output: ToolchainOutput, viewOf: "openapi" | "jsonSchema", tool: string, emit: Target["emit"]): Entry<Name, ToolchainOutput> {
  return { name, output, viewOf, emit, provenance: (context: TargetContext) => ({ generator: `${tool} ${packageVersion(tool)}`, source: context.documentPaths?.[viewOf] ?? output }) };
}

// The TypeScript targets default to src/generated/<target>, where a project keeps its
// sources; the docs go beside the toolchain's documents.
export const TARGETS = [
  own("types", "src/generated/types", async (ir) => (await import("./types.js")).emitTypes(ir)),
  own("validators", "src/generated/validators", async (ir, context) => (await import("./validators.js")).emitValidators(ir, context.imports)),
  own("client", "src/generated/client", async (ir, context) => (await import("./client.js")).emitClient(ir, context)),
  own("server", "src/generated/server", async (ir, context) => (await import("./server.js")).emitServer(ir, context.imports)),
  own("docs", "generated/docs", async (ir) => (await import("./docs.js")).emitDocs(ir)),
  view("openapi-typescript", "openapi", "openapi", "openapi-typescript", async (ir, context) => (await import("./openapi-typescript.js")).emitOpenapiTypescript(ir, context)),
  view("json-schema-to-typescript", "json-schema", "jsonSchema", "json-schema-to-typescript", async (ir, context) => (await import("./json-schema-to-typescript.js")).emitJsonSchemaTypescript(ir, context)),
] as const;
// Every entry is a Target (checked here: `satisfies` above would make OutputName depend on itself).
TARGETS satisfies readonly Target[];

export type TargetName = (typeof TARGETS)[number]["name"];

/** The targets that write an output of their own, each with that output's default folder (the others view a toolchain output). */
export const OWN_OUTPUT_TARGETS = TARGETS.filter((target): target is Extract<(typeof TARGETS)[number], { folder: string }> => target.folder !== undefined);

/** Every output's name: the toolchain's and our own targets'. */
export type OutputName = ToolchainOutput | (typeof TARGETS)[number]["output"];
