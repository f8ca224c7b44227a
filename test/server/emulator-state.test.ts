// `--state FILE` (createEmulator's stateFile): the emulator's state survives a restart,
// a crash included, because it is written (temporary file, then rename) after every
// change and before the answer goes out; a reader never sees half a file; a write that
// fails is undone and answered 500; one emulator at a time keeps a file (FILE.lock, naming
// its process and thread).
// Also `npm run serve` as a user runs it: its jobs file, timeouts and admin routes.
import {
  AcknowledgeThirdPartyJobCommand,
  CodePipelineClient as SdkClient,
  GetThirdPartyJobDetailsCommand,
  PollForThirdPartyJobsCommand,
  PutThirdPartyJobFailureResultCommand,
  PutThirdPartyJobSuccessResultCommand,
} from "@aws-sdk/client-codepipeline";
import { createEmulator, jobIdFor, ManualClock, type Job, type JobEntry } from "@codepipeline-partner/server/reference";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { threadId, Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDuration, parseServeOptions } from "../../packages/server/src/reference/serve-options.js";
import { scratchDir, SOURCE_CONDITION } from "../support/repo.js";
import { TEST_CREDENTIALS } from "../support/sdk.js";
import { eventually, startServe, type ServeProcess } from "../support/serve-process.js";

const BUILD = { category: "Build", owner: "ThirdParty", provider: "AcmeCI", version: "1" } as const;
const JOBS: JobEntry[] = [
  { id: "to-ack", clientToken: "t", actionTypeId: BUILD },
  { id: "to-succeed", clientToken: "t", actionTypeId: BUILD },
  { id: "to-fail", clientToken: "t", actionTypeId: BUILD },
  { id: "untouched", clientToken: "t", actionTypeId: { ...BUILD, provider: "Other" } },
];

let scratch: { dir: string; remove: () => Promise<void> };
beforeAll(async () => {
  scratch = await scratchDir("emulator-state");
});
afterAll(() => scratch.remove());

const sdkFor = (url: string) => new SdkClient({ endpoint: url, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });

/** Polls three jobs, acknowledges them, then finishes two: one with a continuation token, one failed. */
async function driveJobs(sdk: SdkClient): Promise<void> {
  await sdk.send(new PollForThirdPartyJobsCommand({ actionTypeId: BUILD, maxBatchSize: 3 }));
  for (const jobId of ["to-ack", "to-succeed", "to-fail"]) {
    const { jobDetails } = await sdk.send(new GetThirdPartyJobDetailsCommand({ jobId, clientToken: "t" }));
    await sdk.send(new AcknowledgeThirdPartyJobCommand({ jobId, clientToken: "t", nonce: jobDetails!.nonce! }));
  }
  await sdk.send(
    new PutThirdPartyJobSuccessResultCommand({
      jobId: "to-succeed",
      clientToken: "t",
      continuationToken: "step-2",
      currentRevision: { revision: "r1", changeIdentifier: "c1", created: new Date("2026-01-02T03:04:05.678Z") },
    }),
  );
  await sdk.send(new PutThirdPartyJobFailureResultCommand({ jobId: "to-fail", clientToken: "t", failureDetails: { type: "JobFailed", message: "broken" } }));
}

/** What a restart must keep: every status, the continuation, the nonce, the results. */
function expectKept(jobs: Job[], before: Job[]): void {
  expect(jobs.map((job) => [job.id, job.status])).toEqual(before.map((job) => [job.id, job.status]));
  expect(jobs.map((job) => job.status)).toEqual(["InProgress", "Succeeded", "Failed", "Queued", "Queued"]);
  const byId = new Map(jobs.map((job) => [job.label, job]));
  expect(byId.get("to-ack")?.nonce).toBe(before[0]!.nonce);
  expect(byId.get("to-succeed")).toMatchObject({ result: { continuationToken: "step-2", currentRevision: { revision: "r1", changeIdentifier: "c1" } } });
  expect(byId.get("to-fail")).toMatchObject({ failure: { type: "JobFailed", message: "broken" } });
  expect(jobs[4]).toMatchObject({ previousJobId: jobIdFor("to-succeed"), continuationToken: "step-2" });
  expect(jobs.map((job) => job.history)).toEqual(before.map((job) => job.history));
}

describe("in process: createEmulator({ stateFile })", () => {
  it("a second emulator on the same file carries on where the first stopped", async () => {
    const stateFile = path.join(scratch.dir, "in-process.json");
    const clock = new ManualClock("2026-05-01T00:00:00Z");
    const first = createEmulator({ jobs: JOBS, clock, stateFile });
    const server = await first.listen();
    await driveJobs(sdkFor(server.url));
    await server.close();
    const before = first.jobs();
    first.close();

    // The same jobs option again: the state file wins for the jobs it holds.
    const second = createEmulator({ jobs: JOBS, clock, stateFile });
    expectKept(second.jobs(), before);
    expect(second.job("to-succeed")?.result?.currentRevision?.created).toEqual(new Date("2026-01-02T03:04:05.678Z"));

    // The acknowledged job is still the worker's: same nonce, and it can finish it.
    const again = await second.listen();
    const sdk = sdkFor(again.url);
    expect((await sdk.send(new AcknowledgeThirdPartyJobCommand({ jobId: "to-ack", clientToken: "t", nonce: before[0]!.nonce! }))).status).toBe("InProgress");
    await sdk.send(new PutThirdPartyJobSuccessResultCommand({ jobId: "to-ack", clientToken: "t" }));
    await expect(sdk.send(new PutThirdPartyJobSuccessResultCommand({ jobId: "to-succeed", clientToken: "t" }))).rejects.toMatchObject({ name: "InvalidJobStateException" });
    await again.close();
    second.close();
    const third = createEmulator({ stateFile });
    expect(third.job("to-ack")?.status).toBe("Succeeded");
    third.close();
    expect((await readdir(scratch.dir)).filter((name) => /\.(tmp|new|stale)$/.test(name))).toEqual([]);
  });

  it("a reader never sees half a state file: each write goes to a file of its own, renamed over the old one", async () => {
    const stateFile = path.join(scratch.dir, "read-while-written.json");
    const emulator = createEmulator({ stateFile });
    // Another thread reads the file as fast as it can while this one writes it 150 times
    // (each write the whole state, growing to some 350 KB).
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const reader = new Worker(
      `const { readFileSync } = require("node:fs");
       const { workerData, parentPort } = require("node:worker_threads");
       const seen = { reads: 0, broken: [] };
       while (Atomics.load(workerData.stop, 0) === 0) {
         seen.reads++;
         try { JSON.parse(readFileSync(workerData.file, "utf8")); } catch (error) { if (seen.broken.length < 3) seen.broken.push(error.message); }
       }
       parentPort.postMessage(seen);`,
      { eval: true, workerData: { file: stateFile, stop } },
    );
    const seen = new Promise<{ reads: number; broken: string[] }>((resolve, reject) => {
      reader.once("message", resolve);
      reader.once("error", reject);
    });
    let result: { reads: number; broken: string[] };
    try {
      await new Promise((resolve) => setTimeout(resolve, 50)); // the reader is reading
      const configuration = { Notes: "x".repeat(1_000), More: "y".repeat(1_000) };
      for (let i = 0; i < 150; i++) emulator.createJob({ clientToken: "t", actionConfiguration: { configuration } });
    } finally {
      Atomics.store(stop, 0, 1);
      result = await seen;
      await reader.terminate();
      emulator.close();
    }
    const { reads, broken } = result;
    expect(broken).toEqual([]);
    expect(reads).toBeGreaterThan(100);
    expect(JSON.parse(await readFile(stateFile, "utf8")).jobs).toHaveLength(150);
  });

  it("one emulator at a time per state file: a second is refused while the first holds it; a lock whose process is gone is taken over", async () => {
    const stateFile = path.join(scratch.dir, "locked.json");
    const lockFile = `${stateFile}.lock`;
    const first = createEmulator({ jobs: [{ id: "j", clientToken: "t" }], stateFile });
    expect(await readFile(lockFile, "utf8")).toBe(`${process.pid}:${threadId}\n`);
    expect(() => createEmulator({ stateFile })).toThrow(`The state file ${stateFile} is in use by another emulator in this process (close it first: emulator.close()).`);
    first.close();
    expect(existsSync(lockFile)).toBe(false);
    // Closed, it no longer saves: a change is refused (a 500 at the endpoint) and undone.
    expect(() => first.createJob({ id: "late", clientToken: "t" })).toThrow(/^Cannot write the state file .*: this emulator is closed/);
    expect(first.job("late")).toBeUndefined();

    // A lock left by a process that has ended (a crash) is taken over.
    const { pid: ended } = spawnSync(process.execPath, ["-e", ""]);
    await writeFile(lockFile, `${ended}\n`);
    const second = createEmulator({ stateFile });
    expect(second.job("j")?.status).toBe("Queued");
    expect(await readFile(lockFile, "utf8")).toBe(`${process.pid}:${threadId}\n`);
    second.close();
    expect((await readdir(scratch.dir)).filter((name) => name.startsWith("locked.json."))).toEqual([]);

    // One left by an emulator of this thread that did not close is taken over; one of another thread is not.
    await writeFile(lockFile, `${process.pid}:${threadId}\n`);
    createEmulator({ stateFile }).close();
    await writeFile(lockFile, `${process.pid}:${threadId + 1000}\n`);
    expect(() => createEmulator({ stateFile })).toThrow(
      `The state file ${stateFile} is in use by another emulator in this process, in thread ${threadId + 1000} (its lock file is ${lockFile}): close that one (emulator.close()), or give this one another state file.`,
    );
    await rm(lockFile);
  });

  it("two emulators in worker threads of one process: one holds the lock, the other is refused naming that thread", async () => {
    const stateFile = path.join(scratch.dir, "threads.json");
    type Answer = { threadId: number; holds: boolean; error?: string };
    const threads = [0, 1].map(
      () => new Worker(new URL("./emulator-state-thread.mjs", import.meta.url), { workerData: { stateFile }, execArgv: [SOURCE_CONDITION] }),
    );
    try {
      // Each holds what it got until both have answered.
      const answers = await Promise.all(
        threads.map(
          (thread) =>
            new Promise<Answer>((resolve, reject) => {
              thread.once("message", resolve);
              thread.once("error", reject);
            }),
        ),
      );
      const holder = answers.find((answer) => answer.holds);
      expect(answers.map((answer) => answer.holds).sort()).toEqual([false, true]);
      expect(await readFile(`${stateFile}.lock`, "utf8")).toBe(`${process.pid}:${holder!.threadId}\n`);
      expect(answers.find((answer) => !answer.holds)!.error).toBe(
        `The state file ${stateFile} is in use by another emulator in this process, in thread ${holder!.threadId} (its lock file is ${stateFile}.lock): close that one (emulator.close()), or give this one another state file.`,
      );
    } finally {
      await Promise.all(
        threads.map((thread) => {
          const exited = new Promise((resolve) => thread.once("exit", resolve));
          thread.postMessage("close");
          return exited;
        }),
      );
    }
    expect(existsSync(`${stateFile}.lock`)).toBe(false);
  });

  it("a timeout is a change too: it is saved, and the deadline survives the restart", async () => {
    const stateFile = path.join(scratch.dir, "timeouts.json");
    const clock = new ManualClock("2026-05-01T00:00:00Z");
    const first = createEmulator({ jobs: [{ id: "j", clientToken: "t", status: "Dispatched" }], clock, stateFile, timeouts: { dispatchMs: 1_000 } });
    expect(first.job("j")?.timesOutAt).toBe("2026-05-01T00:00:01.000Z");
    clock.advance(5_000);
    first.close();
    // A restart with a longer timeout keeps the deadline the job was given.
    const second = createEmulator({ clock, stateFile, timeouts: { dispatchMs: 60_000 } });
    expect(second.job("j")?.status).toBe("TimedOut");
    const saved = JSON.parse(await readFile(stateFile, "utf8")) as { jobs: Job[] };
    expect(saved.jobs[0]?.status).toBe("TimedOut");
  });

  it("a save that fails is undone: the caller gets 500 and the job stays as the file has it", async () => {
    const dir = path.join(scratch.dir, "vanishing");
    await mkdir(dir);
    const stateFile = path.join(dir, "state.json");
    const emulator = createEmulator({ jobs: [{ id: "j", clientToken: "t", actionTypeId: BUILD }], stateFile });
    const server = await emulator.listen({ logger: { error: () => {} } });
    await rm(dir, { recursive: true });
    const error = await sdkFor(server.url)
      .send(new PollForThirdPartyJobsCommand({ actionTypeId: BUILD }))
      .catch((failure: unknown) => failure);
    expect(error).toMatchObject({ name: "InternalFailure", $metadata: { httpStatusCode: 500 } });
    expect(emulator.store.get("j")?.status).toBe("Queued");
    await server.close();
  });

  it("a state file written before job IDs had to be UUIDs: its names become labels, its links follow", async () => {
    const stateFile = path.join(scratch.dir, "named-ids.json");
    const history = [{ at: "2026-05-01T00:00:00.000Z", status: "Succeeded", event: "succeeded" }];
    await writeFile(
      stateFile,
      JSON.stringify({
        emulatorState: 1,
        actionTypes: [BUILD],
        jobs: [
          { id: "first", clientToken: "t", status: "Succeeded", actionTypeId: BUILD, nextJobId: "second", history },
          { id: "second", clientToken: "t", status: "Queued", actionTypeId: BUILD, continuationToken: "c", previousJobId: "first", history },
        ],
      }),
    );
    const emulator = createEmulator({ stateFile });
    expect(emulator.jobs().map((job) => [job.id, job.label, job.previousJobId, job.nextJobId])).toEqual([
      [jobIdFor("first"), "first", undefined, jobIdFor("second")],
      [jobIdFor("second"), "second", jobIdFor("first"), undefined],
    ]);
    emulator.close();
    // Saved again in the new form, it reads back the same.
    const again = createEmulator({ stateFile });
    expect(again.jobs()).toEqual(emulator.jobs());
    again.close();
  });

  it("a state file that is not one is refused, naming the file and the field", async () => {
    const stateFile = path.join(scratch.dir, "bad-state.json");
    await writeFile(stateFile, JSON.stringify({ emulatorState: 1, actionTypes: [], jobs: [{ id: "j", clientToken: "t", status: "Finished" }] }));
    expect(() => createEmulator({ stateFile })).toThrow(`${stateFile}, job 0: "status" must be one of Created, Queued, Dispatched, InProgress, TimedOut, Succeeded, Failed; got "Finished".`);
    await writeFile(stateFile, "[]");
    expect(() => createEmulator({ stateFile })).toThrow(`${stateFile} is not a state file of this emulator (no "emulatorState": 1).`);
  });
});

describe("npm run serve", () => {
  const processes: ServeProcess[] = [];
  afterAll(() => Promise.all(processes.map((serve) => serve.stop())));
  async function serve(args: string[]): Promise<ServeProcess> {
    const started = await startServe(args);
    processes.push(started);
    return started;
  }
  const adminJobs = async (url: string) => ((await (await fetch(`${url}/_emulator/jobs`)).json()) as { jobs: Job[] }).jobs;

  it("--state: a restart after a crash (SIGKILL) keeps acknowledged and finished jobs", async () => {
    const jobsFile = path.join(scratch.dir, "cli-jobs.json");
    const stateFile = path.join(scratch.dir, "cli-state.json");
    await writeFile(jobsFile, JSON.stringify(JOBS));
    const first = await serve(["--port", "0", "--jobs", jobsFile, "--state", stateFile, "--quiet"]);
    expect(first.url).toBeDefined();
    await driveJobs(sdkFor(first.url!));
    const before = await adminJobs(first.url!);
    // A crash: SIGKILL to the server itself (tsx runs it in a child process), no chance to save on the way out.
    const [serverPid] = execFileSync("ps", ["-o", "pid=", "--ppid", String(first.child.pid)], { encoding: "utf8" }).trim().split(/\s+/);
    process.kill(Number(serverPid), "SIGKILL");
    await first.exited;

    const second = await serve(["--port", "0", "--jobs", jobsFile, "--state", stateFile]);
    expect(second.url).toBeDefined();
    expectKept(await adminJobs(second.url!), before);
    expect(second.stderr()).toMatch(`5 jobs, state kept in ${stateFile}; admin routes at ${second.url}/_emulator/jobs`);
    const sdk = sdkFor(second.url!);
    await sdk.send(new PutThirdPartyJobSuccessResultCommand({ jobId: "to-ack", clientToken: "t" }));
    await expect(sdk.send(new PutThirdPartyJobFailureResultCommand({ jobId: "to-fail", clientToken: "t", failureDetails: { type: "JobFailed", message: "again" } }))).rejects.toMatchObject({
      name: "InvalidJobStateException",
    });
  });

  it("--dispatch-timeout: a dispatched job left alone times out, seen through the admin routes; their requests are logged by path", async () => {
    const jobsFile = path.join(scratch.dir, "cli-timeout.json");
    await writeFile(jobsFile, JSON.stringify([{ id: "j", clientToken: "t", actionTypeId: BUILD }]));
    const server = await serve(["--port", "0", "--jobs", jobsFile, "--dispatch-timeout", "200ms"]);
    await sdkFor(server.url!).send(new PollForThirdPartyJobsCommand({ actionTypeId: BUILD }));
    let status: string | undefined;
    const timedOut = async () => {
      status = (await adminJobs(server.url!))[0]?.status;
      return status === "TimedOut";
    };
    const until = Date.now() + 30_000;
    while (!(await timedOut()) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(status).toBe("TimedOut");
    expect(await eventually(() => /^GET \/_emulator\/jobs 200 \d+ms -$/m.test(server.stderr()))).toBe(true);
    expect(server.stderr()).toMatch(/^POST PollForThirdPartyJobs 200 \d+ms [0-9a-f-]{36}$/m);
  });

  it("--state: a second emulator on the same state file is refused with one line; once the first stops, the file is free", async () => {
    const stateFile = path.join(scratch.dir, "cli-shared.json");
    const first = await serve(["--port", "0", "--state", stateFile, "--quiet"]);
    expect(first.url).toBeDefined();
    const second = await serve(["--port", "0", "--state", stateFile, "--quiet"]);
    expect(await second.exited).toBe(1);
    const lines = second.stderr().trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const [owner] = (await readFile(`${stateFile}.lock`, "utf8")).trim().split(":");
    expect(lines[0]).toBe(
      `error: The state file ${stateFile} is in use by the emulator with process ID ${owner} (its lock file is ${stateFile}.lock): stop that one, or give this one another state file. If no emulator runs, delete ${stateFile}.lock.`,
    );
    await first.stop();
    expect(existsSync(`${stateFile}.lock`)).toBe(false);
    const third = await serve(["--port", "0", "--state", stateFile, "--quiet"]);
    expect(third.url).toBeDefined();
  });

  it("--no-admin leaves the admin routes out", async () => {
    const server = await serve(["--port", "0", "--no-admin", "--quiet"]);
    const answer = await fetch(`${server.url}/_emulator/jobs`, { method: "POST", body: "{}", headers: { "content-type": "application/x-amz-json-1.1" } });
    expect(answer.status).toBe(404);
  });

  // Every way an entry can be wrong is in test/unit/packages/server/reference/jobs.test.ts; here, that the CLI says it in one line.
  it.each([
    ["a jobs file with an unknown field", "--jobs", JSON.stringify([{ id: "a", clientToken: "b", actionType: "Build" }]), /^error: .*\.json, entry 0: unknown field "actionType"; a job may have id, clientToken, /],
    ["a jobs file with a bad action type", "--jobs", JSON.stringify([{ id: "a", clientToken: "b", actionTypeId: { category: "Build", owner: "ThirdParty", provider: "has space", version: "1" } }]), /^error: .*\.json, entry 0: Value 'has space' at 'actionTypeId\.provider' failed to satisfy constraint: Member must satisfy regular expression pattern/],
    ["a state file that is not JSON", "--state", "{", /^error: The state file .*\.json is not valid JSON: /],
  ])("refuses %s: one line naming the entry and the field, exit 1", async (_, flag, contents, message) => {
    const file = path.join(scratch.dir, "refused.json");
    await writeFile(file, contents);
    const server = await serve(["--port", "0", flag, file]);
    expect(await server.exited).toBe(1);
    const lines = server.stderr().trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it("reads timeouts in seconds or with a unit; anything else is a usage error", async () => {
    expect([parseDuration("90", "--x"), parseDuration("500ms", "--x"), parseDuration("90s", "--x"), parseDuration("5m", "--x"), parseDuration("1.5h", "--x")]).toEqual([90_000, 500, 90_000, 300_000, 5_400_000]);
    expect(await parseServeOptions(["--dispatch-timeout", "30s", "--job-timeout", "2h", "--state", "s.json", "--no-admin"], {})).toMatchObject({
      dispatchTimeoutMs: 30_000,
      jobTimeoutMs: 7_200_000,
      stateFile: "s.json",
      admin: false,
    });
    await expect(parseServeOptions(["--job-timeout", "0"], {})).rejects.toThrow('--job-timeout must be a time above zero, such as 90 (seconds), 500ms, 90s, 5m or 1h; not "0".');
    await expect(parseServeOptions(["--dispatch-timeout", "soon"], {})).rejects.toThrow(/^--dispatch-timeout must be a time above zero/);
  });
});
