// The JSON Schema document's TypeScript view, as json-schema-to-typescript sees it.
import { compile, type JSONSchema } from "json-schema-to-typescript";
import { GenerateError } from "../errors.js";
import type { ModelIR } from "../ir/types.js";
import { withConstraintTags } from "./constraint-docs.js";
import { serviceFileName, shapesInterfaceName } from "./names.js";
import type { GeneratedFile, TargetContext } from "./target.js";

/**
 * Smithy's document holds only `$defs`. Its root becomes an interface mapping each
 * shape name to its type (`Shapes["CurrentRevision"]`), instead of an empty object.
 */
export async function emitJsonSchemaTypescript(ir: ModelIR, context: TargetContext): Promise<GeneratedFile[]> {
  const document = context.documents?.jsonSchema;
  if (!document) throw new GenerateError("json-schema-to-typescript: needs the Smithy build's JSON Schema document.");
  const rootName = shapesInterfaceName(ir);
  const defs = Object.keys((document.$defs ?? {}) as Record<string, unknown>);
  const schema = {
    ...withConstraintTags(document),
    title: rootName,
    description: "Every shape of the model, by name.",
    type: "object",
    properties: Object.fromEntries(defs.map((name) => [name, { $ref: `#/$defs/${name}` }])),
    required: defs,
    additionalProperties: false,
  };
  const code = await compile(schema as JSONSchema, rootName, {
    bannerComment: "",
    format: false,
    unreachableDefinitions: true,
    additionalProperties: false,
    strictIndexSignatures: true,
    declareExternallyReferenced: true,
  });
  return [{ path: `${serviceFileName(ir)}.d.ts`, contents: code }];
}
