// `npm run serve -- --port N [--jobs FILE] [--credentials ACCESS_KEY_ID:SECRET]`: the
// reference server on 127.0.0.1.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { createCodePipelineServiceHandler } from "../generated/service.js";
import { listen } from "../runtime/node.js";
import { createReferenceService, JobStore } from "./index.js";

const USAGE = "usage: npm run serve -- --port N [--jobs FILE] [--credentials ACCESS_KEY_ID:SECRET]";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: "string" }, jobs: { type: "string" }, credentials: { type: "string" }, help: { type: "boolean" } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number from 0 to 65535, not ${JSON.stringify(values.port)}.\n${USAGE}`);

  let store = new JobStore();
  if (values.jobs) {
    let text: string;
    try {
      text = await readFile(values.jobs, "utf8");
    } catch (error) {
      throw new Error(`Cannot read the jobs file ${values.jobs}: ${(error as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new Error(`The jobs file ${values.jobs} is not valid JSON: ${(error as Error).message}`);
    }
    store = JobStore.fromJson(parsed, values.jobs);
  }

  let authenticate;
  if (values.credentials) {
    const [accessKeyId, secret] = values.credentials.split(":");
    if (!accessKeyId || !secret) throw new Error(`--credentials must be ACCESS_KEY_ID:SECRET.\n${USAGE}`);
    authenticate = { secretFor: (id: string) => (id === accessKeyId ? secret : undefined) };
  }

  const handler = createCodePipelineServiceHandler(createReferenceService(store), authenticate ? { authenticate } : {});
  const server = await listen(handler, { port, host: "127.0.0.1" });
  console.log(`listening on ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
