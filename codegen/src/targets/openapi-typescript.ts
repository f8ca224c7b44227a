// The OpenAPI document's TypeScript view, as openapi-typescript sees it.
import openapiTS, { astToString } from "openapi-typescript";
import type { OpenAPI3 } from "openapi-typescript";
import { GenerateError } from "../errors.js";
import type { ModelIR } from "../ir/types.js";
import { withConstraintTags } from "./constraint-docs.js";
import { serviceFileName } from "./names.js";
import type { GeneratedFile, TargetContext } from "./target.js";

export async function emitOpenapiTypescript(ir: ModelIR, context: TargetContext): Promise<GeneratedFile[]> {
  if (!context.documents?.openapi) throw new GenerateError("openapi-typescript: needs the Smithy build's OpenAPI document.");
  const ast = await openapiTS(withConstraintTags(context.documents.openapi) as unknown as OpenAPI3, {
    exportType: false,
    alphabetize: false,
  });
  return [{ path: `${serviceFileName(ir)}.d.ts`, contents: astToString(ast) }];
}
