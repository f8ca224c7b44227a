// Shared ts-morph plumbing for the TypeScript targets: one in-memory project, files built
// from structures, and TSDoc assembled from the model's documentation and constraints.
import { Project, StructureKind, type JSDocStructure, type OptionalKind, type StatementStructures } from "ts-morph";
import type { Annotations, Constraints, Shape } from "../ir/types.js";

const project = new Project({
  useInMemoryFileSystem: true,
  skipFileDependencyResolution: true,
  compilerOptions: { strict: true },
});

/** The text of a file built from ts-morph statement structures. */
export function printStatements(filePath: string, statements: Array<string | StatementStructures>): string {
  const file = project.createSourceFile(filePath, { statements }, { overwrite: true });
  const text = file.getFullText();
  project.removeSourceFile(file);
  return text;
}

/** A TSDoc block, or none when there is nothing to say. */
export function docs(lines: Array<string | undefined>): OptionalKind<JSDocStructure>[] {
  const text = lines
    .filter((line): line is string => line !== undefined)
    .join("\n")
    .replace(/\*\//g, "*\\/")
    .trim();
  return text ? [{ kind: StructureKind.JSDoc, description: text }] : [];
}

/** What an editor's hover should tell about a member: its docs, required-ness and bounds. */
export function memberDocs(
  annotations: Annotations,
  options: { required?: boolean; constraints: Constraints; unit: string; extra?: string[] },
): Array<string | undefined> {
  const facts: string[] = [];
  if (options.required !== undefined) facts.push(options.required ? "Required." : "Optional.");
  facts.push(...constraintFacts(options.constraints, options.unit));
  if (annotations.sensitive) facts.push("Sensitive: keep it out of logs and error messages.");
  facts.push(...(options.extra ?? []));
  return [
    annotations.documentation,
    facts.length > 0 && annotations.documentation ? "" : undefined,
    facts.length > 0 ? facts.join(" ") : undefined,
    ...deprecatedTag(annotations),
  ];
}

export function shapeDocs(shape: Shape, extra: string[] = []): Array<string | undefined> {
  return [shape.documentation, extra.length > 0 && shape.documentation ? "" : undefined, ...extra, ...deprecatedTag(shape)];
}

export function constraintFacts(constraints: Constraints, unit: string): string[] {
  const facts: string[] = [];
  const { length, range } = constraints;
  if (length) facts.push(`Length: ${bounds(length.min, length.max)} ${unit}.`);
  if (range) facts.push(`Range: ${bounds(range.min, range.max)}.`);
  if (constraints.pattern !== undefined) facts.push(`Pattern: \`${constraints.pattern}\`.`);
  if (constraints.uniqueItems) facts.push("Items are unique.");
  return facts;
}

function bounds(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${min}` : `${min} to ${max}`;
  return min !== undefined ? `at least ${min}` : `at most ${max}`;
}

function deprecatedTag(annotations: Annotations): string[] {
  if (!annotations.deprecated) return [];
  const { message, since } = annotations.deprecated;
  return [`@deprecated${since ? ` since ${since}.` : ""}${message ? ` ${message}` : ""}`];
}
