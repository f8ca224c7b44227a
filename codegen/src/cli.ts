// `npm run generate` and `npm run check`.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { GenerateError } from "./errors.js";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { checkServiceInModel, codegenSettings, configuredService, readBuildConfig } from "./build-config.js";
import { loadModel, type JsonAst } from "./ir/load.js";
import { BUILD_CONFIG } from "./smithy/toolchain.js";
import { outputPaths, runPipeline } from "./pipeline.js";
import { findDrift, writeGenerated } from "./writer.js";
// scaffold and watch are imported where they are used: scaffold loads ts-morph, which a
// `generate` with nothing to do should not pay for.

/** The package's bin; the npm scripts run the same CLI from its sources. */
const PROGRAM = "codepipeline-partner-codegen";

const USAGE = `usage: ${PROGRAM} <command> [options]

commands:
  generate [--watch]                      build the model with Smithy and write every generated file that changed;
                                          --watch regenerates on every change under model/
  check                                   regenerate in memory; exit 1 naming each file that differs from the disk
  scaffold <dir> [--name N] [--dry-run]   create a server project for the model, or bring one up to date;
                                          --worker a partner job-worker project instead

options (\`<command> --help\` lists the ones each command takes):
  --root DIR     the project to generate for (default: the current folder)
  --no-cache     rebuild with Smithy even when the model is unchanged since the last build
  --service ID   the service to generate when the model has several (a shape ID, like com.example#MyService);
                 overrides "codegen": { "service": ... } in smithy-build.json
  --help, -h     this text; \`<command> --help\` for one command`;

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig["options"]>;

const ROOT = { type: "string" } as const;
const HELP = { type: "boolean", short: "h", default: false } as const;
const SERVICE = { type: "string" } as const;
const NO_CACHE = { type: "boolean", default: false } as const;

/**
 * Each command's flags, positionals and usage. A command refuses a flag it does not take
 * (`generate --dry-run` would otherwise write while the user meant it not to).
 */
const COMMANDS = {
  generate: {
    options: { root: ROOT, help: HELP, service: SERVICE, "no-cache": NO_CACHE, watch: { type: "boolean", default: false } },
    positionals: [],
    usage: `usage: ${PROGRAM} generate [--watch] [--no-cache] [--service ID] [--root DIR]

Builds the model (model/, smithy-build.json) with Smithy and writes every generated file that changed.
  --watch        keep running and regenerate on every change under model/
  --no-cache     rebuild with Smithy even when the model is unchanged since the last build (not with --watch)
  --service ID   the service to generate when the model has several
  --root DIR     the project to generate for (default: the current folder)
  --help, -h     this text`,
  },
  check: {
    options: { root: ROOT, help: HELP, service: SERVICE, "no-cache": NO_CACHE },
    positionals: [],
    usage: `usage: ${PROGRAM} check [--no-cache] [--service ID] [--root DIR]

Regenerates in memory; exits 1 naming each generated file that differs from the disk.
  --no-cache     rebuild with Smithy even when the model is unchanged since the last build
  --service ID   the service to generate when the model has several
  --root DIR     the project to check (default: the current folder)
  --help, -h     this text`,
  },
  scaffold: {
    options: {
      root: ROOT,
      help: HELP,
      service: SERVICE,
      worker: { type: "boolean", default: false },
      name: { type: "string" },
      "dry-run": { type: "boolean", default: false },
    },
    positionals: ["<dir>"],
    usage: `usage: ${PROGRAM} scaffold <dir> [--worker] [--name N] [--dry-run] [--service ID] [--root DIR]

Creates a server project for the model in <dir>, or brings one scaffold made up to date.
  --worker       a partner job-worker project instead (models with the partner job operations)
  --name N       the project's package name (default: the folder's name)
  --dry-run      say what would change, write nothing
  --service ID   the service to scaffold when the model has several
  --root DIR     the project whose generated model to read (default: the current folder)
  --help, -h     this text`,
  },
} as const satisfies Record<string, { options: ParseArgsOptionsConfig; positionals: readonly string[]; usage: string }>;

type Command = keyof typeof COMMANDS;
type Values<C extends Command> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: (typeof COMMANDS)[C]["options"] }>>["values"];

/** Every command's flags together: to find the command however the flags are placed. */
const ALL_OPTIONS: ParseArgsOptionsConfig = Object.assign({}, ...Object.values(COMMANDS).map((command) => command.options));

/** A mistake in the command line: one line, then the usage, exit 2. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/** Node's parseArgs refusals (an unknown flag, a flag missing its value): the user's mistake, not a bug. */
function isArgumentError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | undefined)?.code;
  return error instanceof TypeError && typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_");
}

/** Node's own message, without its hint about '--' (no help to someone who mistyped a flag). */
function argumentMessage(error: Error): string {
  return error.message.split("\n")[0]!.replace(/\. To specify a positional argument.*$/, "");
}

async function main(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`error: ${error.message}\n`);
    console.error(error.usage);
    return 2;
  }
}

async function dispatch(argv: string[]): Promise<number> {
  // A lenient pass finds the command: flags may come before it (`--root app generate`).
  const { positionals, tokens } = parseArgs({ args: argv, options: ALL_OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const command = positionals[0];
  if (command === undefined) {
    let values;
    try {
      values = parseArgs({ args: argv, options: ALL_OPTIONS }).values;
    } catch (error) {
      if (isArgumentError(error)) throw new UsageError(argumentMessage(error), USAGE);
      throw error;
    }
    if (!values.help) {
      console.error(USAGE);
      return 2;
    }
    console.log(USAGE);
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, command)) throw new UsageError(`unknown command '${command}'`, USAGE);

  const { options, usage } = COMMANDS[command as Command];
  for (const token of tokens) {
    if (token.kind !== "option" || Object.hasOwn(options, token.name)) continue;
    const takers = Object.entries(COMMANDS).filter(([, other]) => Object.hasOwn(other.options, token.name)).map(([name]) => name);
    throw new UsageError(`${command} does not take ${token.rawName}${takers.length > 0 ? ` (${takers.join(" and ")} ${takers.length > 1 ? "do" : "does"})` : ""}`, usage);
  }
  // parseCommand gives undefined after `--help`, having printed the command's usage.
  switch (command as Command) {
    case "generate": {
      const parsed = parseCommand(argv, "generate");
      return parsed ? generate(parsed) : 0;
    }
    case "check": {
      const parsed = parseCommand(argv, "check");
      return parsed ? check(parsed) : 0;
    }
    case "scaffold": {
      const parsed = parseCommand(argv, "scaffold");
      return parsed ? scaffold(parsed) : 0;
    }
  }
}

interface Parsed<C extends Command> {
  values: Values<C>;
  /** The command's own positionals (the command's name taken off). */
  args: string[];
  root: string;
}

/** The command's own parse: Node's refusals (a flag missing its value...) and the positionals it takes. */
function parseCommand<C extends Command>(argv: string[], command: C): Parsed<C> | undefined {
  const { options, positionals: wanted, usage } = COMMANDS[command];
  let parsed: { values: Values<C>; positionals: string[] };
  try {
    // TypeScript cannot follow parseArgs's result type through the generic C.
    parsed = parseArgs({ args: argv, options, allowPositionals: true }) as unknown as typeof parsed;
  } catch (error) {
    if (isArgumentError(error)) throw new UsageError(argumentMessage(error), usage);
    throw error;
  }
  const values = parsed.values;
  const args = parsed.positionals.slice(1);
  // The flags every command takes.
  const common = values as { help: boolean; root?: string };
  if (common.help) {
    console.log(usage);
    return undefined;
  }
  if (args.length > wanted.length) {
    const extra = args.slice(wanted.length).map((arg) => `'${arg}'`).join(", ");
    throw new UsageError(`${command} takes ${wanted.length === 0 ? "no arguments" : `only ${wanted.join(" ")}`}; found ${extra}${wanted.length === 0 ? "" : " after it"}`, usage);
  }
  if (args.length < wanted.length) throw new UsageError(`${command} needs ${wanted.slice(args.length).join(" ")}`, usage);
  return { values, args, root: path.resolve(common.root ?? process.cwd()) };
}

async function generate({ values, root }: Parsed<"generate">): Promise<number> {
  const log = (line: string) => console.error(line);
  const started = performance.now();
  if (values.watch) {
    // Watch mode reuses unchanged builds between runs; it has no way to be told otherwise.
    if (values["no-cache"]) throw new UsageError("generate --watch does not take --no-cache", COMMANDS.generate.usage);
    return (await import("./watch.js")).watch(log, { root, service: values.service });
  }
  const { files, smithyFromCache, outputsFromCache, ownedDirs } = await runPipeline({ root, useCache: !values["no-cache"], service: values.service, log });
  const report = await writeGenerated(root, files, ownedDirs);
  for (const file of report.written) console.log(`wrote   ${file}`);
  for (const file of report.deleted) console.log(`deleted ${file}`);
  const ms = Math.round(performance.now() - started);
  console.log(
    `generate: ${report.written.length} written, ${report.deleted.length} deleted, ${report.unchanged} unchanged ` +
      `(${smithyFromCache ? "model unchanged, Smithy build reused" : "Smithy build ran"}${outputsFromCache ? ", generator unchanged, outputs reused" : ""}; ${ms} ms)`,
  );
  return 0;
}

async function check({ values, root }: Parsed<"check">): Promise<number> {
  const log = (line: string) => console.error(line);
  const { files, ownedDirs, regenerate } = await runPipeline({ root, useCache: !values["no-cache"], service: values.service, log });
  const drift = await findDrift(root, files, ownedDirs);
  if (drift.length === 0) {
    console.log(`check: all ${files.length} generated files match the model`);
    return 0;
  }
  const describe = { changed: "differs from what the model produces", missing: "is missing", stale: "is not produced by the model" };
  for (const { path, kind } of drift) console.error(`check: ${path} ${describe[kind]}`);
  console.error(`check: ${drift.length} file(s) out of date; run \`${regenerate}\` and commit the result.`);
  return 1;
}

async function scaffold({ values, args, root }: Parsed<"scaffold">): Promise<number> {
  const dir = args[0]!;
  // The model's JSON AST, where the project's codegen section puts it, as `generate` wrote it.
  const configPath = path.join(root, BUILD_CONFIG);
  if (!existsSync(configPath)) throw new GenerateError(`${configPath} is missing: scaffold reads the project's model as \`generate\` built it; name the project with --root.`);
  const config = await readBuildConfig(configPath);
  const { layout } = codegenSettings(config, configPath);
  const modelFile = outputPaths("", layout).model;
  const modelPath = path.join(root, modelFile);
  if (!existsSync(modelPath)) throw new GenerateError(`${modelPath} is missing: run \`generate\` in the project first, or name the project with --root.`);
  let ast: JsonAst;
  try {
    ast = JSON.parse(await readFile(modelPath, "utf8")) as JsonAst;
  } catch (error) {
    throw new GenerateError(`${modelPath} is not valid JSON (${(error as Error).message}): run \`generate\` in the project again.`);
  }
  const version = (JSON.parse(await readFile(path.join(import.meta.dirname, "..", "package.json"), "utf8")) as { version: string }).version;
  const service = configuredService(config, configPath, values.service);
  if (service !== undefined) checkServiceInModel(ast, service, values.service !== undefined ? "--service" : configPath, path.dirname(modelFile));
  const { scaffold, ScaffoldError } = await import("./scaffold/scaffold.js");
  let report;
  try {
    report = await scaffold(loadModel(ast, { service }), dir, {
      repoRoot: root,
      version,
      dryRun: values["dry-run"],
      kind: values.worker ? "worker" : "server",
      layout,
      ...(values.name ? { name: values.name } : {}),
    });
  } catch (error) {
    if (error instanceof ScaffoldError) throw new GenerateError(error.message);
    throw error;
  }
  const width = Math.max(...report.files.map((file) => file.status.length));
  for (const file of report.files) console.log(`${file.status.padEnd(width)}  ${file.path}${file.note ? `  (${file.note})` : ""}`);
  if (values["dry-run"]) console.log("\n--dry-run: nothing was written.");
  else if (report.kind === "worker") console.log(`\nNext:\n  cd ${dir} && npm install && npm test\n  CODEPIPELINE_ACTION_TYPE=Deploy/ThirdParty/MyProvider/1 CODEPIPELINE_CLIENT_TOKEN=... npm start`);
  else console.log(`\nNext:\n  cd ${dir} && npm install && npm start\n  npm test`);
  return report.failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof GenerateError) {
      console.error(`error: ${error.message}`);
      if (error.details) console.error(error.details);
    } else {
      // A bug of ours, not of the user's input: the stack helps whoever fixes it.
      console.error(error);
    }
    process.exit(1);
  },
);
