// `scaffold --worker <dir>`: a partner job-worker project over @codepipeline-partner/worker.
// The user owns src/handle.ts (the work of one job); scaffold owns src/worker.ts (the
// worker wired to the client and configured from the environment, with the action type's
// rules taken from the model) and the test, which runs the worker against the emulator.
import type { EnumShape, Member, ModelIR, StructureShape } from "../ir/types.js";
import { clientClassName } from "../targets/names.js";
import {
  dependencyRange,
  HANDLER_MARKER,
  insideRepo,
  NODE_TYPES_RANGE,
  packageJson,
  REWRITTEN_HEADER,
  ScaffoldError,
  tsconfig,
  TSX_RANGE,
  tsxScripts,
  TYPESCRIPT_RANGE,
  type ProjectFiles,
  type ScaffoldOptions,
} from "./project.js";

/** The operations a job worker calls: without any of them there are no jobs to work on. */
export const JOB_OPERATIONS = ["PollForThirdPartyJobs", "AcknowledgeThirdPartyJob", "GetThirdPartyJobDetails", "PutThirdPartyJobSuccessResult", "PutThirdPartyJobFailureResult"] as const;

/** The range of the AWS SDKs' own credential chain, which a worker project's client uses. */
const CREDENTIAL_PROVIDER_RANGE = "^3.972.0";

const HANDLE_FILE = "src/handle.ts";
const WORKER_FILE = "src/worker.ts";
const TEST_FILE = "test/worker.test.ts";

export function missingJobOperations(ir: ModelIR): string[] {
  const present = new Set(ir.operations.map((operation) => operation.name));
  return JOB_OPERATIONS.filter((name) => !present.has(name));
}

export interface WorkerProject {
  root: string;
  name: string;
  options: ScaffoldOptions;
  files: ProjectFiles;
}

export async function scaffoldWorker(ir: ModelIR, { root, name, options, files }: WorkerProject): Promise<void> {
  const inside = insideRepo(root, options, "worker");
  const parts = actionTypeParts(ir);
  await files.createOnce("package.json", () => workerPackageJson(name, root, options, inside));
  await files.createOnce("tsconfig.json", () => tsconfig(inside));
  await files.createOnce("README.md", () => readme(ir, name));
  await files.createOnce(HANDLE_FILE, handleFile);
  await files.regenerate(WORKER_FILE, workerFile(ir, parts), "bring scaffold's later changes to it over by hand");
  await files.regenerate(TEST_FILE, testFile(ir), "bring scaffold's later changes to it over by hand");
}

/** One part of `Category/Owner/Provider/Version`: the ActionTypeId member, as the model constrains it. */
interface ActionTypePart {
  name: string;
  values?: string[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

/** The members of the action type PollForThirdPartyJobs takes, in the model's order. */
function actionTypeParts(ir: ModelIR): ActionTypePart[] {
  const poll = ir.operations.find((operation) => operation.name === "PollForThirdPartyJobs");
  const input = poll?.input ? ir.shapes.get(poll.input) : undefined;
  const member = input?.kind === "structure" ? input.members.find((candidate) => candidate.name === "actionTypeId") : undefined;
  const actionType = member ? ir.shapes.get(member.target) : undefined;
  if (actionType?.kind !== "structure") {
    throw new ScaffoldError(`--worker needs PollForThirdPartyJobs's input to have an actionTypeId structure, as CodePipeline's does; service ${ir.service.id}'s has none.`);
  }
  return (actionType as StructureShape).members.map((part: Member) => {
    const target = ir.shapes.get(part.target);
    if (target?.kind === "enum") return { name: part.name, values: (target as EnumShape).values.map((value) => value.value) };
    const { length, pattern } = part.constraints;
    return {
      name: part.name,
      ...(length?.min !== undefined ? { minLength: length.min } : {}),
      ...(length?.max !== undefined ? { maxLength: length.max } : {}),
      ...(pattern !== undefined ? { pattern } : {}),
    };
  });
}

/** The SDKs' service-specific endpoint variable: AWS_ENDPOINT_URL_ and the sdkId, upper case, spaces as underscores. */
function endpointVariable(ir: ModelIR): string {
  return `AWS_ENDPOINT_URL_${(ir.service.sdkId ?? ir.service.name).toUpperCase().replace(/ /g, "_")}`;
}

function workerPackageJson(name: string, root: string, options: ScaffoldOptions, inside: boolean): string {
  return packageJson(name, "worker", options, {
    scripts: tsxScripts(inside, WORKER_FILE),
    dependencies: {
      "@aws-sdk/credential-provider-node": CREDENTIAL_PROVIDER_RANGE,
      "@codepipeline-partner/client": dependencyRange("client", root, options),
      "@codepipeline-partner/worker": dependencyRange("worker", root, options),
      tsx: TSX_RANGE,
    },
    // The server package holds the emulator the test runs the worker against.
    devDependencies: { "@codepipeline-partner/server": dependencyRange("server", root, options), "@types/node": NODE_TYPES_RANGE, typescript: TYPESCRIPT_RANGE },
  });
}

function handleFile(): string {
  return `// The work of one job of your action: deploy, build, test, whatever the action does.
// Return what became of it; a thrown error is reported as a failure (its message, no stack).
//
${HANDLER_MARKER} Re-running scaffold never changes it.
import type { JobOutcome, WorkerJob } from "@codepipeline-partner/worker";

export async function handle(job: WorkerJob): Promise<JobOutcome> {
  // What the job gives you (job.data): the action's configuration as the pipeline's owner set
  // it (actionConfiguration.configuration), the input and output artifacts and the
  // credentials to reach them, and continuationToken when this job continues an earlier one.
  // job.signal is aborted when the worker gives up on the job (stopped, grace period over).
  //
  // Return { outcome: "success", executionDetails: { summary: "..." } } when the work is done,
  // { outcome: "continue", continuationToken: "..." } when it goes on (a later job gets the
  // token back), or { outcome: "failure", type: "JobFailed", message: "..." }.
  throw new Error(\`handle is not implemented yet (job \${job.id}): write the job's work in src/handle.ts\`);
}
`;
}

function workerFile(ir: ModelIR, parts: ActionTypePart[]): string {
  const endpoint = endpointVariable(ir);
  const format = parts.map((part) => part.name.charAt(0).toUpperCase() + part.name.slice(1)).join("/");
  const partLines = parts.map((part) => {
    const fields = [`name: "${part.name}"`];
    if (part.values) fields.push(`values: [${part.values.map((value) => JSON.stringify(value)).join(", ")}]`);
    if (part.minLength !== undefined) fields.push(`minLength: ${part.minLength}`);
    if (part.maxLength !== undefined) fields.push(`maxLength: ${part.maxLength}`);
    if (part.pattern !== undefined) fields.push(`pattern: ${JSON.stringify(part.pattern)}`);
    return `  { ${fields.join(", ")} },`;
  });
  return `${REWRITTEN_HEADER}: change this line to keep your own version.
// Runs the job worker: it polls ${ir.service.title ?? ir.service.name} for jobs of your action type and
// runs src/handle.ts on each, reporting every job once. \`npm start\` reads the environment:
//
//   CODEPIPELINE_ACTION_TYPE    the action type, as ${format} (e.g. Deploy/ThirdParty/MyProvider/1)
//   CODEPIPELINE_CLIENT_TOKEN   the client token your action's jobs come with, when every customer's is the same
//   CODEPIPELINE_CLIENT_TOKENS  or one per customer: a JSON object {"<client ID>": "<client token>"}, or the path of a file holding one
//   CODEPIPELINE_CONCURRENCY    most jobs at once (default 1)
//   ${endpoint.padEnd(26)}  another endpoint, such as the emulator (\`npx codepipeline-partner-emulator --port 8080\`); else AWS_ENDPOINT_URL
//   AWS_REGION, and credentials wherever the AWS SDKs look (AWS_ACCESS_KEY_ID..., AWS_PROFILE and
//   ~/.aws, SSO, web identity, the ECS and EC2 metadata services)
//
// SIGINT or SIGTERM stops it gracefully: no more polls, running jobs finish and are reported.
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { ${clientClassName(ir)} } from "@codepipeline-partner/client";
import { createJobWorker, JobWorkerFatalError, type JobWorker, type JobWorkerOptions } from "@codepipeline-partner/worker";
import { readFileSync, realpathSync } from "node:fs";
import { constants } from "node:os";
import { pathToFileURL } from "node:url";
import { handle } from "./handle.js";

export type ActionTypeId = JobWorkerOptions["actionTypeId"];

export interface WorkerConfig {
  actionTypeId: ActionTypeId;
  /** The client token of every job, or each client ID's own (a job of another client ID is skipped, and logged). */
  clientToken: string | Readonly<Record<string, string>>;
  concurrency: number;
  /** Where to call instead of the region's endpoint. */
  endpoint?: string;
}

/** A setting that cannot work; the message names the variable. */
export class ConfigError extends Error {}

/** The parts of an action type, as the model constrains them (lengths in code points, patterns unanchored). */
const ACTION_TYPE_PARTS: ReadonlyArray<{ name: keyof ActionTypeId; values?: readonly string[]; minLength?: number; maxLength?: number; pattern?: string }> = [
${partLines.join("\n")}
];

export function configFromEnv(env: Record<string, string | undefined> = process.env): WorkerConfig {
  const endpoint = env["${endpoint}"] || env["AWS_ENDPOINT_URL"] || undefined;
  if (endpoint !== undefined && !URL.canParse(endpoint)) throw new ConfigError(\`${endpoint} (or AWS_ENDPOINT_URL) must be a URL, such as http://127.0.0.1:8080; got "\${endpoint}".\`);
  const clientToken = clientTokenFromEnv(env);
  const concurrency = Number(env["CODEPIPELINE_CONCURRENCY"] ?? "1");
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new ConfigError(\`CODEPIPELINE_CONCURRENCY must be a whole number of at least 1; got "\${env["CODEPIPELINE_CONCURRENCY"]}".\`);
  return { actionTypeId: parseActionType(env["CODEPIPELINE_ACTION_TYPE"]), clientToken, concurrency, ...(endpoint ? { endpoint } : {}) };
}

function clientTokenFromEnv(env: Record<string, string | undefined>): WorkerConfig["clientToken"] {
  const single = env["CODEPIPELINE_CLIENT_TOKEN"];
  const perClient = env["CODEPIPELINE_CLIENT_TOKENS"];
  if (single && perClient) throw new ConfigError("CODEPIPELINE_CLIENT_TOKEN and CODEPIPELINE_CLIENT_TOKENS are both set: set one (the second for a token per client ID).");
  if (single) return single;
  if (!perClient) {
    throw new ConfigError("CODEPIPELINE_CLIENT_TOKEN is not set: give the client token your action's jobs come with (or CODEPIPELINE_CLIENT_TOKENS, a JSON object of each client ID's token or the path of a file holding one).");
  }
  // JSON when it looks like an object; anything else names a file.
  const inline = perClient.trimStart().startsWith("{");
  const where = inline ? "CODEPIPELINE_CLIENT_TOKENS" : \`CODEPIPELINE_CLIENT_TOKENS (the file \${perClient})\`;
  let text = perClient;
  if (!inline) {
    try {
      text = readFileSync(perClient, "utf8");
    } catch (error) {
      throw new ConfigError(\`CODEPIPELINE_CLIENT_TOKENS must be a JSON object or the path of a file holding one; "\${perClient}" cannot be read (\${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).\`);
    }
  }
  let tokens: unknown;
  try {
    tokens = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(\`\${where} is not valid JSON: \${(error as Error).message}.\`);
  }
  if (typeof tokens !== "object" || tokens === null || Array.isArray(tokens)) throw new ConfigError(\`\${where} must be a JSON object of client IDs and their client tokens, such as {"<client ID>": "<client token>"}.\`);
  const entries = Object.entries(tokens);
  if (entries.length === 0) throw new ConfigError(\`\${where} has no client ID: give each customer's client ID and client token.\`);
  const bad = entries.find(([, token]) => typeof token !== "string" || token === "");
  if (bad) throw new ConfigError(\`\${where}: the token of client ID "\${bad[0]}" must be a non-empty string; got \${JSON.stringify(bad[1])}.\`);
  return Object.fromEntries(entries) as Record<string, string>;
}

function parseActionType(text: string | undefined): ActionTypeId {
  const format = "${format}";
  if (!text) throw new ConfigError(\`CODEPIPELINE_ACTION_TYPE is not set: name your action type as \${format}, such as Deploy/ThirdParty/MyProvider/1.\`);
  const values = text.split("/");
  if (values.length !== ACTION_TYPE_PARTS.length) throw new ConfigError(\`CODEPIPELINE_ACTION_TYPE must be \${format}, such as Deploy/ThirdParty/MyProvider/1; got "\${text}".\`);
  const id: Record<string, string> = {};
  ACTION_TYPE_PARTS.forEach((part, i) => {
    const value = values[i]!;
    const length = [...value].length;
    const problem =
      part.values && !part.values.includes(value) ? \`one of \${part.values.join(", ")}\`
      : part.minLength !== undefined && length < part.minLength ? \`at least \${part.minLength} characters\`
      : part.maxLength !== undefined && length > part.maxLength ? \`at most \${part.maxLength} characters\`
      : part.pattern !== undefined && !new RegExp(part.pattern, "u").test(value) ? \`text matching \${part.pattern}\`
      : undefined;
    if (problem) throw new ConfigError(\`CODEPIPELINE_ACTION_TYPE "\${text}": its \${part.name} must be \${problem}; got "\${value}".\`);
    id[part.name] = value;
  });
  return id as unknown as ActionTypeId;
}

/** The worker over \`client\`: by default the region's endpoint (or config.endpoint), with the AWS SDKs' credential chain. */
export function startWorker(
  config: WorkerConfig,
  signal: AbortSignal,
  client = new ${clientClassName(ir)}({ ...(config.endpoint ? { endpoint: config.endpoint } : {}), credentials: defaultProvider() }),
): JobWorker {
  const tokens = config.clientToken;
  // A map looks each job's client ID up; an ID it lacks gives undefined, and the worker skips that job.
  const clientToken = typeof tokens === "string" ? tokens : (clientId: string) => (Object.hasOwn(tokens, clientId) ? tokens[clientId] : undefined);
  return createJobWorker({ client, actionTypeId: config.actionTypeId, clientToken, concurrency: config.concurrency, signal, handle });
}

// Started as the program (npm start), not when a test imports this module.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  const stop = new AbortController();
  for (const name of ["SIGINT", "SIGTERM"] as const) {
    process.on(name, () => {
      // A second signal: stop waiting, with the status a shell gives a process the signal ended (128 + its number).
      if (stop.signal.aborted) process.exit(128 + constants.signals[name]);
      console.log(\`\${name}: stopping; running jobs finish and are reported\`);
      stop.abort();
    });
  }
  let worker: JobWorker;
  let config: WorkerConfig;
  try {
    config = configFromEnv();
    worker = startWorker(config, stop.signal);
  } catch (error) {
    // A setting that cannot work (the client refuses a missing region with a TypeError): one line, no stack.
    if (!(error instanceof ConfigError || error instanceof TypeError)) throw error;
    console.error(\`error: \${error.message}\`);
    process.exit(2);
  }
  const { category, owner, provider, version } = config.actionTypeId;
  console.log(\`polling for \${category}/\${owner}/\${provider}/\${version} jobs\${config.endpoint ? \` at \${config.endpoint}\` : ""}\`);
  try {
    await worker.done;
  } catch (error) {
    // An error retrying cannot fix (an unknown action type, refused credentials): the worker has said which, in one line.
    if (error instanceof JobWorkerFatalError) process.exit(1);
    throw error;
  }
  console.log("stopped: every job taken was reported");
}
`;
}

function testFile(ir: ModelIR): string {
  const client = clientClassName(ir);
  return `${REWRITTEN_HEADER}: put your own tests beside it.
// It runs the worker against the emulator, in this process on 127.0.0.1: a job of the
// action type must end Succeeded, which it cannot while src/handle.ts throws "not implemented".
import { ${client} } from "@codepipeline-partner/client";
import { createEmulator } from "@codepipeline-partner/server/reference";
import assert from "node:assert/strict";
import { test } from "node:test";
import { configFromEnv, startWorker } from "../src/worker.js";

// The settings npm start reads from the environment, with values for the test.
const CLIENT_TOKEN = "test-client-token";
const config = configFromEnv({ CODEPIPELINE_ACTION_TYPE: "Deploy/ThirdParty/ScaffoldTest/1", CODEPIPELINE_CLIENT_TOKEN: CLIENT_TOKEN });
const ENDED = ["Succeeded", "Failed", "TimedOut"];

test("the worker takes a job of its action type and reports it Succeeded", async (t) => {
  const emulator = createEmulator();
  const server = await emulator.listen({ host: "127.0.0.1", port: 0 });
  t.after(() => server.close());
  const job = emulator.createJob({ clientToken: CLIENT_TOKEN, actionTypeId: config.actionTypeId, actionConfiguration: { configuration: { Stage: "test" } } });
  const client = new ${client}({ endpoint: server.url, credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" }, maxAttempts: 1 });

  const stop = new AbortController();
  const worker = startWorker(config, stop.signal, client);
  const deadline = Date.now() + 10_000;
  while (!ENDED.includes(emulator.job(job.id)!.status) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  stop.abort();
  await worker.done;

  const { id, status, failure } = emulator.job(job.id)!;
  const state = ENDED.includes(status) ? \`ended \${status}\` : \`is still \${status} after 10 s\`;
  assert.equal(status, "Succeeded", \`job \${id} \${state}\${failure ? \`: \${failure.message}\` : " (src/handle.ts does each job's work)"}\`);
});
`;
}

function readme(ir: ModelIR, name: string): string {
  return `# ${name}

A job worker for a ${ir.service.title ?? ir.service.name} partner action, scaffolded from its
Smithy model. It polls for jobs of your action type, claims each, runs your handler and
reports the outcome once (\`@codepipeline-partner/worker\`).

- \`src/handle.ts\`: the work of one job. It is yours; write the job's work there.
- \`src/worker.ts\`: the worker, configured from the environment (the variables are listed at its top); scaffold rewrites it.
- \`test/worker.test.ts\`: runs the worker against the emulator and expects a job to end Succeeded; scaffold rewrites it, so keep your tests in other files.

\`\`\`sh
npm install
npm test         # red until src/handle.ts does the job's work
CODEPIPELINE_ACTION_TYPE=Deploy/ThirdParty/MyProvider/1 CODEPIPELINE_CLIENT_TOKEN=... AWS_REGION=us-east-1 npm start
\`\`\`

With customers of their own client tokens, give the worker each client ID's token instead:
\`CODEPIPELINE_CLIENT_TOKENS='{"<client ID>": "<client token>", ...}'\`, or the path of a file holding that JSON.
A job whose client ID is not there is skipped and logged.

Against a local emulator instead of AWS, set \`${endpointVariable(ir)}=http://127.0.0.1:8080\`.
SIGINT or SIGTERM stops the worker gracefully. Run scaffold again on this folder to bring
\`src/worker.ts\` and the test up to date; \`src/handle.ts\` is never touched.
`;
}
