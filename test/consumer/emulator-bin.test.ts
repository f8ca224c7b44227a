// The emulator as a user outside this repository gets it: the server package's tarball
// (and the packages it depends on) installed into a fresh project, its
// `codepipeline-partner-emulator` bin started on 127.0.0.1 with a jobs file, and one job
// polled, acknowledged and reported with the official AWS SDK.
import { AcknowledgeThirdPartyJobCommand, CodePipelineClient, GetThirdPartyJobDetailsCommand, PollForThirdPartyJobsCommand, PutThirdPartyJobSuccessResultCommand } from "@aws-sdk/client-codepipeline";
import { spawn } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_CREDENTIALS } from "../support/sdk.js";
import { run } from "./support.js";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
// The server and what it depends on at run time.
const PACKAGES = ["types", "validators", "protocol-aws-json", "server"] as const;
const BUILD = { category: "Build", owner: "ThirdParty", provider: "AcmeCI", version: "1" } as const;

let scratch: string;
let project: string;
let bin: string;

beforeAll(async () => {
  if (!existsSync(path.join(REPO_ROOT, "packages", "server", "dist", "emulator.mjs"))) {
    throw new Error("packages/server/dist/emulator.mjs is missing: run `npm run build` first (`npm run test:consumer` does both)");
  }
  scratch = await mkdtemp(path.join(tmpdir(), "codepipeline-emulator-bin-"));
  project = path.join(scratch, "project");
  const tarballs = path.join(scratch, "tarballs");
  await mkdir(tarballs, { recursive: true });
  const npmPack = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", tarballs, ...PACKAGES.map((pkg) => `./packages/${pkg}`)], REPO_ROOT);
  expect(npmPack.code, npmPack.stderr).toBe(0);
  const files = (JSON.parse(npmPack.stdout) as { filename: string }[]).map((entry) => path.join(tarballs, entry.filename));

  await mkdir(project);
  await writeFile(path.join(project, "package.json"), `${JSON.stringify({ name: "emulator-user", version: "0.0.0", private: true }, null, 2)}\n`);
  const install = await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", ...files], project);
  expect(install.code, install.stderr).toBe(0);
  bin = path.join(project, "node_modules", ".bin", "codepipeline-partner-emulator");
}, 300_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe("codepipeline-partner-emulator, installed from the server's tarball", () => {
  it("is the installed package's built bin, and --help prints its usage", async () => {
    expect(realpathSync(bin)).toBe(realpathSync(path.join(project, "node_modules", "@codepipeline-partner", "server", "dist", "emulator.mjs")));
    const help = await run(bin, ["--help"], project);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^usage: codepipeline-partner-emulator \[--port N\] \[--jobs FILE\] \[--state FILE\]/);
    expect(help.stdout).toMatch(/^ {2}--dispatch-timeout T /m);

    const wrong = await run(bin, ["--port", "eighty"], project);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.split("\n")[0]).toBe('error: --port must be a port number from 0 to 65535, not "eighty".');
  });

  it("serves a jobs file on 127.0.0.1: the AWS SDK polls, reads, acknowledges and reports a job; SIGTERM stops it and frees the state file", async () => {
    await writeFile(path.join(project, "jobs.json"), JSON.stringify([{ id: "job-1", clientToken: "tok-1", actionTypeId: BUILD, actionConfiguration: { configuration: { Stage: "test" } } }]));
    await writeFile(path.join(project, "credentials"), `${TEST_CREDENTIALS.accessKeyId}:${TEST_CREDENTIALS.secretAccessKey}\n`);
    const { NODE_OPTIONS: _, ...env } = process.env;
    const child = spawn(bin, ["--port", "0", "--jobs", "jobs.json", "--state", "state.json", "--credentials-file", "credentials"], { cwd: project, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
          stdout += chunk;
          const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
          if (match) resolve(match[1]!);
        });
        void exited.then((code) => reject(new Error(`the emulator exited (${code}) before listening: ${stderr}`)));
      });
      expect(stderr).toMatch(`verifying SigV4 signatures for ${TEST_CREDENTIALS.accessKeyId}`);

      const sdk = new CodePipelineClient({ endpoint: url, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });
      const { jobs } = await sdk.send(new PollForThirdPartyJobsCommand({ actionTypeId: BUILD }));
      expect(jobs).toHaveLength(1);
      const jobId = jobs![0]!.jobId!;
      expect(jobId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const { jobDetails } = await sdk.send(new GetThirdPartyJobDetailsCommand({ jobId, clientToken: "tok-1" }));
      expect(jobDetails).toMatchObject({ id: jobId, data: { actionTypeId: BUILD, actionConfiguration: { configuration: { Stage: "test" } } } });
      expect((await sdk.send(new AcknowledgeThirdPartyJobCommand({ jobId, clientToken: "tok-1", nonce: jobDetails!.nonce! }))).status).toBe("InProgress");
      await sdk.send(new PutThirdPartyJobSuccessResultCommand({ jobId, clientToken: "tok-1", executionDetails: { summary: "done", percentComplete: 100 } }));

      // The admin routes find it by the name the jobs file gave it.
      const job = (await (await fetch(`${url}/_emulator/jobs/job-1`)).json()) as { id: string; label: string; status: string };
      expect(job).toMatchObject({ id: jobId, label: "job-1", status: "Succeeded" });
      const saved = JSON.parse(await readFile(path.join(project, "state.json"), "utf8")) as { jobs: { id: string; status: string }[] };
      expect(saved.jobs.map((entry) => [entry.id, entry.status])).toEqual([[jobId, "Succeeded"]]);
      expect(existsSync(path.join(project, "state.json.lock"))).toBe(true);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(existsSync(path.join(project, "state.json.lock"))).toBe(false);
    expect(stderr).toMatch(/^POST AcknowledgeThirdPartyJob 200 \d+ms [0-9a-f-]{36}$/m);
  });
});
