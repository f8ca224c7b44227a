// A scaffolded worker project's settings and signals, run for real: src/worker.ts of a
// project scaffold --worker wrote, its client tokens (one, or one per client ID) against
// the emulator in this process, and `npm start`'s exit status when a second signal cuts
// the wait for running jobs short. (The project's own test and re-runs: test/scaffold.test.ts.)
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { clientIdFor, createEmulator } from "@codepipeline-partner/server/reference";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../codegen/src/smithy/toolchain.js";
import { runCli } from "./support/cli.js";
import { copyRepo, scratchDir, SOURCE_CONDITION } from "./support/repo.js";

const ACTION_TYPE = { category: "Deploy", owner: "ThirdParty", provider: "AcmeDeploy", version: "1" } as const;
const ACTION_TYPE_TEXT = "Deploy/ThirdParty/AcmeDeploy/1";

let scratch: Awaited<ReturnType<typeof scratchDir>>;
let repo: string;
let app: string;
let tsx: string;
// The scaffolded module, imported as the project's test imports it.
let project: {
  configFromEnv(env: Record<string, string | undefined>): { clientToken: unknown; actionTypeId: unknown };
  startWorker(config: unknown, signal: AbortSignal, client?: unknown): { done: Promise<void> };
  ConfigError: new (...args: never[]) => Error;
};

beforeAll(async () => {
  scratch = await scratchDir("scaffold-worker-config");
  repo = await copyRepo(scratch.dir);
  tsx = path.join(repo, "node_modules", "tsx", "dist", "cli.mjs");
  app = path.join(repo, "apps", "worker");
  const scaffolded = await runCli(repo, ["scaffold", app, "--worker"]);
  expect(scaffolded.code, scaffolded.stderr).toBe(0);
  // The user's handle: a job whose Stage is "hang" runs until the process ends (it ignores
  // job.signal, as slow work may), any other succeeds at once.
  const handle = path.join(app, "src", "handle.ts");
  const text = await readFile(handle, "utf8");
  const implemented = text.replace(
    /^  throw new Error\(`handle is not implemented.*$/m,
    '  if (job.data.actionConfiguration?.configuration?.["Stage"] === "hang") await new Promise(() => setInterval(() => {}, 1000));\n  return { outcome: "success", executionDetails: { summary: `done for ${job.data.actionConfiguration?.configuration?.["Stage"]}` } };',
  );
  expect(implemented).not.toBe(text);
  await writeFile(handle, implemented);
  project = await import(path.join(app, "src", "worker.ts"));
}, 120_000);
afterAll(async () => {
  await scratch?.remove();
});

const base = { CODEPIPELINE_ACTION_TYPE: ACTION_TYPE_TEXT };
/** configFromEnv's ConfigError message, or a failure when it returns. */
function refusal(env: Record<string, string>): string {
  try {
    project.configFromEnv({ ...base, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(project.ConfigError);
    return (error as Error).message;
  }
  throw new Error(`configFromEnv accepted ${JSON.stringify(env)}`);
}

describe("scaffold --worker: client tokens", () => {
  it("takes one token for every job, or a map of client IDs to tokens as JSON or in a file", async () => {
    expect(project.configFromEnv({ ...base, CODEPIPELINE_CLIENT_TOKEN: "one" }).clientToken).toBe("one");
    const tokens = { "0f8fad5b-d9cb-469f-a165-70867728950e": "token-a", "7c9e6679-7425-40de-944b-e07fc1f90ae7": "token-b" };
    expect(project.configFromEnv({ ...base, CODEPIPELINE_CLIENT_TOKENS: JSON.stringify(tokens) }).clientToken).toEqual(tokens);
    const file = path.join(scratch.dir, "tokens.json");
    await writeFile(file, JSON.stringify(tokens, null, 2));
    expect(project.configFromEnv({ ...base, CODEPIPELINE_CLIENT_TOKENS: file }).clientToken).toEqual(tokens);
  });

  it.each([
    ["neither variable", {}, /^CODEPIPELINE_CLIENT_TOKEN is not set: .*CODEPIPELINE_CLIENT_TOKENS/],
    ["both variables", { CODEPIPELINE_CLIENT_TOKEN: "one", CODEPIPELINE_CLIENT_TOKENS: '{"a":"b"}' }, /^CODEPIPELINE_CLIENT_TOKEN and CODEPIPELINE_CLIENT_TOKENS are both set/],
    ["JSON that does not parse", { CODEPIPELINE_CLIENT_TOKENS: '{"a":' }, /^CODEPIPELINE_CLIENT_TOKENS is not valid JSON: /],
    ["a value that is no object and no file", { CODEPIPELINE_CLIENT_TOKENS: "[1]" }, /^CODEPIPELINE_CLIENT_TOKENS must be a JSON object or the path of a file holding one; "\[1\]" cannot be read \(ENOENT\)\.$/],
    ["an empty map", { CODEPIPELINE_CLIENT_TOKENS: "{}" }, /^CODEPIPELINE_CLIENT_TOKENS has no client ID/],
    ["a token that is no string", { CODEPIPELINE_CLIENT_TOKENS: '{"id-1": "t", "id-2": 7}' }, /^CODEPIPELINE_CLIENT_TOKENS: the token of client ID "id-2" must be a non-empty string; got 7\.$/],
    ["an empty token", { CODEPIPELINE_CLIENT_TOKENS: '{"id-1": ""}' }, /^CODEPIPELINE_CLIENT_TOKENS: the token of client ID "id-1" must be a non-empty string; got ""\.$/],
    ["a file that is missing", { CODEPIPELINE_CLIENT_TOKENS: "/nonexistent/tokens.json" }, /^CODEPIPELINE_CLIENT_TOKENS must be a JSON object or the path of a file holding one; "\/nonexistent\/tokens\.json" cannot be read \(ENOENT\)\.$/],
  ])("refuses %s in one line naming the variable", (_, env, message) => {
    const text = refusal(env as Record<string, string>);
    expect(text).toMatch(message);
    expect(text).not.toContain("\n");
  });

  it("refuses a file of JSON that is no object, naming the file", async () => {
    const file = path.join(scratch.dir, "list.json");
    await writeFile(file, '["token"]');
    expect(refusal({ CODEPIPELINE_CLIENT_TOKENS: file })).toBe(
      `CODEPIPELINE_CLIENT_TOKENS (the file ${file}) must be a JSON object of client IDs and their client tokens, such as {"<client ID>": "<client token>"}.`,
    );
  });

  it("works each customer's jobs with that customer's token, and skips a client ID the map lacks", async () => {
    const emulator = createEmulator();
    const server = await emulator.listen({ host: "127.0.0.1", port: 0 });
    try {
      const config = project.configFromEnv({
        ...base,
        CODEPIPELINE_CLIENT_TOKENS: JSON.stringify({ [clientIdFor("token-a")]: "token-a", [clientIdFor("token-b")]: "token-b" }),
        AWS_ENDPOINT_URL_CODEPIPELINE: server.url,
      });
      const job = (clientToken: string, stage: string) => emulator.createJob({ clientToken, actionTypeId: ACTION_TYPE, actionConfiguration: { configuration: { Stage: stage } } }).id;
      const a = job("token-a", "a");
      const b = job("token-b", "b");
      const stranger = job("token-c", "c");
      // The copy's client, the one the scaffolded module imports.
      const { CodePipelineClient } = await import(path.join(repo, "packages", "client", "src", "index.ts"));
      const client = new CodePipelineClient({ endpoint: server.url, credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" }, maxAttempts: 1 });
      const stop = new AbortController();
      const worker = project.startWorker(config, stop.signal, client);
      for (let waited = 0; [a, b].some((id) => emulator.job(id)!.status !== "Succeeded"); waited += 20) {
        if (waited > 10_000) throw new Error(`jobs: ${JSON.stringify(emulator.jobs().map(({ id, status }) => ({ id, status })))}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      stop.abort();
      await worker.done;
      expect(emulator.job(a)!.result?.executionDetails?.summary).toBe("done for a");
      expect(emulator.job(b)!.result?.executionDetails?.summary).toBe("done for b");
      // Its client ID has no token here: polled, but never acknowledged nor reported.
      expect(emulator.job(stranger)!.status).toBe("Dispatched");
      expect(emulator.job(stranger)!.result).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});

describe("scaffold --worker: npm start and signals", () => {
  /** Starts the worker as npm start does, with a job that never ends, and sends `signal` twice. */
  async function twice(signal: "SIGINT" | "SIGTERM"): Promise<{ code: number | null; output: string }> {
    const emulator = createEmulator();
    const server = await emulator.listen({ host: "127.0.0.1", port: 0 });
    try {
      const env = {
        ...process.env,
        CODEPIPELINE_ACTION_TYPE: ACTION_TYPE_TEXT,
        CODEPIPELINE_CLIENT_TOKENS: JSON.stringify({ [clientIdFor("token-a")]: "token-a" }),
        AWS_ENDPOINT_URL_CODEPIPELINE: server.url,
        AWS_ACCESS_KEY_ID: "AKIDTEST",
        AWS_SECRET_ACCESS_KEY: "test",
        AWS_REGION: "us-east-1",
      };
      const { id } = emulator.createJob({ clientToken: "token-a", actionTypeId: ACTION_TYPE, actionConfiguration: { configuration: { Stage: "hang" } } });
      const worker = spawn(process.execPath, [tsx, SOURCE_CONDITION, "src/worker.ts"], { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      worker.stdout!.setEncoding("utf8").on("data", (text: string) => (output += text));
      worker.stderr!.setEncoding("utf8").on("data", (text: string) => (output += text));
      const exited = new Promise<number | null>((resolve) => worker.on("exit", (code) => resolve(code)));
      try {
        const until = async (what: string, done: () => boolean) => {
          for (let waited = 0; !done(); waited += 20) {
            if (waited > 20_000 || worker.exitCode !== null) throw new Error(`waiting for ${what}; the worker printed:\n${output}`);
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        };
        await until("the job to start", () => emulator.job(id)!.status === "InProgress");
        worker.kill(signal);
        await until("the first signal's message", () => output.includes(`${signal}: stopping`));
        worker.kill(signal);
        return { code: await exited, output };
      } finally {
        worker.kill("SIGKILL");
      }
    } finally {
      await server.close();
    }
  }

  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const)("a second %s ends it at once with exit status %i (128 + the signal's number)", async (signal, status) => {
    const { code, output } = await twice(signal);
    expect(code, output).toBe(status);
    expect(output).not.toContain("stopped: every job taken was reported");
  });

  it("refuses a CODEPIPELINE_CLIENT_TOKENS it cannot use in one line, exit 2", async () => {
    const result = await run(process.execPath, [tsx, SOURCE_CONDITION, "src/worker.ts"], {
      cwd: app,
      env: { ...process.env, CODEPIPELINE_ACTION_TYPE: ACTION_TYPE_TEXT, CODEPIPELINE_CLIENT_TOKENS: '{"id-1": 7}', AWS_REGION: "us-east-1" },
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('error: CODEPIPELINE_CLIENT_TOKENS: the token of client ID "id-1" must be a non-empty string; got 7.');
  });

  it("stops on an action type the service does not know: one line, no stack, exit 1", async () => {
    // The emulator knows no action type until a job or its options name one.
    const server = await createEmulator().listen({ host: "127.0.0.1", port: 0 });
    try {
      const result = await run(process.execPath, [tsx, SOURCE_CONDITION, "src/worker.ts"], {
        cwd: app,
        env: { ...process.env, CODEPIPELINE_ACTION_TYPE: ACTION_TYPE_TEXT, CODEPIPELINE_CLIENT_TOKEN: "token-a", AWS_ENDPOINT_URL_CODEPIPELINE: server.url, AWS_ACCESS_KEY_ID: "AKIDTEST", AWS_SECRET_ACCESS_KEY: "test", AWS_REGION: "us-east-1" },
      });
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr.trim()).toBe(
        `The job worker stopped: PollForThirdPartyJobs failed with ActionTypeNotFoundException: Action type ${ACTION_TYPE_TEXT} does not exist. Retrying cannot fix this: check actionTypeId against the custom action type registered in this account and Region.`,
      );
      expect(result.stdout).not.toContain("stopped: every job taken was reported");
    } finally {
      await server.close();
    }
  });
});
