// openapi-typescript and json-schema-to-typescript print a schema's description as
// TSDoc but drop its constraints. Appending them as tags to the description (in memory,
// never in the committed JSON) lets an editor's hover show the bounds too.
const CONSTRAINT_KEYWORDS = [
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A deep copy of a JSON Schema (or OpenAPI) document with constraints added as TSDoc tags. */
export function withConstraintTags<T>(document: T): T {
  return annotate(structuredClone(document) as Json) as T;
}

function annotate(node: Json): Json {
  if (Array.isArray(node)) {
    node.forEach(annotate);
  } else if (node !== null && typeof node === "object") {
    const tags = CONSTRAINT_KEYWORDS.filter((keyword) => keyword in node && typeof node[keyword] !== "object").map(
      (keyword) => `@${keyword} ${String(node[keyword])}`,
    );
    if (tags.length > 0 && typeof node.type === "string") {
      const description = typeof node.description === "string" ? `${node.description}\n` : "";
      node.description = `${description}${tags.join("\n")}`;
    }
    Object.values(node).forEach(annotate);
  }
  return node;
}
