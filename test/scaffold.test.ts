// Scaffolding a server project, running it, and re-scaffolding after a model change
// without losing a byte of the user's code; --dry-run; refusals. The same for a partner
// job-worker project (--worker), run against the emulator. (generate --watch: test/watch.test.ts.)
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { createEmulator } from "@codepipeline-partner/server/reference";
import { build, type UserConfig } from "tsdown";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../codegen/src/smithy/toolchain.js";
import { addExtraOperation } from "./fixtures/extra-operation.js";
import { SERVICE } from "./fixtures/facts.js";
import { runCli } from "./support/cli.js";
import { copyRepo, scratchDir, SOURCE_CONDITION } from "./support/repo.js";
import tsdownConfig from "../tsdown.config.js";

let scratch: Awaited<ReturnType<typeof scratchDir>>;
let repo: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  scratch = await scratchDir("scaffold");
  repo = await copyRepo(scratch.dir);
});
afterAll(async () => {
  children.forEach((child) => child.kill());
  await scratch.remove();
});

const TSX = () => path.join(repo, "node_modules", "tsx", "dist", "cli.mjs");
const typecheck = (project: string) => run(process.execPath, [path.join(repo, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(project, "tsconfig.json")], { cwd: project });
const handlerName = (operation: string) => operation.charAt(0).toLowerCase() + operation.slice(1);
// TAP whatever the Node version (from Node 23, --test prints its spec reporter by default).
const projectTest = (project: string, file = "test/operations.test.ts") => run(process.execPath, [TSX(), SOURCE_CONDITION, "--test", "--test-reporter=tap", file], { cwd: project });

/**
 * Builds the codegen package of a copy into its codegen/dist with the repository's tsdown
 * settings for it, as prepack does (about a second): the package's bin runs that build.
 * A fresh clone has none (`npm ci`, `npm run generate`, `npm test` build nothing), and a
 * checkout's may be older than its sources, so the bin would run other code than the test means.
 */
async function buildCodegen(root: string): Promise<void> {
  const codegen = ([tsdownConfig].flat() as UserConfig[]).find((config) => config.name === "codegen");
  if (!codegen) throw new Error("tsdown.config.ts has no build named codegen");
  await build({ ...codegen, cwd: path.join(root, "codegen"), config: false });
}

async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(path.relative(dir, path.join(entry.parentPath, entry.name)), await readFile(path.join(entry.parentPath, entry.name), "utf8"));
  }
  return files;
}


describe("scaffold", () => {
  it("creates a project that typechecks, starts, answers the generated client, and whose own test fails while handlers are not implemented", async () => {
    const app = path.join(repo, "apps", "first");
    const result = await runCli(repo, ["scaffold", app, "--name", "my-server"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^created\s+package\.json$/m);
    for (const operation of SERVICE.operations) {
      expect(result.stdout).toMatch(new RegExp(`^created\\s+src/handlers/${handlerName(operation)}\\.ts$`, "m"));
    }
    expect(result.stdout).toContain(`cd ${app} && npm install && npm start`);
    const manifest = JSON.parse(await readFile(path.join(app, "package.json"), "utf8"));
    expect(manifest.name).toBe("my-server");
    expect(manifest.dependencies["@codepipeline-partner/server"]).toBe("file:../../packages/server");

    expect((await typecheck(app)).code).toBe(0);

    const server = spawn(process.execPath, [TSX(), SOURCE_CONDITION, "src/main.ts"], { cwd: app, env: { ...process.env, PORT: "0" }, stdio: ["ignore", "pipe", "pipe"] });
    children.push(server);
    const url = await new Promise<string>((resolve, reject) => {
      server.stdout!.setEncoding("utf8").on("data", (text: string) => {
        const match = /listening on (\S+)/.exec(text);
        if (match) resolve(match[1]!);
      });
      server.on("exit", () => reject(new Error("the scaffolded server exited")));
    });
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "CodePipeline_20150709.PutThirdPartyJobSuccessResult" },
      body: '{"jobId":"j","clientToken":"t"}',
    });
    // Not implemented yet: a clean 500, the detail kept on the server.
    expect(response.status).toBe(500);
    expect(response.headers.get("x-amzn-errortype")).toBe("InternalFailure");
    server.kill();

    // Its own test calls every operation once, and fails while a handler is not implemented.
    const tested = await projectTest(app);
    expect(tested.stdout).toMatch(new RegExp(`^# fail ${SERVICE.operations.length}$`, "m"));
    expect(tested.stdout).toMatch(/PutThirdPartyJobSuccessResult answered InternalFailure .*: implement it in src\/handlers\/putThirdPartyJobSuccessResult\.ts/);
    expect(tested.code).not.toBe(0);
  });

  it("after a model change, keeps every user edit byte for byte and adds the new operation", async () => {
    const app = path.join(repo, "apps", "evolving");
    expect((await runCli(repo, ["scaffold", app])).code).toBe(0);

    // The user implements the handler and adds code and comments to the wiring.
    const handler = path.join(app, "src", "handlers", "putThirdPartyJobSuccessResult.ts");
    await writeFile(
      handler,
      `// My implementation.\nimport type { CodePipelineService } from "@codepipeline-partner/server";\n\nconst seen: string[] = []; // jobs we have reported\n\nexport const putThirdPartyJobSuccessResult: CodePipelineService["putThirdPartyJobSuccessResult"] = async (input) => {\n  seen.push(input.jobId);\n};\n`,
    );
    await appendFile(path.join(app, "src", "service.ts"), "\n// my own note, keep it\nexport const startedAt = new Date();\n");
    const before = await snapshot(app);

    // The model gains an operation; regenerate, then scaffold again.
    await addExtraOperation(path.join(repo, "model", "codepipeline.smithy"));
    expect((await runCli(repo, ["generate"])).code).toBe(0);

    const dry = await runCli(repo, ["scaffold", app, "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^created\s+src\/handlers\/putApprovalResult\.ts$/m);
    expect(dry.stdout).toMatch(/^updated\s+src\/service\.ts\s+\(wired putApprovalResult\)$/m);
    expect(dry.stdout).toMatch(/^updated\s+test\/operations\.test\.ts$/m);
    expect(await snapshot(app)).toEqual(before); // --dry-run wrote nothing

    const result = await runCli(repo, ["scaffold", app]);
    expect(result.code).toBe(0);
    for (const operation of SERVICE.operations) {
      expect(result.stdout).toMatch(new RegExp(`^unchanged\\s+src/handlers/${handlerName(operation)}\\.ts$`, "m"));
    }
    expect(result.stdout).toMatch(/^created\s+src\/handlers\/putApprovalResult\.ts$/m);

    expect(result.stdout).toMatch(/^updated\s+test\/operations\.test\.ts$/m);

    const after = await snapshot(app);
    for (const [file, text] of before) {
      // Scaffold's own test file says it is rewritten; it now calls the new operation too.
      if (file === "test/operations.test.ts") continue;
      if (file === "src/service.ts") {
        // Only additions: every line the user had is still there, in order.
        const lines = after.get(file)!.split("\n");
        let at = 0;
        for (const line of text.split("\n")) {
          at = lines.indexOf(line, at);
          expect(at, `line ${JSON.stringify(line)} of ${file}`).toBeGreaterThanOrEqual(0);
        }
        expect(after.get(file)).toContain('import { putApprovalResult } from "./handlers/putApprovalResult.js";');
      } else {
        expect(after.get(file), file).toBe(text);
      }
    }
    expect((await typecheck(app)).stdout).toBe("");
    const tested = await projectTest(app);
    // The implemented handler passes; the others still say "not implemented". The new
    // operation's sample input meets its @pattern members, so its call reaches the handler.
    expect(tested.stdout).toMatch(/^# pass 1$/m);
    expect(tested.stdout).toMatch(new RegExp(`^# fail ${SERVICE.operations.length}$`, "m"));
    expect(tested.stdout).toMatch(/PutApprovalResult answered InternalFailure .*: implement it in src\/handlers\/putApprovalResult\.ts/);
    expect(tested.stdout).not.toContain("ValidationException");

    // Running it once more changes nothing.
    const again = await runCli(repo, ["scaffold", app]);
    expect(again.stdout).not.toMatch(/^(created|updated)/m);
    expect(await snapshot(app)).toEqual(after);

    // With every handler written (here: answering an empty output), the scaffolded test is green.
    for (const file of after.keys()) {
      if (!file.startsWith("src/handlers/") || file.endsWith("putThirdPartyJobSuccessResult.ts")) continue;
      const name = path.basename(file, ".ts");
      await writeFile(path.join(app, file), `import type { CodePipelineService } from "@codepipeline-partner/server";\n\nexport const ${name}: CodePipelineService["${name}"] = async () => ({}) as never;\n`);
    }
    const green = await projectTest(app);
    expect(green.stdout, green.stdout).toMatch(new RegExp(`^# pass ${SERVICE.operations.length + 1}$`, "m"));
    expect(green.stdout).toMatch(/^# fail 0$/m);
  });

  it("reports a handler whose operation left the model, leaves it in place, and ignores the user's own modules", async () => {
    const app = path.join(repo, "apps", "leftover");
    await runCli(repo, ["scaffold", app]);
    // A handler scaffold made for an operation the model has since lost...
    const stray = path.join(app, "src", "handlers", "pollForJobs.ts");
    const strayText = "// Scaffolded once; this file is yours. Re-running scaffold never changes it.\nexport const kept = true;\n";
    await writeFile(stray, strayText);
    // ...and a helper module of the user's.
    await writeFile(path.join(app, "src", "handlers", "shared.ts"), "export const helper = 1;\n");
    const result = await runCli(repo, ["scaffold", app]);
    expect(result.stdout).toMatch(/^needs attention\s+src\/handlers\/pollForJobs\.ts\s+\(its operation is no longer in the model/m);
    expect(result.stdout).not.toContain("shared.ts");
    expect(result.code).toBe(0);
    expect(await readFile(stray, "utf8")).toBe(strayText);
  });

  it("leaves a wiring with a spread alone, and says why", async () => {
    const app = path.join(repo, "apps", "spread");
    await runCli(repo, ["scaffold", app]);
    const wiring = `import type { CodePipelineService } from "@codepipeline-partner/server";\nimport { impl } from "./impl.js";\n\nexport const service: CodePipelineService = { ...impl };\n`;
    await writeFile(path.join(app, "src", "service.ts"), wiring);
    const result = await runCli(repo, ["scaffold", app]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^needs attention\s+src\/service\.ts\s+\(the object typed CodePipelineService uses `\.\.\.impl`, so scaffold cannot tell/m);
    expect(await readFile(path.join(app, "src", "service.ts"), "utf8")).toBe(wiring);
  });

  it("recognises operations wired under quoted keys", async () => {
    const app = path.join(repo, "apps", "quoted");
    await runCli(repo, ["scaffold", app]);
    const file = path.join(app, "src", "service.ts");
    const quoted = (await readFile(file, "utf8")).replace(/^  (\w+),$/gm, '  "$1": $1,');
    await writeFile(file, quoted);
    const result = await runCli(repo, ["scaffold", app]);
    expect(result.stdout).toMatch(/^unchanged\s+src\/service\.ts$/m);
    expect(await readFile(file, "utf8")).toBe(quoted);
  });

  it("stops rewriting its test file once the user has taken it over", async () => {
    const app = path.join(repo, "apps", "takeover");
    await runCli(repo, ["scaffold", app]);
    const file = path.join(app, "test", "operations.test.ts");
    const mine = (await readFile(file, "utf8")).replace(/^.*\n/, "// My tests now.\n");
    await writeFile(file, mine);
    const result = await runCli(repo, ["scaffold", app]);
    expect(result.stdout).toMatch(/^needs attention\s+test\/operations\.test\.ts\s+\(you changed its first line/m);
    expect(await readFile(file, "utf8")).toBe(mine);
  });

  it("exits non-zero when it cannot find where to wire a new operation", async () => {
    const app = path.join(repo, "apps", "rewired");
    await runCli(repo, ["scaffold", app]);
    await writeFile(path.join(app, "src", "service.ts"), "// rewritten by hand\nexport const service = {};\n");
    const result = await runCli(repo, ["scaffold", app]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^needs attention\s+src\/service\.ts\s+\(no object literal typed CodePipelineService was found; wire .* by hand\)$/m);
    expect(await readFile(path.join(app, "src", "service.ts"), "utf8")).toBe("// rewritten by hand\nexport const service = {};\n");
  });

  it("--dry-run into a new folder writes nothing", async () => {
    const app = path.join(repo, "apps", "dry");
    const result = await runCli(repo, ["scaffold", app, "--dry-run"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^created\s+src\/service\.ts$/m);
    expect(existsSync(app)).toBe(false);
    // The package binary takes the same arguments.
    await buildCodegen(repo);
    const viaBin = await run(process.execPath, [path.join(repo, "codegen", "bin", "codegen.mjs"), "scaffold", app, "--dry-run"], { cwd: repo });
    expect(viaBin.stdout).toBe(result.stdout);
    expect(existsSync(app)).toBe(false);
  });

  it.each([
    ["a project it did not create", { "package.json": '{"name":"someone-else"}\n' }, /holds a project that scaffold did not create/],
    ["a non-empty folder without a package.json", { "notes.txt": "mine\n" }, /is not empty and has no package\.json from scaffold/],
  ])("refuses %s with a clear message", async (_, files, message) => {
    const app = path.join(scratch.dir, `unrelated-${Object.keys(files)[0]}`);
    await mkdir(app, { recursive: true });
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(app, name), text);
    const result = await runCli(repo, ["scaffold", app]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(await readdir(app)).toEqual(Object.keys(files));
  });
});

describe("scaffold --worker", () => {
  // A copy of its own: the server tests above change the model of theirs.
  let repo: string;
  beforeAll(async () => {
    repo = await copyRepo(path.join(scratch.dir, "worker"));
  });
  const WORKER_FILES = ["package.json", "tsconfig.json", "README.md", "src/handle.ts", "src/worker.ts", "test/worker.test.ts"];
  /** The user's handle: reports success with a summary made from the action's configuration. */
  const implementHandle = async (app: string) => {
    const file = path.join(app, "src", "handle.ts");
    const text = await readFile(file, "utf8");
    const implemented = text.replace(/^  throw new Error\(`handle is not implemented.*$/m, '  return { outcome: "success", executionDetails: { summary: `deployed to ${job.data.actionConfiguration?.configuration?.["Stage"]}` } };');
    expect(implemented).not.toBe(text);
    await writeFile(file, implemented);
  };

  it("creates a worker project that typechecks, whose test fails until handle is written, and that npm start runs against the emulator until SIGTERM", async () => {
    const app = path.join(repo, "apps", "first-worker");
    const result = await runCli(repo, ["scaffold", app, "--worker", "--name", "my-worker"]);
    expect(result.code).toBe(0);
    for (const file of WORKER_FILES) expect(result.stdout).toMatch(new RegExp(`^created\\s+${file.replace(/\./g, "\\.")}$`, "m"));
    expect(result.stdout).toContain(`cd ${app} && npm install && npm test`);
    const manifest = JSON.parse(await readFile(path.join(app, "package.json"), "utf8"));
    expect(manifest.name).toBe("my-worker");
    expect(manifest.dependencies).toMatchObject({ "@codepipeline-partner/worker": "file:../../packages/worker", "@codepipeline-partner/client": "file:../../packages/client" });
    expect(manifest.devDependencies["@codepipeline-partner/server"]).toBe("file:../../packages/server");
    expect(manifest.codepipelinePartnerScaffold.kind).toBe("worker");

    const typechecked = await typecheck(app);
    expect(typechecked.code, typechecked.stdout).toBe(0);
    // Red: the emulator's job ends Failed with handle's "not implemented", and the test says so.
    const red = await projectTest(app, "test/worker.test.ts");
    expect(red.stdout).toMatch(/^# fail 1$/m);
    expect(red.stdout).toMatch(/job \S+ ended Failed: Error: handle is not implemented yet \(job \S+\): write the job's work in src\/handle\.ts/);
    expect(red.code).not.toBe(0);

    await implementHandle(app);
    expect((await typecheck(app)).stdout).toBe("");
    const green = await projectTest(app, "test/worker.test.ts");
    expect(green.stdout, green.stderr).toMatch(/^# pass 1$/m);
    expect(green.code).toBe(0);

    // npm start: configured from the environment, it takes a job the admin route creates and stops on SIGTERM.
    const emulator = createEmulator();
    const server = await emulator.listen();
    try {
      const env = {
        ...process.env,
        CODEPIPELINE_ACTION_TYPE: "Deploy/ThirdParty/AcmeDeploy/1",
        CODEPIPELINE_CLIENT_TOKEN: "token-acme",
        AWS_ENDPOINT_URL_CODEPIPELINE: server.url,
        AWS_ACCESS_KEY_ID: "AKIDTEST",
        AWS_SECRET_ACCESS_KEY: "test",
      };
      const worker = spawn(process.execPath, [TSX(), SOURCE_CONDITION, "src/worker.ts"], { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
      children.push(worker);
      let output = "";
      worker.stdout!.setEncoding("utf8").on("data", (text: string) => (output += text));
      worker.stderr!.setEncoding("utf8").on("data", (text: string) => (output += text));
      const exited = new Promise<number | null>((resolve) => worker.on("exit", (code) => resolve(code)));
      const created = await fetch(`${server.url}/_emulator/jobs`, {
        method: "POST",
        body: JSON.stringify({ clientToken: "token-acme", actionTypeId: { category: "Deploy", owner: "ThirdParty", provider: "AcmeDeploy", version: "1" }, actionConfiguration: { configuration: { Stage: "prod" } } }),
      });
      expect(created.status).toBe(201);
      const [{ id }] = ((await created.json()) as { jobs: [{ id: string }] }).jobs;
      for (let waited = 0; emulator.job(id)!.status !== "Succeeded"; waited += 50) {
        if (waited > 20_000 || worker.exitCode !== null) throw new Error(`job ${id} is ${emulator.job(id)!.status}; the worker printed:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(emulator.job(id)!.result?.executionDetails?.summary).toBe("deployed to prod");
      expect(output).toContain(`polling for Deploy/ThirdParty/AcmeDeploy/1 jobs at ${server.url}`);
      worker.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(output).toMatch(/SIGTERM: stopping.*\n.*stopped: every job taken was reported/);
      expect(emulator.jobs().map((job) => job.status)).toEqual(["Succeeded"]);

      // A setting that cannot work is one line naming the variable, and exit 2.
      const misconfigured = await run(process.execPath, [TSX(), SOURCE_CONDITION, "src/worker.ts"], { cwd: app, env: { ...env, CODEPIPELINE_ACTION_TYPE: "Cook/ThirdParty/AcmeDeploy/1" } });
      expect(misconfigured.code).toBe(2);
      expect(misconfigured.stderr.trim()).toBe(
        'error: CODEPIPELINE_ACTION_TYPE "Cook/ThirdParty/AcmeDeploy/1": its category must be one of Source, Build, Deploy, Test, Invoke, Approval, Compute; got "Cook".',
      );
    } finally {
      await server.close();
    }
  });

  it("brings src/worker.ts and the test up to date on a re-run and leaves the user's handle alone", async () => {
    const app = path.join(repo, "apps", "evolving-worker");
    expect((await runCli(repo, ["scaffold", app, "--worker"])).code).toBe(0);
    const fresh = await snapshot(app);
    await implementHandle(app);
    // A src/worker.ts from an older scaffold: still scaffold's (its first line says so), but out of date.
    const workerFile = path.join(app, "src", "worker.ts");
    const outdated = fresh.get("src/worker.ts")!.replace(', "Compute"', "");
    expect(outdated).not.toBe(fresh.get("src/worker.ts"));
    await writeFile(workerFile, outdated);
    const before = await snapshot(app);

    const dry = await runCli(repo, ["scaffold", app, "--worker", "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^updated\s+src\/worker\.ts$/m);
    expect(dry.stdout).toMatch(/^unchanged\s+src\/handle\.ts$/m);
    expect(await snapshot(app)).toEqual(before); // --dry-run wrote nothing

    const result = await runCli(repo, ["scaffold", app, "--worker"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^updated\s+src\/worker\.ts$/m);
    for (const file of ["package.json", "tsconfig.json", "README.md", "src/handle.ts", "test/worker.test.ts"]) {
      expect(result.stdout).toMatch(new RegExp(`^unchanged\\s+${file.replace(/\./g, "\\.")}$`, "m"));
    }
    const after = await snapshot(app);
    expect(after.get("src/worker.ts")).toBe(fresh.get("src/worker.ts"));
    expect(after.get("src/handle.ts")).toBe(before.get("src/handle.ts"));
    const tested = await projectTest(app, "test/worker.test.ts");
    expect(tested.stdout, tested.stderr).toMatch(/^# pass 1$/m);

    // Once the user takes the test over (its first line changed), scaffold leaves it alone.
    const testFile = path.join(app, "test", "worker.test.ts");
    const mine = after.get("test/worker.test.ts")!.replace(/^.*\n/, "// My test now.\n");
    await writeFile(testFile, mine);
    const again = await runCli(repo, ["scaffold", app, "--worker"]);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/^(created|updated)/m);
    expect(again.stdout).toMatch(/^needs attention\s+test\/worker\.test\.ts\s+\(you changed its first line, so scaffold no longer rewrites it/m);
    expect(await readFile(testFile, "utf8")).toBe(mine);
  });

  it.each([
    ["a server project with --worker", [], ["--worker"], /is a server project; scaffold would bring it up to date as a worker one\. Run scaffold without --worker on it/],
    ["a worker project without --worker", ["--worker"], [], /is a worker project; scaffold would bring it up to date as a server one\. Run scaffold with --worker on it/],
  ])("refuses %s, and changes nothing", async (_, first, second, message) => {
    const app = path.join(repo, "apps", `kind-${first.length}`);
    expect((await runCli(repo, ["scaffold", app, ...first])).code).toBe(0);
    const before = await snapshot(app);
    const result = await runCli(repo, ["scaffold", app, ...second]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // one message, no stack
    expect(await snapshot(app)).toEqual(before);
  });

  it("refuses a model without the partner job operations, saying which are missing", async () => {
    // A generated model of another service: one operation, none of the job loop's.
    const other = path.join(scratch.dir, "weather");
    await mkdir(path.join(other, "generated", "smithy"), { recursive: true });
    await writeFile(path.join(other, "smithy-build.json"), '{ "version": "1.0" }\n');
    await writeFile(
      path.join(other, "generated", "smithy", "model.json"),
      JSON.stringify({
        smithy: "2.0",
        shapes: {
          "example.weather#Weather": { type: "service", version: "2026-01-01", operations: [{ target: "example.weather#GetForecast" }], traits: { "aws.protocols#awsJson1_1": {} } },
          "example.weather#GetForecast": { type: "operation", input: { target: "example.weather#GetForecastInput" } },
          "example.weather#GetForecastInput": { type: "structure", members: { city: { target: "smithy.api#String" } } },
        },
      }),
    );
    const app = path.join(scratch.dir, "weather-worker");
    // And what generate writes for it, which a server project imports (the worker never does).
    for (const file of ["src/generated/server/service.ts", "src/generated/client/client.ts"]) {
      await mkdir(path.dirname(path.join(other, file)), { recursive: true });
      await writeFile(path.join(other, file), "export {};\n");
    }
    const result = await runCli(repo, ["scaffold", app, "--worker", "--root", other]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      "error: --worker needs the partner job operations (a job worker polls for jobs, acknowledges them and reports their results with them), and service example.weather#Weather lacks PollForThirdPartyJobs, AcknowledgeThirdPartyJob, GetThirdPartyJobDetails, PutThirdPartyJobSuccessResult, PutThirdPartyJobFailureResult; scaffold a server for it instead (without --worker).",
    );
    expect(existsSync(app)).toBe(false);
    // The same model scaffolds a server.
    expect((await runCli(repo, ["scaffold", app, "--root", other, "--dry-run"])).code).toBe(0);
  });

  it("--root reads a project outside the repository, its model where that project's codegen section puts it", async () => {
    const other = path.join(scratch.dir, "ledger");
    const model = {
      smithy: "2.0",
      shapes: {
        "example.ledger#Ledger": { type: "service", version: "2026-01-01", operations: [{ target: "example.ledger#GetBalance" }], traits: { "aws.protocols#awsJson1_0": {} } },
        "example.ledger#GetBalance": { type: "operation", input: { target: "example.ledger#GetBalanceInput" } },
        "example.ledger#GetBalanceInput": { type: "structure", members: { account: { target: "smithy.api#String" } } },
      },
    };
    const app = path.join(scratch.dir, "ledger-server");
    // No smithy-build.json: one line naming it, no stack.
    await mkdir(other, { recursive: true });
    const bare = await runCli(repo, ["scaffold", app, "--root", other]);
    expect(bare.code).toBe(1);
    expect(bare.stderr.trim()).toBe(`error: ${path.join(other, "smithy-build.json")} is missing: scaffold reads the project's model as \`generate\` built it; name the project with --root.`);

    await writeFile(path.join(other, "smithy-build.json"), JSON.stringify({ version: "1.0", codegen: { output: { model: "build/smithy-model" } } }));
    const missing = await runCli(repo, ["scaffold", app, "--root", other]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`error: ${path.join(other, "build", "smithy-model", "model.json")} is missing: run \`generate\` in the project first, or name the project with --root.`);

    // The model's JSON AST in the configured folder (and none in this repository's default one).
    await mkdir(path.join(other, "build", "smithy-model"), { recursive: true });
    await writeFile(path.join(other, "build", "smithy-model", "model.json"), JSON.stringify(model));
    // And the generated server and client, in the folders the section leaves at their defaults.
    for (const file of ["src/generated/server/service.ts", "src/generated/client/client.ts"]) {
      await mkdir(path.dirname(path.join(other, file)), { recursive: true });
      await writeFile(path.join(other, file), "export {};\n");
    }
    const result = await runCli(repo, ["scaffold", app, "--root", other]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(existsSync(path.join(other, "generated"))).toBe(false);
    // The server is the configured model's: its one operation, with the handler it names.
    expect(await readFile(path.join(app, "src", "service.ts"), "utf8")).toMatch(/getBalance/);
    // Outside the repository, the runtime comes from the registry, not a file: link into this checkout.
    const manifest = JSON.parse(await readFile(path.join(app, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(Object.values(manifest.dependencies).filter((range) => range.startsWith("file:"))).toEqual([]);
  });

  it("imports the generated server and client from the folders a project's codegen section names, and refuses while they are missing or turned off", async () => {
    const other = path.join(scratch.dir, "abacus");
    const model = {
      smithy: "2.0",
      shapes: {
        "example.abacus#Abacus": { type: "service", version: "2026-01-01", operations: [{ target: "example.abacus#Add" }], traits: { "aws.protocols#awsJson1_0": {} } },
        "example.abacus#Add": { type: "operation", input: { target: "example.abacus#AddInput" } },
        "example.abacus#AddInput": { type: "structure", members: { amount: { target: "smithy.api#Integer" } } },
      },
    };
    const output = { model: "gen/smithy", server: "lib/gen/server", client: "lib/gen/client" };
    await mkdir(path.join(other, "gen", "smithy"), { recursive: true });
    await writeFile(path.join(other, "gen", "smithy", "model.json"), JSON.stringify(model));
    await writeFile(path.join(other, "smithy-build.json"), JSON.stringify({ version: "1.0", codegen: { output } }));
    const app = path.join(other, "apps", "abacus-server");

    const missing = await runCli(repo, ["scaffold", app, "--root", other]);
    expect(missing.stderr.trim()).toBe(`error: ${path.join(other, "lib", "gen", "server", "service.ts")} is missing: run generate in ${other} first; the server project imports the generated server from there.`);
    expect(missing.code).toBe(1);
    expect(existsSync(app)).toBe(false);

    // What generate would write there; scaffold only names the files.
    for (const file of ["lib/gen/server/service.ts", "lib/gen/client/client.ts"]) {
      await mkdir(path.dirname(path.join(other, file)), { recursive: true });
      await writeFile(path.join(other, file), "export {};\n");
    }
    const result = await runCli(repo, ["scaffold", app, "--root", other]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const read = (file: string) => readFile(path.join(app, file), "utf8");
    expect(await read("src/service.ts")).toContain('import { createAbacusServiceHandler, type AbacusService } from "../../../lib/gen/server/service.js";');
    expect(await read("src/handlers/add.ts")).toContain('import type { AbacusService } from "../../../../lib/gen/server/service.js";');
    expect(await read("test/operations.test.ts")).toContain('import { AbacusClient } from "../../../lib/gen/client/client.js";');
    for (const file of ["src/main.ts", "test/operations.test.ts"]) expect(await read(file), file).toContain('import { listen } from "@codepipeline-partner/server/node";');
    const manifest = JSON.parse(await read("package.json")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter((name) => name.startsWith("@codepipeline-partner/"))).toEqual(["@codepipeline-partner/server"]);

    await writeFile(path.join(other, "smithy-build.json"), JSON.stringify({ version: "1.0", codegen: { output: { ...output, client: false } } }));
    const off = await runCli(repo, ["scaffold", path.join(other, "apps", "second"), "--root", other]);
    expect(off.stderr.trim()).toBe(
      `error: a server project imports the generated client, which the codegen section of ${path.join(other, "smithy-build.json")} turns off ("output": { "client": false }); give it a folder and run generate.`,
    );
    expect(off.code).toBe(1);
    expect(existsSync(path.join(other, "apps", "second"))).toBe(false);
  });
});
