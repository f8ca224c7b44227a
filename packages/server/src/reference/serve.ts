// `npm run serve -- [--port N] [--jobs FILE] [credentials] [--quiet]`: the reference server
// on 127.0.0.1. Prints `listening on URL` on stdout, and one line per request on stderr.
import { readFile } from "node:fs/promises";
import { createCodePipelineServiceHandler } from "../generated/service.js";
import { listen } from "../runtime/node.js";
import { createReferenceService, JobStore } from "./index.js";
import { formatRequestLog, parseServeOptions, USAGE, UsageError } from "./serve-options.js";

async function main(): Promise<void> {
  const options = await parseServeOptions(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(USAGE);
    return;
  }

  let store = new JobStore();
  if (options.jobsFile) {
    let text: string;
    try {
      text = await readFile(options.jobsFile, "utf8");
    } catch (error) {
      throw new Error(`Cannot read the jobs file ${options.jobsFile}: ${(error as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new Error(`The jobs file ${options.jobsFile} is not valid JSON: ${(error as Error).message}`);
    }
    store = JobStore.fromJson(parsed, options.jobsFile);
  }

  const secrets = new Map(options.credentials.map((credential) => [credential.accessKeyId, credential.secretAccessKey]));
  const handler = createCodePipelineServiceHandler(createReferenceService(store), secrets.size > 0 ? { authenticate: { secretFor: (id) => secrets.get(id) } } : {});
  const server = await listen(handler, {
    port: options.port,
    host: "127.0.0.1",
    ...(options.quiet ? {} : { onResponse: (entry) => process.stderr.write(`${formatRequestLog(entry)}\n`) }),
  });
  if (!options.quiet) {
    if (options.credentialsSource === "--credentials") {
      console.error("note: --credentials shows the secret to anyone who can list processes; prefer --credentials-file or CODEPIPELINE_PARTNER_CREDENTIALS.");
    }
    console.error(
      secrets.size > 0
        ? `verifying SigV4 signatures for ${[...secrets.keys()].join(", ")} (from ${options.credentialsSource})`
        : "not verifying signatures: any caller is let in",
    );
  }
  console.log(`listening on ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`error: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
