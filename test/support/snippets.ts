// TypeScript snippets from Markdown, type-checked as modules of this repository: with the
// root tsconfig.json, against the workspace packages' sources, from memory (nothing is
// written), so a README's examples cannot drift from the API they show. Also a whole
// project checked as tsc -p would, in this process.
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { REPO_ROOT } from "./repo.js";

export interface Snippet {
  /** The heading the block sits under, for test names. */
  heading: string;
  /** Declarations for what the example leaves to the reader (`job`, `implementation`): an HTML comment `<!-- ts-prelude: ... -->` right before the block. */
  prelude: string;
  code: string;
}

/** Every ```ts block of a Markdown file, in order. */
export function markdownSnippets(file: string): Snippet[] {
  const text = readFileSync(path.join(REPO_ROOT, file), "utf8");
  const snippets: Snippet[] = [];
  let heading = "(top)";
  const pattern = /^(#{1,6} .*)$|(?:<!-- ts-prelude: ([^]*?) -->\n)?```ts\n([^]*?)```/gm;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[1] !== undefined) heading = match[1].replace(/^#+ /, "");
    else snippets.push({ heading, prelude: match[2] ?? "", code: match[3]! });
  }
  return snippets;
}

// Files from disk (the libs, @types/node, the packages' sources), parsed once per worker:
// the unit project shares modules between test files, so every program after the first
// parses only its own files. A file whose text changed (watch mode) is parsed again. Files
// are shared only between programs whose options parse and bind alike (the language
// service's DocumentRegistry key), since a program binds the files it is given.
const parsed = new Map<string, ts.SourceFile>();
const registry = ts.createDocumentRegistry();

/** The compiler options of a tsconfig.json, as tsc reads them (with its `extends`). */
function parseConfig(tsconfig: string): ts.ParsedCommandLine {
  return ts.getParsedCommandLineOfConfigFile(tsconfig, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  })!;
}

const DECLARATION = /\.d\.[cm]?ts$/;

/** A compiler host that reads `files` (absolute path -> text) from memory and the rest from disk, parsed once. */
function cachingHost(options: ts.CompilerOptions, files: Map<string, string>): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  const settings = registry.getKeyForCompilationSettings(options);
  // noFallthroughCasesInSwitch is reported while binding, so it is part of the key, but a
  // declaration file has no switch to bind: the libs and @types/node parsed for the
  // repository's options serve the strict consumer's too (a second parse of them was about
  // a second of each unit worker's time).
  const declarationSettings = registry.getKeyForCompilationSettings({ ...options, noFallthroughCasesInSwitch: undefined });
  const dirs = new Set([...files.keys()].map((file) => path.dirname(file)));
  host.directoryExists = (name) => dirs.has(name) || directoryExists?.call(host, name) !== false;
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, version, ...rest) => {
    const text = files.get(name);
    if (text !== undefined) return ts.createSourceFile(name, text, version);
    const key = `${DECLARATION.test(name) ? declarationSettings : settings}\0${name}\0${typeof version === "object" ? `${version.languageVersion}/${version.impliedNodeFormat}` : version}`;
    const cached = parsed.get(key);
    if (cached && cached.text === readFile.call(host, name)) return cached;
    const file = getSourceFile.call(host, name, version, ...rest);
    if (file) parsed.set(key, file);
    return file;
  };
  return host;
}

/** A diagnostic as `<name>:<line>: <message>`. */
export function formatDiagnostic(diagnostic: ts.Diagnostic, name: string): string {
  const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0;
  return `${name}:${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
}

/**
 * tsc's errors in each of the files (absolute path -> text), compiled together in memory,
 * one program for all of them: as `<name>:<line>: <message>`, by file.
 */
export function typeErrorsByFile(files: Map<string, string>): Map<string, string[]> {
  const options = { ...parseConfig(path.join(REPO_ROOT, "tsconfig.json")).options, noEmit: true };
  const program = ts.createProgram({ rootNames: [...files.keys()], options, host: cachingHost(options, files) });
  const errors = new Map<string, string[]>();
  for (const file of files.keys()) {
    errors.set(
      file,
      ts.getPreEmitDiagnostics(program, program.getSourceFile(file)!).map((diagnostic) => formatDiagnostic(diagnostic, path.basename(file))),
    );
  }
  return errors;
}

/**
 * What `tsc -p <tsconfig> --noEmit` finds, without starting a tsc process (whose start and
 * parse of the libs cost seconds): every file of the project checked, with `files`
 * (absolute path -> text) added to it from memory. With `check`, only the files it accepts
 * are checked (plus the options' and global errors): a file's errors are the same either
 * way, and the sources it imports are then only read for their types, not checked whole
 * (half of a generated project's check is the runtime's own sources).
 */
export function projectDiagnostics(
  tsconfig: string,
  files = new Map<string, string>(),
  check?: (fileName: string) => boolean,
): { project: ts.ParsedCommandLine; diagnostics: ts.Diagnostic[] } {
  const project = parseConfig(tsconfig);
  const options = { ...project.options, noEmit: true };
  const rootNames = [...project.fileNames, ...files.keys()];
  const program = ts.createProgram({ rootNames, options, host: cachingHost(options, files), projectReferences: project.projectReferences });
  if (!check) return { project, diagnostics: [...project.errors, ...ts.getPreEmitDiagnostics(program)] };
  const diagnostics = [...project.errors, ...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  for (const file of program.getSourceFiles()) {
    if (check(file.fileName)) diagnostics.push(...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file));
  }
  return { project, diagnostics };
}

/**
 * What `tsc -p <tsconfig> --noEmit` reports, as `<path from the tsconfig's folder>:<line>: <message>`;
 * with `check`, for the files it accepts (their paths from the tsconfig's folder) only.
 */
export function projectTypeErrors(tsconfig: string, check?: (relativePath: string) => boolean): string[] {
  const relative = (fileName: string) => path.relative(path.dirname(tsconfig), fileName);
  const where = (diagnostic: ts.Diagnostic) => (diagnostic.file ? relative(diagnostic.file.fileName) : path.basename(tsconfig));
  const accepts = check && ((fileName: string) => check(relative(fileName)));
  return projectDiagnostics(tsconfig, undefined, accepts).diagnostics.map((diagnostic) => formatDiagnostic(diagnostic, where(diagnostic)));
}

/** tsc's errors in `check`, compiled with the other files. */
export function typeErrors(files: Map<string, string>, check: string): string[] {
  return typeErrorsByFile(files).get(check) ?? [];
}
