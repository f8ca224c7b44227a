// The JSON Schema document's TypeScript view, as json-schema-to-typescript sees it.
import { compile, type JSONSchema } from "json-schema-to-typescript";
import { typescriptFile, type GeneratedFile } from "../writer.js";
import { withConstraintTags } from "./constraint-docs.js";
import { packageVersion } from "../versions.js";

/**
 * Smithy's document holds only `$defs`. Its root becomes an interface mapping each
 * shape name to its type (`Shapes["CurrentRevision"]`), instead of an empty object.
 */
export async function jsonSchemaToTypescript(
  document: Record<string, unknown>,
  rootName: string,
  source: string,
  outPath: string,
): Promise<GeneratedFile> {
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
  return typescriptFile(
    outPath,
    { generator: `json-schema-to-typescript ${packageVersion("json-schema-to-typescript")}`, source },
    code,
  );
}
