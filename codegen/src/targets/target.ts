// What a target is: a named, pure function from the IR (and, for the views of the
// toolchain's documents, those documents) to files under one folder. The pipeline runs
// the registry in ./registry.ts; the writer stamps headers, formats and writes.
import type { ModelIR } from "../ir/types.js";
import type { ImportSpecifiers, OutputName } from "../layout.js";
import type { GeneratedFile, Provenance } from "../writer.js";

export type { GeneratedFile };

/** What every target may know besides the IR. */
export interface TargetContext {
  /** The generator's version, for user agents and headers. */
  version: string;
  /** The Smithy build's documents, for the targets that view them (each absent when only the IR is at hand, or the build has no such plugin). */
  documents?: { openapi?: Record<string, unknown>; jsonSchema?: Record<string, unknown> };
  /** Where those documents were written, relative to the project root, for the views' headers. */
  documentPaths?: { openapi: string; jsonSchema: string };
  /** Where the model's JSON AST was written, relative to the project root, for headers (default: the model output's default folder). */
  modelJson?: string;
  /** What generated code imports the types, validators and runtime by (default: the default layout's). */
  imports?: ImportSpecifiers;
}

export interface Target {
  readonly name: string;
  /** The output whose folder (the layout's, `codegen.output` in smithy-build.json) the target writes; it holds generated files only. */
  readonly output: OutputName;
  /** The output's default folder, relative to the project root, for a target whose output is its own (the views write into a toolchain output's folder). */
  readonly folder?: string;
  /** Set for a view of one of the Smithy build's documents rather than of the IR. */
  readonly viewOf?: "openapi" | "jsonSchema";
  /** Who wrote the files and from what, for their headers. */
  provenance(context: TargetContext): Provenance;
  /** The files, paths relative to the output's folder, unstamped and unformatted. */
  emit(ir: ModelIR, context: TargetContext): GeneratedFile[] | Promise<GeneratedFile[]>;
}
