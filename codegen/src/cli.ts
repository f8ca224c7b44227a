// `npm run generate` and `npm run check`.
import { parseArgs } from "node:util";
import { GenerateError } from "./errors.js";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { codegenSettings, configuredService, readBuildConfig } from "./build-config.js";
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

options:
  --root DIR     the project to generate for (default: the current folder)
  --no-cache     rebuild with Smithy even when the model is unchanged since the last build
  --service ID   the service to generate when the model has several (a shape ID, like com.example#MyService);
                 overrides "codegen": { "service": ... } in smithy-build.json
  --help         this text; \`<command> --help\` for one command`;

/** Each command's own usage, for `<command> --help`. */
const COMMAND_USAGE: Record<string, string> = {
  generate: `usage: ${PROGRAM} generate [--watch] [--no-cache] [--service ID] [--root DIR]

Builds the model (model/, smithy-build.json) with Smithy and writes every generated file that changed.
  --watch        keep running and regenerate on every change under model/
  --no-cache     rebuild with Smithy even when the model is unchanged since the last build
  --service ID   the service to generate when the model has several
  --root DIR     the project to generate for (default: the current folder)`,
  check: `usage: ${PROGRAM} check [--no-cache] [--service ID] [--root DIR]

Regenerates in memory; exits 1 naming each generated file that differs from the disk.
  --no-cache     rebuild with Smithy even when the model is unchanged since the last build
  --service ID   the service to generate when the model has several
  --root DIR     the project to check (default: the current folder)`,
  scaffold: `usage: ${PROGRAM} scaffold <dir> [--worker] [--name N] [--dry-run] [--service ID] [--root DIR]

Creates a server project for the model in <dir>, or brings one scaffold made up to date.
  --worker       a partner job-worker project instead (models with the partner job operations)
  --name N       the project's package name (default: the folder's name)
  --dry-run      say what would change, write nothing
  --service ID   the service to scaffold when the model has several
  --root DIR     the project whose generated model to read (default: the current folder)`,
};

/** Node's parseArgs refusals (an unknown flag, a flag missing its value): the user's mistake, not a bug. */
function isArgumentError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | undefined)?.code;
  return error instanceof TypeError && typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_");
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    if (!isArgumentError(error)) throw error;
    // Node's hint about '--' is no help to someone who mistyped a flag.
    console.error(`error: ${error.message.split("\n")[0]!.replace(/\. To specify a positional argument.*$/, "")}\n`);
    console.error(COMMAND_USAGE[argv.find((arg) => !arg.startsWith("-")) ?? ""] ?? USAGE);
    return 2;
  }
  const { positionals, values } = parsed;
  const command = positionals[0];
  if (values.help || !command) {
    console.log((command && COMMAND_USAGE[command]) || USAGE);
    return command || values.help ? 0 : 2;
  }
  const root = path.resolve(values.root ?? process.cwd());
  return run(command, positionals, values, root);
}

const OPTIONS = {
  root: { type: "string" },
  "no-cache": { type: "boolean", default: false },
  help: { type: "boolean", default: false },
  watch: { type: "boolean", default: false },
  "dry-run": { type: "boolean", default: false },
  name: { type: "string" },
  service: { type: "string" },
  worker: { type: "boolean", default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>["values"];

async function run(command: string, positionals: string[], values: Values, root: string): Promise<number> {
  const log = (line: string) => console.error(line);
  const started = performance.now();

  switch (command) {
    case "generate": {
      if (values.watch) return (await import("./watch.js")).watch(log, { root, service: values.service });
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
    case "check": {
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
    case "scaffold": {
      const dir = positionals[1];
      if (!dir) {
        console.error(`scaffold needs a folder\n\n${USAGE}`);
        return 2;
      }
      // The model's JSON AST, where the project's codegen section puts it, as `generate` wrote it.
      const configPath = path.join(root, BUILD_CONFIG);
      if (!existsSync(configPath)) throw new GenerateError(`${configPath} is missing: scaffold reads the project's model as \`generate\` built it; name the project with --root.`);
      const config = await readBuildConfig(configPath);
      const { layout } = codegenSettings(config, configPath);
      const modelPath = path.join(root, outputPaths("", layout).model);
      if (!existsSync(modelPath)) throw new GenerateError(`${modelPath} is missing: run \`generate\` in the project first, or name the project with --root.`);
      let ast: JsonAst;
      try {
        ast = JSON.parse(await readFile(modelPath, "utf8")) as JsonAst;
      } catch (error) {
        throw new GenerateError(`${modelPath} is not valid JSON (${(error as Error).message}): run \`generate\` in the project again.`);
      }
      const version = (JSON.parse(await readFile(path.join(import.meta.dirname, "..", "package.json"), "utf8")) as { version: string }).version;
      const { scaffold, ScaffoldError } = await import("./scaffold/scaffold.js");
      let report;
      try {
        const service = configuredService(config, configPath, values.service);
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
    default:
      console.error(`unknown command '${command}'\n\n${USAGE}`);
      return 2;
  }
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
