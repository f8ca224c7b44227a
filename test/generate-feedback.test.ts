// What `npm run generate` says while it works, with the real toolchain in scratch copies:
// Smithy's warnings on a build that succeeds, Maven's downloads as one line per artifact
// when the local repository is empty (this fetches about 27 MB from Maven Central), and
// one line for the Maven step under CI.
import { existsSync } from "node:fs";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { copyRepo, scratchDir } from "./support/repo.js";

let scratch: Awaited<ReturnType<typeof scratchDir>>;

beforeAll(async () => {
  scratch = await scratchDir("generate-feedback");
});
afterAll(() => scratch.remove());

/** The environment of a developer's shell: not CI, unless the test says so. */
function environment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  if (!("CI" in extra)) delete env.CI;
  return env;
}

describe("Smithy's warnings", () => {
  it("are printed on a successful generate, each with file:line:col, and no NOTE", { timeout: 600_000 }, async () => {
    // A cached build prints no warnings: this copy must run Smithy, on every npm test.
    const root = await copyRepo(path.join(scratch.dir, "warnings"), { sharedCache: false });
    const model = path.join(root, "model", "codepipeline.smithy");
    const source = await readFile(model, "utf8");
    const accessKeyId = "@sensitive\nstring AccessKeyId";
    expect(source).toContain(accessKeyId);
    // One member targets AccessKeyId: deprecating the shape is one DeprecatedShape warning.
    await writeFile(model, source.replace(accessKeyId, `@deprecated(message: "rotate to session tokens")\n${accessKeyId}`));

    const result = await runCli(root, ["generate"], environment());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^generate: \d+ written, \d+ deleted, \d+ unchanged \(Smithy build ran/m);
    expect(result.stderr).toMatch(
      /^smithy: WARNING model\/codepipeline\.smithy:\d+:\d+ DeprecatedShape\.com\.amazonaws\.codepipeline#AccessKeyId: Member targets a deprecated shape, com\.amazonaws\.codepipeline#AccessKeyId\. rotate to session tokens$/m,
    );
    // The model suppresses EnumShape (its enum members keep AWS's names): a suppressed event is never printed.
    expect(result.stderr).not.toMatch(/EnumShape/);
    expect(result.stderr).not.toMatch(/NOTE|SUPPRESSED|──/);

    // A second generate reuses the build and is quiet.
    const again = await runCli(root, ["generate"], environment());
    expect(again.code).toBe(0);
    expect(again.stderr).toBe("");
  });
});

describe("Maven's downloads", () => {
  it("show one line per artifact into an empty local repository, and one line under CI on a warm one", { timeout: 900_000 }, async () => {
    const root = await copyRepo(path.join(scratch.dir, "maven"), { sharedCache: false });
    const localRepository = path.join(scratch.dir, "m2");
    const maven = { MAVEN_OPTS: `${process.env.MAVEN_OPTS ?? ""} -Dmaven.repo.local=${localRepository}`.trim() };

    const cold = await runCli(root, ["generate"], environment(maven));
    expect(cold.code, cold.stderr).toBe(0);
    expect(existsSync(path.join(localRepository, "software", "amazon", "smithy"))).toBe(true);
    const lines = cold.stderr.split("\n");
    expect(lines[0]).toBe("smithy: resolving the Smithy jars with Maven (the first run downloads them)");
    const downloads = lines.filter((line) => line.startsWith("smithy: downloading "));
    expect(downloads.length).toBeGreaterThan(20);
    expect(downloads).toContainEqual(expect.stringMatching(/^smithy: downloading software\.amazon\.smithy:smithy-model:[\d.]+ \(#\d+, [\d.]+ (B|kB|MB) so far\)$/));
    expect(downloads.every((line) => /^smithy: downloading [\w.-]+:[\w.-]+:[\w.-]+ \(#\d+, [\d.]+ (B|kB|MB) so far\)$/.test(line))).toBe(true);
    // One line per artifact: no artifact twice, and none of Maven's own lines.
    expect(new Set(downloads.map((line) => line.replace(/ \(.*/, ""))).size).toBe(downloads.length);
    expect(cold.stderr).not.toMatch(/Downloading from|Downloaded from|\[INFO\]/);
    expect(cold.stderr).toMatch(/^smithy: Maven downloaded \d+ artifacts \(\d+ files, [\d.]+ MB\) in [\d.]+ s$/m);

    // Warm local repository, classpath list gone, under CI: the Maven step is one line.
    const cache = path.join(root, ".cache", "smithy");
    for (const file of await readdir(cache)) if (file.startsWith("classpath-")) await rm(path.join(cache, file));
    const warm = await runCli(root, ["generate", "--no-cache"], environment({ ...maven, CI: "true" }));
    expect(warm.code, warm.stderr).toBe(0);
    const mavenLines = warm.stderr.split("\n").filter((line) => /maven/i.test(line));
    expect(mavenLines).toEqual([expect.stringMatching(/^smithy: resolved the Smithy jars with Maven in [\d.]+ s \(nothing downloaded\)$/)]);
    expect(warm.stderr).not.toMatch(/downloading/);
  });
});
