// The codegen CLI as a user meets it: each command's --help, a mistyped flag answered with
// one line and the usage (never a stack), and a project named by --root from any folder.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../codegen/src/smithy/toolchain.js";
import { REPO_ROOT } from "./support/repo.js";

const TSX = path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const cli = (args: string[], cwd = REPO_ROOT) => run(process.execPath, [TSX, path.join(REPO_ROOT, "codegen", "src", "cli.ts"), ...args], { cwd });

describe("codegen CLI", () => {
  it.each(["generate", "check", "scaffold"])("%s --help prints that command's usage", async (command) => {
    const result = await cli([command, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^usage: codepipeline-partner-codegen ${command} `));
    expect(result.stdout).toContain("--root DIR");
  });

  it.each([
    [["generate", "--bogus"], "error: generate does not take --bogus", "usage: codepipeline-partner-codegen generate"],
    [["scaffold", "app", "--name"], "error: Option '--name <value>' argument missing", "usage: codepipeline-partner-codegen scaffold"],
    [["--nope"], "error: Unknown option '--nope'", "usage: codepipeline-partner-codegen <command>"],
  ])("%j: one line, the usage, exit 2", async (args, line, usage) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    const [first, blank, ...rest] = result.stderr.split("\n");
    expect(first).toBe(line);
    expect(blank).toBe("");
    expect(rest[0]).toMatch(new RegExp(`^${usage.replace(/[.*<>]/g, "\\$&")}`));
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("reads the project named by --root, not the folder the CLI lives in or runs from", async () => {
    const app = path.join(tmpdir(), `cli-root-${process.pid}`, "app");
    const result = await cli(["scaffold", app, "--dry-run", "--root", REPO_ROOT], tmpdir());
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^created\s+package\.json$/m);
    const elsewhere = await cli(["scaffold", app, "--dry-run"], tmpdir());
    expect(elsewhere.code).toBe(1);
    // The folder it runs from is no project: it names the configuration it looked for.
    expect(elsewhere.stderr).toBe(`error: ${path.join(tmpdir(), "smithy-build.json")} is missing: scaffold reads the project's model as \`generate\` built it; name the project with --root.\n`);
  });

  it("refuses a codegen section it cannot follow with one line naming the file and the setting, before any build", async () => {
    const project = await mkdtemp(path.join(tmpdir(), "cli-config-"));
    try {
      await mkdir(path.join(project, "model"));
      await writeFile(path.join(project, "model", "empty.smithy"), '$version: "2"\nnamespace example.empty\n');
      const config = path.join(project, "smithy-build.json");
      await writeFile(config, JSON.stringify({ version: "1.0", codegen: { output: { client: "../elsewhere" } } }));
      const outside = await cli(["generate", "--root", project]);
      expect(outside.stderr).toBe(`error: ${config}: "codegen".output.client is outside the project root ("../elsewhere"); output folders must be inside it.\n`);
      expect(outside.code).toBe(1);
      await writeFile(config, JSON.stringify({ version: "1.0", codegen: { outputs: {} } }));
      const typo = await cli(["check", "--root", project]);
      expect(typo.stderr).toBe(`error: ${config}: "codegen" has an unknown setting "outputs"; it takes "service", "output", "packages", "runtime".\n`);
      expect(typo.code).toBe(1);
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });
});
