// Scaffolding a server project, running it, and re-scaffolding after a model change
// without losing a byte of the user's code; --dry-run; refusals. (generate --watch: test/watch.test.ts.)
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../codegen/src/smithy/toolchain.js";
import { addExtraOperation } from "./fixtures/extra-operation.js";
import { SERVICE } from "./fixtures/facts.js";
import { runCli } from "./support/cli.js";
import { copyRepo, scratchDir, SOURCE_CONDITION } from "./support/repo.js";

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
const projectTest = (project: string) => run(process.execPath, [TSX(), SOURCE_CONDITION, "--test", "--test-reporter=tap", "test/operations.test.ts"], { cwd: project });

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
    // The implemented handler passes; the others still say "not implemented" (the new
    // operation answers ValidationException first: its sample input misses a @pattern).
    expect(tested.stdout).toMatch(/^# pass 1$/m);
    expect(tested.stdout).toMatch(new RegExp(`^# fail ${SERVICE.operations.length}$`, "m"));

    // Running it once more changes nothing.
    const again = await runCli(repo, ["scaffold", app]);
    expect(again.stdout).not.toMatch(/^(created|updated)/m);
    expect(await snapshot(app)).toEqual(after);
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
