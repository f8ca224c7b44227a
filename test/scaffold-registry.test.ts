// A scaffold made outside the repository installs from a real npm registry: verdaccio on
// 127.0.0.1 holds the packages as `npm publish` uploads them (from the tarballs `npm pack`
// makes, so whatever prepack builds is what ships) and proxies everything else to
// registry.npmjs.org. The project then installs, typechecks, starts, and its own test fails
// while a handler says "not implemented" and passes once every handler is written. A
// job-worker project (scaffold --worker) does the same against the emulator, red while its
// handle says "not implemented" and green once it is written.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, type RunResult } from "../codegen/src/smithy/toolchain.js";
import { SERVICE } from "./fixtures/facts.js";
import { runCli } from "./support/cli.js";
import { REPO_ROOT, scratchDir } from "./support/repo.js";

/** The packages a scaffolded project installs, directly or through their dependencies. */
const PUBLISHED = ["types", "validators", "protocol-aws-json", "client", "server", "worker"];
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const MINUTE = 60_000;

let scratch: Awaited<ReturnType<typeof scratchDir>>;
let registry: string;
let verdaccio: ChildProcess | undefined;
const children: ChildProcess[] = [];

/** npm with this test's own cache, so nothing published here reaches ~/.npm. */
const npm = (args: string[], cwd: string): Promise<RunResult> =>
  run(NPM, [...args, "--registry", registry, "--cache", path.join(scratch.dir, "npm-cache"), "--no-audit", "--no-fund", "--no-update-notifier"], {
    cwd,
    env: { ...process.env, npm_config_registry: registry },
  });

/** node --test's count line: `# pass 5` in TAP (Node 20 and 22 when piped), `ℹ pass 5` from the spec reporter (Node 24). */
const summary = (what: "pass" | "fail", count: number) => new RegExp(`^(?:# |ℹ )${what} ${count}$`, "m");

const succeeded = (result: RunResult, what: string) => expect(result.code, `${what}:\n${result.stdout}\n${result.stderr}`).toBe(0);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  scratch = await scratchDir("scaffold-registry");
  const port = await freePort();
  registry = `http://127.0.0.1:${port}/`;
  const config = path.join(scratch.dir, "verdaccio.yaml");
  await writeFile(
    config,
    [
      `storage: ${JSON.stringify(path.join(scratch.dir, "storage"))}`,
      "auth:",
      "  htpasswd:",
      `    file: ${JSON.stringify(path.join(scratch.dir, "htpasswd"))}`,
      "    max_users: -1",
      "uplinks:",
      "  npmjs:",
      "    url: https://registry.npmjs.org/",
      "    timeout: 120s",
      "packages:",
      // Ours come from here only: never from the uplink.
      "  '@codepipeline-partner/*':",
      "    access: $all",
      "    publish: $anonymous",
      "  '**':",
      "    access: $all",
      "    publish: $anonymous",
      "    proxy: npmjs",
      "log: { type: stdout, format: pretty, level: warn }",
      "",
    ].join("\n"),
  );
  verdaccio = spawn(process.execPath, [path.join(REPO_ROOT, "node_modules", "verdaccio", "bin", "verdaccio"), "--config", config, "--listen", `127.0.0.1:${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  verdaccio.stdout!.setEncoding("utf8").on("data", (text: string) => (log += text));
  verdaccio.stderr!.setEncoding("utf8").on("data", (text: string) => (log += text));
  for (let waited = 0; ; waited += 200) {
    if (verdaccio.exitCode !== null) throw new Error(`verdaccio exited:\n${log}`);
    if (await fetch(`${registry}-/ping`).then((response) => response.ok, () => false)) break;
    if (waited > 2 * MINUTE) throw new Error(`verdaccio did not answer on ${registry}:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const tarballs = path.join(scratch.dir, "tarballs");
  await mkdir(tarballs);
  for (const name of PUBLISHED) {
    const packed = await npm(["pack", "--pack-destination", tarballs, "--json"], path.join(REPO_ROOT, "packages", name));
    succeeded(packed, `npm pack packages/${name}`);
    const [{ filename }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as [{ filename: string }];
    // npm asks for a token before it sends anything; the registry publishes anonymously, so any will do.
    const token = `--${registry.replace(/^http:/, "")}:_authToken=anonymous`;
    succeeded(await npm(["publish", path.join(tarballs, filename), token], scratch.dir), `npm publish ${filename}`);
  }
}, 10 * MINUTE);

afterAll(async () => {
  children.forEach((child) => child.kill());
  verdaccio?.kill();
  await scratch?.remove();
});

describe("a scaffold outside the repository", () => {
  it("installs from the registry, typechecks, starts, and its test fails until every handler is written", { timeout: 20 * MINUTE }, async () => {
    const app = path.join(scratch.dir, "apps", "my-server");
    expect(path.relative(REPO_ROOT, app).startsWith("..")).toBe(true);
    const scaffolded = await runCli(REPO_ROOT, ["scaffold", app]);
    succeeded(scaffolded, "scaffold");
    const manifest = JSON.parse(await readFile(path.join(app, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(manifest.dependencies["@codepipeline-partner/server"]).toMatch(/^\^\d+\.\d+\.\d+/);

    succeeded(await npm(["install"], app), "npm install");
    succeeded(await npm(["run", "typecheck"], app), "npm run typecheck");

    const server = spawn(NPM, ["start"], { cwd: app, env: { ...process.env, PORT: "0" }, stdio: ["ignore", "pipe", "pipe"], detached: true });
    children.push(server);
    const url = await new Promise<string>((resolve, reject) => {
      let output = "";
      server.stdout!.setEncoding("utf8").on("data", (text: string) => {
        output += text;
        const match = /listening on (\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      server.on("exit", () => reject(new Error(`npm start exited:\n${output}`)));
    });
    const ping = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "CodePipeline_20150709.PutThirdPartyJobSuccessResult" },
      body: '{"jobId":"j","clientToken":"t"}',
    });
    expect(ping.headers.get("x-amzn-errortype")).toBe("InternalFailure"); // not implemented yet
    process.kill(-server.pid!); // npm and the node it started

    const unimplemented = await npm(["test"], app);
    expect(unimplemented.code).not.toBe(0);
    expect(unimplemented.stdout).toMatch(summary("fail", SERVICE.operations.length));

    // The user writes every handler: a result with no members is a valid answer of each.
    const handlers = path.join(app, "src", "handlers");
    for (const file of await readdir(handlers)) {
      const name = file.replace(/\.ts$/, "");
      const text = await readFile(path.join(handlers, file), "utf8");
      await writeFile(path.join(handlers, file), text.replace(/= async \(input, context\) => \{[\s\S]*\};\n$/, "= async () => ({});\n"));
      expect(await readFile(path.join(handlers, file), "utf8"), name).not.toContain("not implemented");
    }
    succeeded(await npm(["run", "typecheck"], app), "npm run typecheck (implemented)");
    const implemented = await npm(["test"], app);
    succeeded(implemented, "npm test (implemented)");
    expect(implemented.stdout).toMatch(summary("pass", SERVICE.operations.length));
  });

  it("as a job worker, installs from the registry, typechecks, and its test fails until handle is written", { timeout: 20 * MINUTE }, async () => {
    const app = path.join(scratch.dir, "apps", "my-worker");
    const scaffolded = await runCli(REPO_ROOT, ["scaffold", app, "--worker"]);
    succeeded(scaffolded, "scaffold --worker");
    const manifest = JSON.parse(await readFile(path.join(app, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(manifest.dependencies["@codepipeline-partner/worker"]).toMatch(/^\^\d+\.\d+\.\d+/);
    expect(manifest.devDependencies["@codepipeline-partner/server"]).toMatch(/^\^\d+\.\d+\.\d+/);

    succeeded(await npm(["install"], app), "npm install");
    succeeded(await npm(["run", "typecheck"], app), "npm run typecheck");

    // The emulator (the server package's ./reference entry, as built) runs the job; handle throws.
    const unimplemented = await npm(["test"], app);
    expect(unimplemented.code).not.toBe(0);
    expect(unimplemented.stdout).toMatch(summary("fail", 1));
    expect(unimplemented.stdout).toMatch(/ended Failed: Error: handle is not implemented yet/);

    const handle = path.join(app, "src", "handle.ts");
    const text = await readFile(handle, "utf8");
    await writeFile(handle, text.replace(/^  throw new Error\(`handle is not implemented.*$/m, '  return { outcome: "success", executionDetails: { summary: `done: ${job.id}` } };'));
    expect(await readFile(handle, "utf8")).not.toContain("not implemented");
    succeeded(await npm(["run", "typecheck"], app), "npm run typecheck (implemented)");
    const implemented = await npm(["test"], app);
    succeeded(implemented, "npm test (implemented)");
    expect(implemented.stdout).toMatch(summary("pass", 1));
  });
});
