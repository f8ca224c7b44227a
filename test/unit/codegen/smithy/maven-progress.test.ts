// Maven's transfer log condensed to one line per artifact: checked on the output of a real
// first resolution (test/fixtures/toolchain/maven-cold-resolve.log: Maven 3.8.7, -B, an
// empty local repository, the toolchain's pom.xml with Smithy 1.73.0).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { artifactOf, isCI, MavenProgress, parseTransfer } from "../../../../codegen/src/smithy/maven-progress.js";
import { REPO_ROOT } from "../../../support/repo.js";

const coldResolve = () => readFile(path.join(REPO_ROOT, "test", "fixtures", "toolchain", "maven-cold-resolve.log"), "utf8");

function condense(output: string, quiet = false): { lines: string[]; progress: MavenProgress } {
  const lines: string[] = [];
  const progress = new MavenProgress((line) => lines.push(line), quiet);
  for (const line of output.split("\n")) progress.line(line);
  return { lines, progress };
}

describe("a first resolution into an empty local repository", () => {
  it("is one line per artifact, numbered, with the bytes so far, instead of two per file", async () => {
    const output = await coldResolve();
    const { lines, progress } = condense(output);
    const transferLines = output.split("\n").filter((line) => /Download(ing|ed) from/.test(line));
    expect(transferLines.length).toBe(530);
    expect(lines.length).toBe(192);
    expect(new Set(lines.map((line) => line.replace(/ \(.*/, ""))).size).toBe(192);
    expect(lines[0]).toBe("smithy: downloading org.apache.maven.plugins:maven-dependency-plugin:3.8.1 (#1, 0 B so far)");
    expect(lines).toContain("smithy: downloading software.amazon.smithy:smithy-model:1.73.0 (#7, 315 kB so far)");
    expect(lines.every((line) => /^smithy: downloading [\w.-]+:[\w.-]+:[\w.-]+ \(#\d+, [\d.]+ (B|kB|MB) so far\)$/.test(line))).toBe(true);
    expect(progress.downloaded()).toBe("downloaded 192 artifacts (265 files, 27.3 MB)");
  });

  it("under CI is no line at all until the step's summary", async () => {
    const { lines, progress } = condense(await coldResolve(), true);
    expect(lines).toEqual([]);
    expect(progress.downloaded()).toBe("downloaded 192 artifacts (265 files, 27.3 MB)");
  });

  it("on a warm local repository (no transfer lines) is silent", () => {
    const warm = ["[INFO] Scanning for projects...", "[INFO] --- maven-dependency-plugin:3.8.1:build-classpath (default-cli) @ smithy-toolchain ---", "[INFO] BUILD SUCCESS"];
    const { lines, progress } = condense(warm.join("\n"));
    expect(lines).toEqual([]);
    expect(progress.downloaded()).toBeUndefined();
  });
});

describe("parseTransfer", () => {
  it("reads the repository, the artifact and a finished file's size", () => {
    expect(
      parseTransfer(
        "\u001b[0m[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/software/amazon/smithy/smithy-model/1.73.0/smithy-model-1.73.0.jar (1.4 MB at 2.5 MB/s)",
      ),
    ).toEqual({
      done: true,
      repository: "central",
      url: "https://repo.maven.apache.org/maven2/software/amazon/smithy/smithy-model/1.73.0/smithy-model-1.73.0.jar",
      artifact: "software.amazon.smithy:smithy-model:1.73.0",
      bytes: 1_400_000,
    });
    expect(parseTransfer("Downloading from corp: https://nexus.corp/repository/maven-public/org/ow2/asm/asm/9.7/asm-9.7.pom")).toMatchObject({
      done: false,
      repository: "corp",
      artifact: "org.ow2.asm:asm:9.7",
      bytes: undefined,
    });
    expect(parseTransfer("[INFO] BUILD SUCCESS")).toBeUndefined();
  });

  it.each([
    ["https://repo1.maven.org/maven2/javax/inject/javax.inject/1/javax.inject-1.pom", "javax.inject:javax.inject:1"],
    ["https://example.jfrog.io/artifactory/libs-release/org/slf4j/slf4j-api/1.7.36/slf4j-api-1.7.36.jar", "org.slf4j:slf4j-api:1.7.36"],
    ["https://mirror.example/some/path/org/slf4j/slf4j-api/1.7.36/slf4j-api-1.7.36.jar", "slf4j-api:1.7.36"],
    ["https://repo.maven.apache.org/maven2/org/ow2/asm/asm/maven-metadata.xml", undefined],
  ])("names %s as %s", (url, artifact) => {
    expect(artifactOf(url)).toBe(artifact);
  });
});

describe("isCI", () => {
  it.each([
    [{ CI: "true" }, true],
    [{ CI: "1" }, true],
    [{ CI: "false" }, false],
    [{ CI: "0" }, false],
    [{ CI: "" }, false],
    [{}, false],
  ])("%j is %s", (env, expected) => {
    expect(isCI(env)).toBe(expected);
  });
});
