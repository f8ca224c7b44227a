// Runs the official Smithy toolchain: Maven resolves the pinned jars, javac compiles our
// small smithy-openapi extension, and SmithyCli builds the model. Every step is cached
// under .cache/ by a content hash, so an unchanged model never starts the JVM.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { GenerateError } from "../errors.js";
import { hashTree, listFiles } from "../files.js";
import { parseEvents, warningLines } from "./diagnostics.js";
import { isCI, MavenProgress } from "./maven-progress.js";
import { CODEGEN_DIR } from "../versions.js";

/** The folder holding pom.xml and the extension, as the generated files' headers name it. */
export const TOOLCHAIN_DIR = "codegen/smithy";
/** That folder on disk: it ships inside the codegen package, whatever project it generates for. */
export const TOOLCHAIN_PATH = path.join(CODEGEN_DIR, "smithy");
export const BUILD_CONFIG = "smithy-build.json";
/** Logged as each Smithy build starts (watch mode leaves it out of its one line per run). */
export const BUILDING_LINE = "smithy: building the model (JVM)";

export interface SmithyBuildOptions {
  /** Repository root: holds smithy-build.json and codegen/smithy/. */
  root: string;
  /** The folder of .smithy sources to build. */
  modelDir: string;
  /** The smithy-build.json to use (default: `<root>/smithy-build.json`). */
  configPath?: string;
  /** Where the classpath, the compiled extension and finished builds are kept. */
  cacheDir: string;
  /** Reuse a finished build of identical inputs (default true). */
  useCache?: boolean;
  log?: (line: string) => void;
}

/** A failed Smithy build; `model` is its JSON AST when the model validated and a plugin failed. */
export class SmithyRejection extends GenerateError {
  constructor(
    message: string,
    details: string,
    readonly model: string | undefined,
  ) {
    super(message, details);
  }
}

export interface SmithyBuild {
  /** The source projection's artifacts, keyed by path (`openapi/X.openapi.json`). */
  files: Map<string, string>;
  /** True when the files came from the cache and no JVM was started. */
  fromCache: boolean;
  inputHash: string;
}

/**
 * The content hash of everything a build reads (the model, smithy-build.json and
 * codegen/smithy/), after checking they exist: it names the build in the cache.
 */
export async function buildInputHash(options: Pick<SmithyBuildOptions, "root" | "modelDir" | "configPath">): Promise<string> {
  const { root, modelDir } = options;
  const toolchainDir = TOOLCHAIN_PATH;
  const configPath = options.configPath ?? path.join(root, BUILD_CONFIG);
  if (!existsSync(modelDir)) {
    throw new GenerateError(`The model folder ${modelDir} does not exist.`);
  }
  for (const needed of [configPath, path.join(toolchainDir, "pom.xml")]) {
    if (!existsSync(needed)) throw new GenerateError(`${needed} is missing; it configures the Smithy build.`);
  }
  return hashTree([
    ["model", modelDir],
    [BUILD_CONFIG, configPath],
    [TOOLCHAIN_DIR, toolchainDir],
  ]);
}

export async function buildModel(options: SmithyBuildOptions): Promise<SmithyBuild> {
  const { root, modelDir, cacheDir } = options;
  const log = options.log ?? (() => {});
  const toolchainDir = TOOLCHAIN_PATH;
  const configPath = options.configPath ?? path.join(root, BUILD_CONFIG);
  const inputHash = await buildInputHash(options);
  const buildDir = path.join(cacheDir, "builds", inputHash);
  if ((options.useCache ?? true) && existsSync(path.join(buildDir, ".complete"))) {
    // Another process may prune it while we read: then it is a miss, and we build.
    const files = await readTree(buildDir).catch(() => undefined);
    if (files) {
      const now = new Date();
      await utimes(buildDir, now, now).catch(() => {}); // recently used: kept by pruneBuilds
      return { files, fromCache: true, inputHash };
    }
  }

  const java = await findJava();
  const classpath = await resolveClasspath(toolchainDir, cacheDir, log);
  const extension = await compileExtension(java, toolchainDir, classpath, cacheDir, log);

  const scratch = path.join(cacheDir, "builds", `${inputHash}.${process.pid}.${randomBytes(4).toString("hex")}`);
  log(BUILDING_LINE);
  const result = await run(java.java, [
    "-cp",
    [...classpath, extension].join(path.delimiter),
    "software.amazon.smithy.cli.SmithyCli",
    "build",
    "--discover",
    "--no-color",
    "--config",
    configPath,
    "--output",
    scratch,
    modelDir,
  ]);
  if (result.code !== 0) {
    // Smithy writes the JSON AST before the plugins run: present when the model was valid.
    const model = await readFile(path.join(scratch, "source", "model", "model.json"), "utf8").catch(() => undefined);
    await rm(scratch, { recursive: true, force: true });
    throw new SmithyRejection(
      `Smithy rejected the model in ${path.relative(root, modelDir) || modelDir}/; its diagnostics follow.`,
      withoutStackTraces(result.stdout + result.stderr),
      model,
    );
  }
  // A build that passes may still warn (a deprecated shape or trait, a linter's finding).
  for (const line of warningLines(parseEvents(result.stdout + result.stderr))) log(line);

  // Keep only the artifacts; build-info and the copied sources differ by path, not model.
  const projection = path.join(scratch, "source");
  await rm(path.join(projection, "build-info"), { recursive: true, force: true });
  await rm(path.join(projection, "sources"), { recursive: true, force: true });
  await writeFile(path.join(projection, ".complete"), "");
  // Read our own copy: the shared one may be replaced or pruned by another process.
  const files = await readTree(projection);
  // Never delete a finished build another process may be reading: publish ours only
  // where there is none (a rename onto a finished one fails, and its files are identical).
  if (!existsSync(path.join(buildDir, ".complete"))) {
    await rm(buildDir, { recursive: true, force: true });
    await rename(projection, buildDir).catch((error: NodeJS.ErrnoException) => {
      if (!existsSync(path.join(buildDir, ".complete"))) throw error;
    });
  }
  await rm(scratch, { recursive: true, force: true });
  await pruneBuilds(path.join(cacheDir, "builds"), 16);
  return { files, fromCache: false, inputHash };
}

interface Java {
  java: string;
  javac: string;
}

const JAVA_HELP =
  "Install a JDK 17 or newer (on Debian: apt-get install openjdk-17-jdk-headless) and put it on PATH or in JAVA_HOME.";

async function findJava(): Promise<Java> {
  const bin = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, "bin") : "";
  const java = bin ? path.join(bin, "java") : "java";
  const javac = bin ? path.join(bin, "javac") : "javac";
  const version = await run(java, ["-version"]).catch(() => null);
  if (!version || version.code !== 0) {
    throw new GenerateError(`Java was not found (tried \`${java}\`); the Smithy toolchain runs on it. ${JAVA_HELP}`);
  }
  const major = Number(/version "(?:1\.)?(\d+)/.exec(version.stderr + version.stdout)?.[1] ?? 0);
  if (major < 17) {
    throw new GenerateError(`Java ${major || "of unknown version"} was found at \`${java}\`, but Smithy needs 17 or newer. ${JAVA_HELP}`);
  }
  const compiler = await run(javac, ["-version"]).catch(() => null);
  if (!compiler || compiler.code !== 0) {
    throw new GenerateError(`\`${javac}\` was not found: a full JDK is needed, not only a Java runtime. ${JAVA_HELP}`);
  }
  return { java, javac };
}

/** The jars of pom.xml's dependencies, resolved by Maven once per pom.xml content. */
async function resolveClasspath(toolchainDir: string, cacheDir: string, log: (line: string) => void): Promise<string[]> {
  const pom = path.join(toolchainDir, "pom.xml");
  const pomHash = sha256(await readFile(pom));
  const listFile = path.join(cacheDir, `classpath-${pomHash.slice(0, 16)}.txt`);
  if (existsSync(listFile)) {
    const jars = (await readFile(listFile, "utf8")).trim().split(path.delimiter);
    if (jars.every((jar) => existsSync(jar))) return jars;
  }
  // Maven's transfer lines become one line per artifact (none on a warm ~/.m2); under CI,
  // the step is one line, printed when it ends.
  const ci = isCI();
  if (!ci) log("smithy: resolving the Smithy jars with Maven (the first run downloads them)");
  const progress = new MavenProgress(log, ci);
  const started = performance.now();
  await mkdir(cacheDir, { recursive: true });
  const scratch = `${listFile}.${process.pid}`;
  const result = await run(
    "mvn",
    [
      "-B",
      "-Dstyle.color=never",
      "-f",
      pom,
      "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
      `-Dmdep.outputFile=${scratch}`,
      "-Dmdep.includeScope=runtime",
    ],
    { onLine: (line) => progress.line(line) },
  ).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") {
      throw new GenerateError(
        "Maven (`mvn`) was not found; it fetches the Smithy jars. Install Maven 3.8 or newer (on Debian: apt-get install maven) and put it on PATH.",
      );
    }
    throw error;
  });
  const ms = performance.now() - started;
  if (ci) log(`smithy: resolved the Smithy jars with Maven in ${(ms / 1000).toFixed(1)} s (${progress.downloaded() ?? "nothing downloaded"})`);
  else if (progress.downloaded()) log(`smithy: Maven ${progress.downloaded()} in ${(ms / 1000).toFixed(1)} s`);
  if (result.code !== 0 || !existsSync(scratch)) {
    // Maven's INFO lines (the transfer log among them) say nothing about the failure.
    const output = (result.stdout + result.stderr).split("\n").filter((line) => !/^(?:\u001b\[[0-9;]*m)*\[INFO\]/.test(line)).join("\n");
    throw new GenerateError(
      `Maven could not fetch the Smithy jars: ${mavenFailure(output)} Check that Maven Central (or the mirror in ~/.m2/settings.xml) is reachable, then run the same command again.`,
    );
  }
  await rename(scratch, listFile);
  return (await readFile(listFile, "utf8")).trim().split(path.delimiter);
}

/** The most specific sentence of a Maven failure: the artifact it could not get, if named. */
export function mavenFailure(output: string): string {
  const lines = output
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .map((line) => line.replace(/^\[(ERROR|WARNING)\]\s*/, "").replace(/\s*->\s*\[Help \d+\]\s*$/, "").trim());
  const text = lines.join(" ");
  const missing = /Could not find artifact (\S+) in (\S+)/.exec(text) ?? /(\S+:\S+:\S+) was not found in (\S+)/.exec(text);
  if (missing) return `${missing[1]} was not found in ${missing[2]}.`;
  const transfer = /Could not transfer artifact (\S+)[^:]*: ([^:]+)/.exec(text);
  if (transfer) return `downloading ${transfer[1]} failed (${transfer[2]!.trim()}).`;
  return lines.find((line) => /could not|failed|unknown host|unresolvable|non-resolvable/i.test(line)) ?? lines.find(Boolean) ?? "Maven failed.";
}

/** Compiles the smithy-openapi extension under src/ into a classes folder, once per source hash. */
async function compileExtension(
  java: Java,
  toolchainDir: string,
  classpath: string[],
  cacheDir: string,
  log: (line: string) => void,
): Promise<string> {
  const src = path.join(toolchainDir, "src", "main");
  const hash = await hashTree([["src", src], ["classpath", null, classpath.join("\n")]]);
  const out = path.join(cacheDir, `extension-${hash.slice(0, 16)}`);
  if (existsSync(path.join(out, ".complete"))) return out;
  log("smithy: compiling the awsJson OpenAPI extension");
  const scratch = `${out}.${process.pid}`;
  await rm(scratch, { recursive: true, force: true });
  const sources = (await listFiles(path.join(src, "java"))).filter((file) => file.endsWith(".java"));
  const result = await run(java.javac, [
    "--release",
    "17",
    "-nowarn",
    "-d",
    scratch,
    "-cp",
    classpath.join(path.delimiter),
    ...sources,
  ]);
  if (result.code !== 0) {
    throw new GenerateError(`javac could not compile the Smithy extension in ${src}.`, result.stdout + result.stderr);
  }
  await cp(path.join(src, "resources"), scratch, { recursive: true });
  await writeFile(path.join(scratch, ".complete"), "");
  await rm(out, { recursive: true, force: true });
  await rename(scratch, out).catch(() => {});
  await rm(scratch, { recursive: true, force: true });
  return out;
}

/** Smithy's diagnostics name file and line; Java stack frames only add noise. */
export function withoutStackTraces(output: string): string {
  return output
    .split("\n")
    .filter((line) => !/^\s+at [\w$.<>/]+\(.*\)\s*$/.test(line) && !/^\s+\.\.\. \d+ more\s*$/.test(line))
    .join("\n")
    .trim();
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program to its end, collecting its output; rejects only if it cannot start.
 * `onLine` sees each line of either stream as it arrives.
 */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; onLine?: (line: string) => void } = {},
): Promise<RunResult> {
  const { onLine, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...spawnOptions, stdio: ["ignore", "pipe", "pipe"] });
    const output = { stdout: "", stderr: "" };
    const pending = { stdout: "", stderr: "" };
    const collect = (stream: "stdout" | "stderr") => (chunk: string) => {
      output[stream] += chunk;
      if (!onLine) return;
      const lines = (pending[stream] + chunk).split("\n");
      pending[stream] = lines.pop()!;
      lines.forEach((line) => onLine(line));
    };
    child.stdout.setEncoding("utf8").on("data", collect("stdout"));
    child.stderr.setEncoding("utf8").on("data", collect("stderr"));
    child.on("error", reject);
    child.on("close", (code) => {
      if (onLine) for (const rest of [pending.stdout, pending.stderr]) if (rest) onLine(rest);
      resolve({ code: code ?? 1, ...output });
    });
  });
}

function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Every file below a folder, sorted, as absolute paths. */
async function readTree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const file of await listFiles(dir)) {
    const rel = path.relative(dir, file).split(path.sep).join("/");
    if (rel !== ".complete") files.set(rel, await readFile(file, "utf8"));
  }
  return files;
}

async function pruneBuilds(dir: string, keep: number): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  const builds = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory() && /^[0-9a-f]{64}$/.test(entry.name))
      .map(async (entry) => ({ dir: path.join(dir, entry.name), mtime: (await stat(path.join(dir, entry.name))).mtimeMs })),
  );
  builds.sort((a, b) => b.mtime - a.mtime);
  // Builds used in the last ten minutes stay: a concurrent test run may be reading them.
  const stale = builds.slice(keep).filter((build) => Date.now() - build.mtime > 10 * 60_000);
  await Promise.all(stale.map((build) => rm(build.dir, { recursive: true, force: true })));
}
