// Emitted TypeScript, checked and read with the compiler in memory: no files, no tsc process.
import { Node, Project, ts } from "ts-morph";

const project = new Project({
  useInMemoryFileSystem: true,
  compilerOptions: {
    strict: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts"],
    noEmit: true,
    // The programs here are .ts files only; re-checking the standard library's .d.ts for each
    // one was half of types.test.ts's time (~0.9 s -> ~0.45 s).
    skipLibCheck: true,
  },
});

/**
 * The compiler's errors for a program of these files (`name.ts` to code), as
 * `name.ts:line: message`. Usage code marks each line that must not compile with
 * `// @ts-expect-error`, so an empty list means: everything that should compile does,
 * and everything that should not does not.
 */
export function typeErrors(files: Record<string, string>): string[] {
  const sources = Object.entries(files).map(([name, code]) => project.createSourceFile(`/${name}`, code, { overwrite: true }));
  try {
    return project.getPreEmitDiagnostics().map((diagnostic) => {
      const file = diagnostic.getSourceFile()?.getBaseName() ?? "(program)";
      const message = ts.flattenDiagnosticMessageText(diagnostic.compilerObject.messageText, "\n");
      return `${file}:${diagnostic.getLineNumber() ?? 0}: ${message}`;
    });
  } finally {
    for (const source of sources) project.removeSourceFile(source);
  }
}

/**
 * The lines of one top-level declaration (interface, type alias or const) in a file,
 * with its TSDoc: what a reader of the generated file sees for that name.
 */
export function declarationLines(code: string, name: string): string[] {
  const file = project.createSourceFile("/declarations.ts", code, { overwrite: true });
  try {
    const found = file.getStatements().filter((statement) => {
      if (Node.isInterfaceDeclaration(statement) || Node.isTypeAliasDeclaration(statement)) return statement.getName() === name;
      if (Node.isVariableStatement(statement)) return statement.getDeclarations().some((d) => d.getName() === name);
      return false;
    });
    if (found.length === 0) throw new Error(`No declaration named ${name} in:\n${code}`);
    return found.flatMap((statement) => statement.getText(true).split("\n"));
  } finally {
    project.removeSourceFile(file);
  }
}

/** The names a file declares at its top level, in order. */
export function declaredNames(code: string): string[] {
  const file = project.createSourceFile("/names.ts", code, { overwrite: true });
  try {
    return file.getStatements().flatMap((statement) => {
      if (Node.isInterfaceDeclaration(statement) || Node.isTypeAliasDeclaration(statement)) return [statement.getName()];
      if (Node.isVariableStatement(statement)) return statement.getDeclarations().map((d) => `const ${d.getName()}`);
      return [];
    });
  } finally {
    project.removeSourceFile(file);
  }
}
