// A server is installed without the client: what both sides share (the protocol, the error
// envelope, SigV4's pieces) lives in @codepipeline-partner/protocol-aws-json, and the server
// package neither depends on the client nor imports it.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../../support/repo.js";

const CLIENT = "@codepipeline-partner/client";
const SERVER = path.join(REPO_ROOT, "packages", "server");

describe("the server package and the client", () => {
  it("package.json lists the client in none of its dependencies", async () => {
    const manifest = JSON.parse(await readFile(path.join(SERVER, "package.json"), "utf8")) as Record<string, unknown>;
    const fields = ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies", "bundleDependencies", "bundledDependencies"];
    const naming = fields.filter((field) => JSON.stringify(manifest[field] ?? {}).includes(CLIENT));
    expect(naming).toEqual([]);
    // The server does depend on the shared protocol package: the check reads the right file.
    expect(Object.keys(manifest.dependencies as object)).toContain("@codepipeline-partner/protocol-aws-json");
  });

  it("no file under src names the client", async () => {
    const files = (await readdir(path.join(SERVER, "src"), { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    expect(files.length).toBeGreaterThan(10);
    const naming: string[] = [];
    for (const file of files) {
      const full = path.join(file.parentPath, file.name);
      if ((await readFile(full, "utf8")).includes(CLIENT)) naming.push(path.relative(SERVER, full));
    }
    expect(naming).toEqual([]);
  });
});
