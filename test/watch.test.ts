// `generate --watch` as a user runs it, in a scratch copy of the repository: saves by
// rename (as sed -i and most editors make them) each give one run naming the model file
// and never the temp file; Smithy's warnings follow a run's line; an invalid model shows
// Smithy's diagnostics without stopping the watch, and the next valid save recovers.
// With --service, a model of several services is watched and generated for that one.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { copyRepo, REPO_ROOT, scratchDir } from "./support/repo.js";

let scratch: Awaited<ReturnType<typeof scratchDir>>;
let child: ChildProcess | undefined;

beforeAll(async () => {
  scratch = await scratchDir("watch");
});
afterAll(async () => {
  child?.kill();
  await scratch.remove();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `generate --watch` (with `args`) of the codegen at `codegenRoot`, run in `cwd`: its output as it comes, and a wait for it. */
function startWatcher(cwd: string, codegenRoot: string, args: string[] = []) {
  const env = { ...process.env };
  delete env.CI;
  const watcher = spawn(process.execPath, [path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), path.join(codegenRoot, "codegen", "src", "cli.ts"), "generate", "--watch", ...args], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = watcher;
  const output = { stdout: "", stderr: "" };
  watcher.stdout!.setEncoding("utf8").on("data", (text: string) => (output.stdout += text));
  watcher.stderr!.setEncoding("utf8").on("data", (text: string) => (output.stderr += text));
  const runs = () => output.stdout.match(/^\[watch\] .*$/gm) ?? [];
  const waitFor = async (what: string, done: () => boolean) => {
    for (const started = Date.now(); !done(); await sleep(200)) {
      const seen = `${output.stdout}\n--- stderr:\n${output.stderr}`;
      if (Date.now() - started > 300_000) throw new Error(`no ${what} in:\n${seen}`);
      if (watcher.exitCode !== null) throw new Error(`the watcher exited (${watcher.exitCode}) waiting for ${what}:\n${seen}`);
    }
  };
  return { watcher, output, runs, waitFor };
}

it("regenerates once per save by rename, shows warnings, reports an invalid model and recovers", { timeout: 900_000 }, async () => {
  // Each edit must run Smithy (a cached build prints no warnings), on a second npm test too.
  const root = await copyRepo(scratch.dir, { sharedCache: false });
  const { watcher, output, runs, waitFor } = startWatcher(root, root);

  await waitFor("first run", () => runs().length === 1);
  expect(runs()[0]).toMatch(/^\[watch\] start: \d+ file\(s\) changed.* in \d+ ms$/);
  expect(output.stderr).toMatch(/\[watch\] watching model; Ctrl-C stops/);

  const openapi = path.join(root, "generated", "openapi", "codepipeline.openapi.json");
  const startOpenapi = await readFile(openapi, "utf8");
  const modelDir = path.join(root, "model");
  const model = path.join(modelDir, "codepipeline.smithy");
  const source = await readFile(model, "utf8");
  // As sed -i saves: the new text in a temp file beside the model, renamed over it.
  const saveByRename = async (text: string) => {
    const temp = path.join(modelDir, `sed${Math.random().toString(36).slice(2, 8)}`);
    await writeFile(temp, text);
    await rename(temp, model);
  };
  const jobId = "@length(min: 1, max: 512)\nstring ThirdPartyJobId";
  expect(source).toContain(jobId);
  const edits = [
    source.replace(jobId, "@length(min: 1, max: 600)\nstring ThirdPartyJobId"),
    source.replace(jobId, "@length(min: 1, max: 601)\nstring ThirdPartyJobId"),
    // Deprecating a shape makes every member that targets it a Smithy warning.
    source.replace(jobId, '@deprecated(message: "use JobId")\n@length(min: 1, max: 602)\nstring ThirdPartyJobId'),
  ];
  for (const [index, text] of edits.entries()) {
    await sleep(1_000);
    await saveByRename(text);
    await waitFor(`run ${index + 2}`, () => runs().length === index + 2);
    expect(runs()[index + 1]).toMatch(/^\[watch\] model\/codepipeline\.smithy: [1-9]\d* file\(s\) changed \(.+\) in \d+ ms$/);
  }
  // Three saves, three runs; no temp file was ever named.
  await sleep(2_000);
  expect(runs().length).toBe(4);
  expect(output.stdout).not.toMatch(/sed[a-z0-9]{6}/);
  expect(output.stdout).toMatch(
    /^\[watch\] model\/codepipeline\.smithy: .*\n(?:smithy: .*\n)*smithy: WARNING model\/codepipeline\.smithy:\d+:\d+ DeprecatedShape\.com\.amazonaws\.codepipeline#ThirdPartyJobId: Member targets a deprecated shape, com\.amazonaws\.codepipeline#ThirdPartyJobId\. use JobId$/m,
  );
  // Not the toolchain's per-build step line: one line per run, then the warnings.
  expect(output.stderr).not.toMatch(/building the model/);

  await sleep(1_000);
  await saveByRename(source.replace("jobId: ThirdPartyJobId", "jobId: NoSuchShape"));
  await waitFor("the invalid model's run", () => runs().length === 5);
  expect(runs()[4]).toMatch(/^\[watch\] model\/codepipeline\.smithy: Smithy rejected the model in model\/; its diagnostics follow\. \(\d+ ms\)$/);
  expect(output.stdout).toMatch(/File:\s+model\/codepipeline\.smithy:\d+:\d+/);
  expect(output.stdout).toMatch(/NoSuchShape/);
  expect(watcher.exitCode).toBeNull();

  await sleep(1_000);
  await saveByRename(source);
  await waitFor("the recovery", () => runs().length === 6);
  expect(runs()[5]).toMatch(/^\[watch\] model\/codepipeline\.smithy: [1-9]\d* file\(s\) changed \(.+\) in \d+ ms$/);
  expect(await readFile(openapi, "utf8")).toBe(startOpenapi);
  await sleep(2_000);
  expect(runs().length).toBe(6);
  watcher.kill();
});

// Two services in one model; smithy-build.json names neither, so each run needs --service.
const PETS = `$version: "2"

namespace example.pets

use aws.auth#sigv4
use aws.protocols#awsJson1_0

@awsJson1_0
@sigv4(name: "cats")
service Cats {
    version: "2026-01-01"
    operations: [GetCat]
}

@awsJson1_0
@sigv4(name: "dogs")
service Dogs {
    version: "2026-01-01"
    operations: [GetDog]
}

operation GetCat {
    input := { name: String }
}

operation GetDog {
    input := { name: String }
}
`;

it("--watch --service generates the named service of a model with several, on every save", { timeout: 600_000 }, async () => {
  const root = path.join(scratch.dir, "pets");
  await mkdir(path.join(root, "model"), { recursive: true });
  const model = path.join(root, "model", "pets.smithy");
  await writeFile(model, PETS);
  // Only the model's JSON AST and the docs: enough to see which service was generated.
  const output = { types: false, validators: false, client: false, server: false };
  await writeFile(path.join(root, "smithy-build.json"), JSON.stringify({ version: "1.0", codegen: { output } }, null, 2));
  const { watcher, runs, waitFor } = startWatcher(root, REPO_ROOT, ["--service", "example.pets#Dogs"]);
  const docs = path.join(root, "generated", "docs");

  await waitFor("first run", () => runs().length === 1);
  expect(runs()[0]).toMatch(/^\[watch\] start: 3 file\(s\) changed \(generated\/docs\/GetDog\.md, generated\/docs\/index\.md, generated\/smithy\/model\.json\) in \d+ ms$/);
  expect((await readdir(docs)).sort()).toEqual(["GetDog.md", "index.md"]);

  // A save by rename that gives each service a second operation: Dogs' is generated, Cats' is not.
  await sleep(1_000);
  const temp = path.join(root, "model", "sedPets1");
  await writeFile(
    temp,
    PETS.replace("operations: [GetCat]", "operations: [GetCat, PetCat]")
      .replace("operations: [GetDog]", "operations: [GetDog, WalkDog]")
      .concat("\noperation PetCat {}\n\noperation WalkDog {}\n"),
  );
  await rename(temp, model);
  await waitFor("the run after the save", () => runs().length === 2);
  expect(runs()[1]).toMatch(/^\[watch\] model\/pets\.smithy: 3 file\(s\) changed \(generated\/docs\/index\.md, generated\/docs\/WalkDog\.md, generated\/smithy\/model\.json\) in \d+ ms$/);
  expect((await readdir(docs)).sort()).toEqual(["GetDog.md", "WalkDog.md", "index.md"]);
  expect(existsSync(path.join(docs, "PetCat.md"))).toBe(false);
  watcher.kill();
});
