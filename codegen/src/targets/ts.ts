// Shared ts-morph plumbing for the TypeScript targets: one in-memory project, files built
// from structures, and TSDoc assembled from the model's documentation and constraints.
import { Project, StructureKind, type CodeBlockWriter, type JSDocStructure, type OptionalKind, type StatementStructures } from "ts-morph";
import type { Annotations, Constraints, Shape } from "../ir/types.js";

const project = new Project({
  useInMemoryFileSystem: true,
  skipFileDependencyResolution: true,
  compilerOptions: { strict: true },
});

/**
 * ts-morph's printer of source-file structures. `createSourceFile` would run the same
 * printer and then parse its text into a syntax tree we never read (two thirds of the
 * cost, and most of the garbage), so we call the printer directly. It is not in
 * ts-morph's typings; the exact ts-morph version in package.json keeps it stable.
 */
const printers = (project as unknown as { _context: { structurePrinterFactory: StructurePrinterFactory } })._context.structurePrinterFactory;

interface StructurePrinterFactory {
  forSourceFile(options: { isAmbient: boolean }): { printText(writer: CodeBlockWriter, structure: { statements: Array<string | StatementStructures> }): void };
}

/** The text of a file built from ts-morph statement structures. */
export function printStatements(filePath: string, statements: Array<string | StatementStructures>): string {
  const writer = project.createWriter();
  printers.forSourceFile({ isAmbient: filePath.endsWith(".d.ts") }).printText(writer, { statements });
  return writer.toString();
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
