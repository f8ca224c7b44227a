// The OpenAPI document's TypeScript view, as openapi-typescript sees it.
import openapiTS, { astToString } from "openapi-typescript";
import type { OpenAPI3 } from "openapi-typescript";
import { typescriptFile, type GeneratedFile } from "../writer.js";
import { withConstraintTags } from "./constraint-docs.js";
import { packageVersion } from "../versions.js";

export async function openapiTypescript(
  document: Record<string, unknown>,
  source: string,
  outPath: string,
): Promise<GeneratedFile> {
  const ast = await openapiTS(withConstraintTags(document) as unknown as OpenAPI3, {
    exportType: false,
    alphabetize: false,
  });
  return typescriptFile(
    outPath,
    { generator: `openapi-typescript ${packageVersion("openapi-typescript")}`, source },
    astToString(ast),
  );
}
