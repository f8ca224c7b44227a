// What a target is: a named, pure function from the IR (and, for the views of the
// toolchain's documents, those documents) to files under one folder. The pipeline runs
// the registry in ./registry.ts; the writer stamps headers, formats and writes.
import type { ModelIR } from "../ir/types.js";
import type { GeneratedFile, Provenance } from "../writer.js";

export type { GeneratedFile };

/** What every target may know besides the IR. */
export interface TargetContext {
  /** The generator's version, for user agents and headers. */
  version: string;
  /** The Smithy build's documents, for the targets that view them (absent when only the IR is at hand). */
  documents?: { openapi: Record<string, unknown>; jsonSchema: Record<string, unknown> };
  /** Where those documents were written, relative to the project root, for the views' headers. */
  documentPaths?: { openapi: string; jsonSchema: string };
}

export interface Target {
  readonly name: string;
  /** The folder the target writes, relative to the project root; it holds generated files only. */
  readonly outDir: string;
  /** Set for a view of one of the Smithy build's documents rather than of the IR. */
  readonly viewOf?: "openapi" | "jsonSchema";
  /** Who wrote the files and from what, for their headers. */
  provenance(context: TargetContext): Provenance;
  /** The files, paths relative to `outDir`, unstamped and unformatted. */
  emit(ir: ModelIR, context: TargetContext): GeneratedFile[] | Promise<GeneratedFile[]>;
}
