#!/usr/bin/env node
// `codepipeline-partner-emulator [--port N] [--jobs FILE] [--state FILE] [timeouts] [credentials] [--quiet]`
// (the server package's bin; `npm run serve -- ...` in this repository): the emulator on
// 127.0.0.1. Prints `listening on URL` on stdout, and one line per request on stderr.
import { readFile } from "node:fs/promises";
import { createEmulator, parseJobEntries, type JobEntry } from "./index.js";
import { formatRequestLog, parseServeOptions, USAGE, UsageError } from "./serve-options.js";

async function main(): Promise<void> {
  const options = await parseServeOptions(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(USAGE);
    return;
  }

  const jobs = options.jobsFile === undefined ? [] : await readJobsFile(options.jobsFile);
  const emulator = createEmulator({
    jobs,
    ...(options.stateFile !== undefined ? { stateFile: options.stateFile } : {}),
    timeouts: {
      ...(options.dispatchTimeoutMs !== undefined ? { dispatchMs: options.dispatchTimeoutMs } : {}),
      ...(options.jobTimeoutMs !== undefined ? { jobMs: options.jobTimeoutMs } : {}),
    },
  });

  const secrets = new Map(options.credentials.map((credential) => [credential.accessKeyId, credential.secretAccessKey]));
  const server = await emulator.listen({
    port: options.port,
    host: "127.0.0.1",
    admin: options.admin,
    ...(secrets.size > 0 ? { authenticate: { secretFor: (id: string) => secrets.get(id) } } : {}),
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
    const count = emulator.store.all().length;
    console.error(`${count} job${count === 1 ? "" : "s"}${options.stateFile ? `, state kept in ${options.stateFile}` : ""}${options.admin ? `; admin routes at ${server.url}/_emulator/jobs` : ""}`);
  }
  console.log(`listening on ${server.url}`);
  const stop = () =>
    void server.close().then(() => {
      emulator.close(); // the state file's lock
      process.exit(0);
    });
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

async function readJobsFile(file: string): Promise<JobEntry[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new Error(`Cannot read the jobs file ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`The jobs file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseJobEntries(parsed, file, { requireId: true });
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`error: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
