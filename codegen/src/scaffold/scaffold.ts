// `scaffold <dir>`: creates a runnable project for the model, a server or (`--worker`) a
// partner job worker, and on later runs reconciles it with the model by editing syntax
// trees, never by overwriting files. A file the user owns is created once and afterwards
// only ever gains lines.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { Project, SyntaxKind, type ObjectLiteralExpression, type SourceFile } from "ts-morph";
import type { ModelIR, Operation } from "../ir/types.js";
import { clientClassName, functionName, methodName, serviceInterfaceName } from "../targets/names.js";
import {
  dependencyRange,
  HANDLER_MARKER,
  insideRepo,
  MARKER,
  markedKind,
  NODE_TYPES_RANGE,
  packageJson,
  REWRITTEN_HEADER,
  ScaffoldError,
  tsconfig,
  TSX_RANGE,
  tsxScripts,
  TYPESCRIPT_RANGE,
  type FileStatus,
  type ProjectFiles,
  type ProjectKind,
  type ScaffoldOptions,
  type ScaffoldReport,
} from "./project.js";
import { generatedImports, type GeneratedImports } from "./generated-imports.js";
import { sampleSource, sampleStructure } from "./sample-values.js";
import { missingJobOperations, scaffoldWorker } from "./worker-project.js";

export { ScaffoldError, type FileStatus, type ProjectKind, type ScaffoldOptions, type ScaffoldReport };

const SERVICE_FILE = "src/service.ts";

export async function scaffold(ir: ModelIR, dir: string, options: ScaffoldOptions): Promise<ScaffoldReport> {
  const root = path.resolve(dir);
  const kind = options.kind ?? "server";
  if (kind === "worker") {
    const missing = missingJobOperations(ir);
    if (missing.length > 0) {
      throw new ScaffoldError(
        `--worker needs the partner job operations (a job worker polls for jobs, acknowledges them and reports their results with them), and service ${ir.service.id} lacks ${missing.join(", ")}; scaffold a server for it instead (without --worker).`,
      );
    }
  }
  const report: ScaffoldReport = { kind, files: [], failed: false };
  const manifestPath = path.join(root, "package.json");
  const existing = existsSync(manifestPath);
  if (existing) {
    let manifest: Record<string, unknown>;
    try {
      manifest = JSON.parse(await readFile(manifestPath, "utf8")) as Record<string, unknown>;
    } catch (error) {
      throw new ScaffoldError(`${manifestPath} is not valid JSON (${(error as Error).message}); fix it, or scaffold into an empty or new folder.`);
    }
    if (!manifest[MARKER]) {
      throw new ScaffoldError(`${root} holds a project that scaffold did not create (its package.json has no "${MARKER}" entry); scaffold into an empty or new folder.`);
    }
    const found = markedKind(manifest[MARKER]);
    if (found === undefined) {
      throw new ScaffoldError(`${manifestPath}: "${MARKER}.kind" must be "server" or "worker"; got ${JSON.stringify((manifest[MARKER] as { kind?: unknown }).kind)}.`);
    }
    if (found !== kind) {
      throw new ScaffoldError(
        `${root} is a ${found} project; scaffold would bring it up to date as a ${kind} one. Run scaffold ${found === "worker" ? "with" : "without"} --worker on it, or scaffold the ${kind} into another folder.`,
      );
    }
  } else if (existsSync(root) && (await readdir(root)).length > 0) {
    throw new ScaffoldError(`${root} is not empty and has no package.json from scaffold; scaffold into an empty or new folder.`);
  }

  const files = projectFiles(root, options, report);
  const name = options.name ?? path.basename(root);
  if (kind === "worker") await scaffoldWorker(ir, { root, name, options, files });
  else await scaffoldServer(ir, root, name, options, files, report);
  return report;
}

function projectFiles(root: string, options: ScaffoldOptions, report: ScaffoldReport): ProjectFiles {
  const write = async (relative: string, contents: string) => {
    if (options.dryRun) return;
    const target = path.join(root, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, contents);
  };
  return {
    write,
    async createOnce(relative, contents) {
      if (existsSync(path.join(root, relative))) {
        report.files.push({ path: relative, status: "unchanged" });
        return;
      }
      await write(relative, contents());
      report.files.push({ path: relative, status: "created" });
    },
    async regenerate(relative, contents, takenOver) {
      const target = path.join(root, relative);
      const before = existsSync(target) ? await readFile(target, "utf8") : undefined;
      if (before === contents) {
        report.files.push({ path: relative, status: "unchanged" });
        return;
      }
      if (before !== undefined && !before.startsWith(REWRITTEN_HEADER)) {
        report.files.push({ path: relative, status: "needs attention", note: `you changed its first line, so scaffold no longer rewrites it; ${takenOver}` });
        return;
      }
      await write(relative, contents);
      report.files.push({ path: relative, status: before === undefined ? "created" : "updated" });
    },
  };
}

async function scaffoldServer(ir: ModelIR, root: string, name: string, options: ScaffoldOptions, files: ProjectFiles, report: ScaffoldReport): Promise<void> {
  const { createOnce, regenerate, write } = files;
  // Checked before anything is written: the generated server and client must be somewhere.
  const imports = generatedImports(options);
  const from = (dir: string) => path.join(root, dir);
  await createOnce("package.json", () => serverPackageJson(name, root, options, imports));
  await createOnce("tsconfig.json", () => tsconfig(insideRepo(root, options)));
  await createOnce("README.md", () => readme(ir, name, imports));
  await createOnce("src/main.ts", () => mainFile(ir, imports));
  await regenerate("test/operations.test.ts", testFile(ir, imports.client(from("test")), imports.listen), "add the model's new operations to it by hand");
  for (const operation of ir.operations) {
    await createOnce(handlerPath(operation), () => handlerFile(ir, operation, imports.server(from("src/handlers"))));
  }

  // The wiring: created whole the first time, then only gains what new operations need.
  const servicePath = path.join(root, SERVICE_FILE);
  if (!existsSync(servicePath)) {
    await write(SERVICE_FILE, serviceFile(ir, imports.server(from("src"))));
    report.files.push({ path: SERVICE_FILE, status: "created" });
  } else {
    const result = reconcileService(ir, await readFile(servicePath, "utf8"));
    if (result.text !== undefined) await write(SERVICE_FILE, result.text);
    report.files.push({ path: SERVICE_FILE, status: result.status, ...(result.note ? { note: result.note } : {}) });
    if (result.status === "needs attention") report.failed = true;
  }

  // Handlers of operations the model no longer has stay, for the user to delete.
  const handlersDir = path.join(root, "src", "handlers");
  if (existsSync(handlersDir)) {
    const known = new Set(ir.operations.map((operation) => `${methodName(operation.name)}.ts`));
    for (const file of (await readdir(handlersDir)).sort()) {
      // Only handler modules scaffold made: the user's own helpers there are none of its business.
      if (file.endsWith(".ts") && !known.has(file) && (await readFile(path.join(handlersDir, file), "utf8")).includes(HANDLER_MARKER)) {
        report.files.push({ path: `src/handlers/${file}`, status: "needs attention", note: "its operation is no longer in the model; delete the file and its wiring in src/service.ts" });
      }
    }
  }
}

function handlerPath(operation: Operation): string {
  return `src/handlers/${methodName(operation.name)}.ts`;
}

/** Adds the import and the property of each operation the wiring lacks; touches nothing else. */
function reconcileService(ir: ModelIR, text: string): { status: FileStatus; text?: string; note?: string } {
  const project = new Project({ useInMemoryFileSystem: true, skipFileDependencyResolution: true });
  const file = project.createSourceFile(SERVICE_FILE, text);
  const literal = findServiceLiteral(file, serviceInterfaceName(ir));
  const present = new Set(
    (literal?.getProperties() ?? []).flatMap((property) =>
      property.isKind(SyntaxKind.PropertyAssignment) || property.isKind(SyntaxKind.ShorthandPropertyAssignment) || property.isKind(SyntaxKind.MethodDeclaration)
        ? [property.getName().replace(/^(["'`])(.*)\1$/, "$2")]
        : [],
    ),
  );
  const missing = ir.operations.filter((operation) => !present.has(methodName(operation.name)));
  if (missing.length === 0) return { status: "unchanged" };
  // A spread or a computed key may already supply an operation: adding a later key would override it.
  const opaque = literal?.getProperties().find((property) => property.isKind(SyntaxKind.SpreadAssignment) || property.getFirstChildByKind(SyntaxKind.ComputedPropertyName));
  if (literal && opaque) {
    return {
      status: "needs attention",
      note: `the object typed ${serviceInterfaceName(ir)} uses \`${opaque.getText().slice(0, 40)}\`, so scaffold cannot tell whether ${missing.map((op) => methodName(op.name)).join(", ")} is wired; wire it by hand`,
    };
  }
  if (!literal) {
    return {
      status: "needs attention",
      note: `no object literal typed ${serviceInterfaceName(ir)} was found; wire ${missing.map((op) => methodName(op.name)).join(", ")} by hand`,
    };
  }
  for (const operation of missing) {
    const name = methodName(operation.name);
    const binding = functionName(operation.name);
    const module = `./handlers/${name}.js`;
    if (!file.getImportDeclaration((declaration) => declaration.getModuleSpecifierValue() === module)) {
      const imports = file.getImportDeclarations();
      file.insertImportDeclaration(imports.length, { moduleSpecifier: module, namedImports: [binding] });
    }
    if (binding === name) literal.addShorthandPropertyAssignment({ name });
    else literal.addPropertyAssignment({ name, initializer: binding });
  }
  return { status: "updated", text: file.getFullText(), note: `wired ${missing.map((op) => methodName(op.name)).join(", ")}` };
}

function findServiceLiteral(file: SourceFile, typeName: string): ObjectLiteralExpression | undefined {
  for (const declaration of file.getVariableDeclarations()) {
    if (declaration.getTypeNode()?.getText() !== typeName) continue;
    const initializer = declaration.getInitializer();
    if (initializer?.isKind(SyntaxKind.ObjectLiteralExpression)) return initializer;
  }
  return undefined;
}

function serverPackageJson(name: string, root: string, options: ScaffoldOptions, imports: GeneratedImports): string {
  if (!imports.inPackages) {
    // The project's own generated code, reached by relative paths, brings its imports with it
    // (they resolve from where it is); the scaffold itself imports only the server's runtime.
    return packageJson(name, "server", options, {
      scripts: tsxScripts(insideRepo(root, options), "src/main.ts"),
      dependencies: { "@codepipeline-partner/server": dependencyRange("server", root, options), tsx: TSX_RANGE },
      devDependencies: { typescript: TYPESCRIPT_RANGE, "@types/node": NODE_TYPES_RANGE },
    });
  }
  return packageJson(name, "server", options, {
    scripts: tsxScripts(insideRepo(root, options), "src/main.ts"),
    dependencies: {
      "@codepipeline-partner/server": dependencyRange("server", root, options),
      "@codepipeline-partner/types": dependencyRange("types", root, options),
      tsx: TSX_RANGE,
    },
    devDependencies: { "@codepipeline-partner/client": dependencyRange("client", root, options), typescript: TYPESCRIPT_RANGE, "@types/node": NODE_TYPES_RANGE },
  });
}

function handlerFile(ir: ModelIR, operation: Operation, server: string): string {
  const iface = serviceInterfaceName(ir);
  const name = methodName(operation.name);
  const binding = functionName(operation.name);
  const doc = (operation.documentation ?? operation.name).split("\n").map((line) => `// ${line}`.trimEnd()).join("\n");
  return `${doc}
//
${HANDLER_MARKER} Re-running scaffold never changes it.
import type { ${iface} } from "${server}";

export const ${binding}: ${iface}["${name}"] = async (input, context) => {
  throw new Error(\`${operation.name} is not implemented yet (request \${context.requestId}): write it in src/handlers/${name}.ts\`);
};
`;
}

function serviceFile(ir: ModelIR, server: string): string {
  const iface = serviceInterfaceName(ir);
  const names = ir.operations.map((operation) => ({ name: methodName(operation.name), binding: functionName(operation.name) }));
  return `// Wires the handlers into the server. Scaffold adds the operations the model gains here;
// everything else in this file is yours.
import { create${iface}Handler, type ${iface} } from "${server}";
${names.map(({ name, binding }) => `import { ${binding} } from "./handlers/${name}.js";`).join("\n")}

export const service: ${iface} = {
${names.map(({ name, binding }) => (binding === name ? `  ${name},` : `  ${name}: ${binding},`)).join("\n")}
};

export const handler = create${iface}Handler(service);
`;
}

function mainFile(ir: ModelIR, imports: GeneratedImports): string {
  return `// Starts the server for ${ir.service.title ?? ir.service.name}: PORT (default 8080), HOST (default 127.0.0.1).
import { listen } from "${imports.listen}";
import { handler } from "./service.js";

const server = await listen(handler, { port: Number(process.env.PORT ?? 8080), host: process.env.HOST ?? "127.0.0.1" });
console.log(\`listening on \${server.url}\`);
`;
}

function testFile(ir: ModelIR, clientModule: string, listenModule: string): string {
  const client = clientClassName(ir);
  const calls = ir.operations
    .map(
      (operation) => `
test("${operation.name} is served", async () => {
  const answer = await client.${methodName(operation.name)}(${sampleSource(sampleStructure(ir, operation.input))} as never).catch((error: { name: string }) => error);
  // A result or one of the operation's own errors. An InternalFailure (the handler threw
  // something else, such as the scaffold's "not implemented") fails, as do protocol errors
  // and a ValidationException: the input above is meant to be valid.
  const { name = "", message = "" } = (answer ?? {}) as { name?: string; message?: string };
  assert.ok(!FAILURES.includes(name), \`${operation.name} answered \${name} \${message}: implement it in ${handlerPath(operation)}\`);
});`,
    )
    .join("\n");
  return `${REWRITTEN_HEADER}: put your own tests beside it.
// It starts the server and calls every operation with the generated client.
import { ${client} } from "${clientModule}";
import { listen } from "${listenModule}";
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { handler } from "../src/service.js";

const FAILURES = ["InternalFailure", "UnknownOperationException", "SerializationException", "NotImplementedException", "ValidationException"];
let server: Awaited<ReturnType<typeof listen>>;
let client: ${client};

before(async () => {
  server = await listen(handler, { port: 0 });
  client = new ${client}({ endpoint: server.url, credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" }, maxAttempts: 1 });
});
after(() => server.close());
${calls}
`;
}

function readme(ir: ModelIR, name: string, imports: GeneratedImports): string {
  const generated = imports.inPackages ? "the types package" : "the generated code (run \`generate\` before scaffold)";
  return `# ${name}

A server for ${ir.service.title ?? ir.service.name}, scaffolded from its Smithy model. It speaks
the service's own protocol, so the AWS SDKs and CLI can call it.

- \`src/handlers/\`: one module per operation. Each is yours; write the operation there.
- \`src/service.ts\`: wires the handlers into the server.
- \`src/main.ts\`: starts it (\`PORT\`, \`HOST\`).
- \`test/operations.test.ts\`: calls every operation; scaffold rewrites it, so keep your tests in other files.

\`\`\`sh
npm install
npm start        # listening on http://127.0.0.1:8080
npm test         # starts the server and calls every operation
\`\`\`

When the model changes, run scaffold again on this folder: new operations get a handler
and their wiring, and nothing you wrote is changed. Changed inputs and outputs reach
your handlers through ${generated}, so \`npm run typecheck\` points at what to update.
`;
}
