// `npm run generate` and `npm run check`.
import { parseArgs } from "node:util";
import { GenerateError } from "./errors.js";
import { OWNED_DIRS, REPO_ROOT, runPipeline } from "./pipeline.js";
import { findDrift, writeGenerated } from "./writer.js";

const USAGE = `usage: cli.ts <command> [options]

commands:
  generate     build the model with Smithy and write every generated file that changed
  check        regenerate in memory; exit 1 naming each file that differs from the disk

options:
  --no-cache   rebuild with Smithy even when the model is unchanged since the last build`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { "no-cache": { type: "boolean", default: false }, help: { type: "boolean", default: false } },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const log = (line: string) => console.error(line);
  const started = performance.now();

  switch (command) {
    case "generate": {
      const { files, smithyFromCache } = await runPipeline({ useCache: !values["no-cache"], log });
      const report = await writeGenerated(REPO_ROOT, files, OWNED_DIRS);
      for (const file of report.written) console.log(`wrote   ${file}`);
      for (const file of report.deleted) console.log(`deleted ${file}`);
      const ms = Math.round(performance.now() - started);
      console.log(
        `generate: ${report.written.length} written, ${report.deleted.length} deleted, ${report.unchanged} unchanged ` +
          `(${smithyFromCache ? "model unchanged, Smithy build reused" : "Smithy build ran"}; ${ms} ms)`,
      );
      return 0;
    }
    case "check": {
      const { files } = await runPipeline({ useCache: !values["no-cache"], log });
      const drift = await findDrift(REPO_ROOT, files, OWNED_DIRS);
      if (drift.length === 0) {
        console.log(`check: all ${files.length} generated files match the model`);
        return 0;
      }
      const describe = { changed: "differs from what the model produces", missing: "is missing", stale: "is not produced by the model" };
      for (const { path, kind } of drift) console.error(`check: ${path} ${describe[kind]}`);
      console.error(`check: ${drift.length} file(s) out of date; run \`npm run generate\` and commit the result.`);
      return 1;
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
