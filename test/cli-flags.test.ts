// The codegen CLI's command lines as a user types them, run as processes: each command
// takes its own flags and refuses the rest (one line naming the flag and the command,
// then that command's usage, exit 2); a --service the model lacks is one line naming the
// services it has; and the summary line says whether Smithy ran.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILDING_LINE, run } from "../codegen/src/smithy/toolchain.js";
import { REPO_ROOT } from "./support/repo.js";

const TSX = path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const cli = (args: string[], cwd = REPO_ROOT) => run(process.execPath, [TSX, path.join(REPO_ROOT, "codegen", "src", "cli.ts"), ...args], { cwd });

const usageOf = async (command: string) => {
  const help = await cli([command, "--help"]);
  expect(help.code).toBe(0);
  return help.stdout.trimEnd();
};

/** The echo fixture: one service, example.echo#Echo. */
const ECHO_MODEL = path.join(REPO_ROOT, "test", "fixtures", "echo-json10");
/** Plugins that work on one service, with no service named: the codegen fills it in. */
const SERVICE_PLUGINS = {
  openapi: { protocol: "aws.protocols#awsJson1_0", version: "3.1.0" },
  "json-schema": { jsonSchemaVersion: "draft2020-12" },
};
const NOPE = "com.example#Nope";

describe("each command takes its own flags", () => {
  it.each([
    [["generate", "--dry-run"], "error: generate does not take --dry-run (scaffold does)"],
    [["generate", "--name", "app"], "error: generate does not take --name (scaffold does)"],
    [["generate", "--bogus"], "error: generate does not take --bogus"],
    [["generate", "--watch", "--no-cache"], "error: generate --watch does not take --no-cache"],
    [["generate", "extra"], "error: generate takes no arguments; found 'extra'"],
    [["check", "--watch", "--worker"], "error: check does not take --watch (generate does)"],
    [["check", "--worker"], "error: check does not take --worker (scaffold does)"],
    [["check", "--dry-run"], "error: check does not take --dry-run (scaffold does)"],
    [["scaffold", "app", "--watch"], "error: scaffold does not take --watch (generate does)"],
    [["scaffold", "app", "--no-cache"], "error: scaffold does not take --no-cache (generate and check do)"],
    [["scaffold"], "error: scaffold needs <dir>"],
    [["scaffold", "app", "more"], "error: scaffold takes only <dir>; found 'more' after it"],
    [["scaffold", "app", "--name"], "error: Option '--name <value>' argument missing"],
    [["--root", ".", "check", "-x"], "error: check does not take -x"],
  ])("%j: one line, that command's usage, exit 2", async (args, line) => {
    // A folder with a model, where a flag taken for another command's would write.
    const project = await mkdtemp(path.join(tmpdir(), "cli-flags-"));
    try {
      await cp(ECHO_MODEL, path.join(project, "model"), { recursive: true });
      await writeFile(path.join(project, "smithy-build.json"), JSON.stringify({ version: "1.0" }));
      const result = await cli(args, project);
      expect(result.code).toBe(2);
      const [first, blank, ...rest] = result.stderr.trimEnd().split("\n");
      expect(first).toBe(line);
      expect(blank).toBe("");
      const command = args.find((arg) => ["generate", "check", "scaffold"].includes(arg))!;
      expect(rest.join("\n")).toBe(await usageOf(command));
      expect(result.stdout).toBe("");
      // Refused before anything ran: nothing written, no cache made.
      expect((await readdir(project)).sort()).toEqual(["model", "smithy-build.json"]);
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });

  it("an unknown command gets the general usage", async () => {
    const result = await cli(["frob", "--watch"]);
    expect(result.code).toBe(2);
    const [first, blank, second] = result.stderr.split("\n");
    expect([first, blank, second]).toEqual(["error: unknown command 'frob'", "", "usage: codepipeline-partner-codegen <command> [options]"]);
  });

  it.each(["generate", "check", "scaffold"])("%s: --help and -h, before or after the command, print its usage and exit 0", async (command) => {
    const usage = await usageOf(command);
    expect(usage.split("\n")[0]).toMatch(new RegExp(`^usage: codepipeline-partner-codegen ${command} `));
    for (const args of [["-h", command], ["--root", "elsewhere", command, "--help"]]) {
      const result = await cli(args);
      expect(result.code).toBe(0);
      expect(result.stdout.trimEnd()).toBe(usage);
    }
    // Every flag a command's usage names, it takes (a refused one would be named on stderr).
    const named = [...new Set([...usage.matchAll(/--[a-z-]+/g)].map(([flag]) => flag))];
    expect(named).toContain("--help");
    expect(named.length).toBeGreaterThan(3);
    const all = await cli([command, ...named.filter((flag) => flag !== "--help").flatMap((flag) => (["--root", "--service", "--name"].includes(flag) ? [flag, "x"] : [flag])), "--help"]);
    expect(all.stderr).toBe("");
    expect(all.stdout.trimEnd()).toBe(usage);
    expect(all.code).toBe(0);
  });
});

// One project through every case, so that the toolchain's jars and compiled extension are
// resolved once (its .cache/smithy); each case writes its own smithy-build.json.
describe("a project's builds", () => {
  let project: string;
  const config = (value: object) => writeFile(path.join(project, "smithy-build.json"), JSON.stringify({ version: "1.0", ...value }));
  const errorLines = (stderr: string) => stderr.split("\n").filter((line) => line !== "" && !line.startsWith("smithy: "));

  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), "cli-builds-"));
    await cp(ECHO_MODEL, path.join(project, "model"), { recursive: true });
    await mkdir(path.join(project, "elsewhere"));
  });
  afterAll(async () => {
    await rm(project, { recursive: true, force: true });
  });

  it("a model's single service, named nowhere: the first run says Smithy ran, and Smithy runs once", async () => {
    await config({});
    const first = await cli(["generate"], project);
    expect(first.stderr.split("\n").filter((line) => line === BUILDING_LINE)).toHaveLength(1);
    expect(first.code).toBe(0);
    expect(first.stdout.trimEnd().split("\n").at(-1)).toMatch(/^generate: \d+ written, 0 deleted, 0 unchanged \(Smithy build ran; \d+ ms\)$/);
    const again = await cli(["generate"], project);
    expect(again.stderr).not.toContain(BUILDING_LINE);
    expect(again.stdout.trimEnd()).toMatch(/^generate: 0 written, 0 deleted, \d+ unchanged \(model unchanged, Smithy build reused(, generator unchanged, outputs reused)?; \d+ ms\)$/);
    const rebuilt = await cli(["generate", "--no-cache"], project);
    expect(rebuilt.stderr.split("\n").filter((line) => line === BUILDING_LINE)).toHaveLength(1);
    expect(rebuilt.stdout.trimEnd()).toMatch(/^generate: 0 written, 0 deleted, \d+ unchanged \(Smithy build ran; \d+ ms\)$/);
  });

  it("scaffold --service the generated model lacks: the same line, naming the model it read", async () => {
    await config({});
    const result = await cli(["scaffold", path.join(project, "elsewhere", "app"), "--dry-run", "--service", NOPE], project);
    expect(result.stderr).toBe(`error: --service names ${NOPE}, which is not a service of the model in generated/smithy/; its services: example.echo#Echo.\n`);
    expect(result.code).toBe(1);
  });

  it.each([
    ["no plugin needs the service (Smithy builds, the JSON AST lacks it)", {}],
    ["the plugins get the service (Smithy's plugins fail on it)", { plugins: SERVICE_PLUGINS }],
  ])("--service the model lacks, %s: one line naming the services it has", async (_, settings) => {
    await config(settings);
    const result = await cli(["generate", "--service", NOPE], project);
    expect(errorLines(result.stderr)).toEqual([`error: --service names ${NOPE}, which is not a service of the model in model/; its services: example.echo#Echo.`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
  });

  it("a codegen section naming a service the model lacks: the same line, naming the file", async () => {
    await config({ codegen: { service: NOPE }, plugins: SERVICE_PLUGINS });
    const result = await cli(["check"], project);
    const file = path.join(project, "smithy-build.json");
    expect(errorLines(result.stderr)).toEqual([`error: ${file} names ${NOPE}, which is not a service of the model in model/; its services: example.echo#Echo.`]);
    expect(result.code).toBe(1);
  });

  it("plugins that need the service, named nowhere: Smithy runs once per model change while the service stays the same", async () => {
    const smithyRuns = (stderr: string) => stderr.split("\n").filter((line) => line === BUILDING_LINE).length;
    const model = path.join(project, "model", "echo.smithy");
    const text = await readFile(model, "utf8");
    await config({ plugins: SERVICE_PLUGINS });
    // The service the run before found (example.echo#Echo) is tried first.
    const first = await cli(["generate"], project);
    expect([first.code, smithyRuns(first.stderr)]).toEqual([0, 1]);
    expect(first.stdout).toContain("wrote   generated/openapi/echo.openapi.json");
    expect(first.stdout.trimEnd().split("\n").at(-1)).toMatch(/ \(Smithy build ran; \d+ ms\)$/);
    await writeFile(model, text.replace("/// Answers each number negated.", "/// Answers each number negated, as it was asked."));
    const changed = await cli(["generate"], project);
    expect([changed.code, smithyRuns(changed.stderr)]).toEqual([0, 1]);
    expect(changed.stdout).toContain("wrote   generated/smithy/model.json");
    // The service renamed: the remembered name fails, and the model that build validated names the new one.
    await writeFile(model, text.replace("service Echo {", "service Echo2 {"));
    const renamed = await cli(["generate"], project);
    expect([renamed.code, smithyRuns(renamed.stderr)]).toEqual([0, 2]);
    expect(renamed.stderr).not.toContain("error");
    expect(renamed.stdout.trimEnd().split("\n").at(-1)).toMatch(/ \(Smithy build ran; \d+ ms\)$/);
  });
});
