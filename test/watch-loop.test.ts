// The watch loop of `generate --watch` on a real file-system watcher, without the
// toolchain: saves by rename (as sed -i and most editors make them) are all seen, temp and
// swap files are never named, and a run in progress is followed by exactly one more run
// however many changes arrive. Integration tier: it waits on the OS's events and on quiet
// periods (seconds of sleeping); the loop's pure pieces are test/unit/codegen/watch.test.ts.
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { watchModel } from "../codegen/src/watch.js";
import { scratchDir } from "./support/repo.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: () => string, ms = 10_000): Promise<void> {
  for (const started = Date.now(); !condition(); await sleep(20)) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what()}`);
  }
}

describe("watchModel", () => {
  let scratch: Awaited<ReturnType<typeof scratchDir>>;
  let modelDir: string;
  let stop: (() => void) | undefined;
  const calls: string[][] = [];

  beforeEach(async () => {
    scratch = await scratchDir("watch-unit");
    modelDir = path.join(scratch.dir, "model");
    await mkdir(modelDir);
    await writeFile(path.join(modelDir, "main.smithy"), "v0\n");
    calls.length = 0;
  });
  afterEach(async () => {
    stop?.();
    await scratch.remove();
  });

  const start = (onChange: (changed: string[]) => Promise<void> = async () => {}) => {
    stop = watchModel({
      modelDir,
      quietMs: 50,
      onChange: async (changed) => {
        calls.push(changed);
        await onChange(changed);
      },
      onError: (error) => {
        throw error;
      },
    }).close;
  };

  /** As `sed -i` saves: a temp file in the same folder, renamed over the original. */
  const saveByRename = async (name: string, contents: string, temp = `sed${Math.random().toString(36).slice(2, 8)}`) => {
    await writeFile(path.join(modelDir, temp), contents);
    await rename(path.join(modelDir, temp), path.join(modelDir, name));
  };

  it("sees every save by rename, naming the model file and never the temp file", async () => {
    start();
    await until(() => calls.length === 1, () => "the first run");
    expect(calls[0]).toEqual([]);
    for (const version of [1, 2, 3]) {
      await sleep(300);
      await saveByRename("main.smithy", `v${version}\n`);
      await until(() => calls.length === version + 1, () => `run ${version + 1} (calls: ${JSON.stringify(calls)})`);
    }
    await sleep(300);
    expect(calls).toEqual([[], ["model/main.smithy"], ["model/main.smithy"], ["model/main.smithy"]]);
  });

  it("keeps seeing saves after one renamed in from another folder (Node 20's recursive fs.watch goes blind there)", async () => {
    start();
    await until(() => calls.length === 1, () => "the first run");
    for (const version of [1, 2]) {
      await sleep(200);
      const temp = path.join(scratch.dir, `elsewhere-${version}`);
      await writeFile(temp, `v${version}\n`);
      await rename(temp, path.join(modelDir, "main.smithy"));
      await until(() => calls.length === version + 1, () => `run ${version + 1} (calls: ${JSON.stringify(calls)})`);
    }
    await sleep(200);
    await writeFile(path.join(modelDir, "main.smithy"), "v3\n"); // in place, after the renames
    await until(() => calls.length === 4, () => `the in-place save's run (calls: ${JSON.stringify(calls)})`);
    expect(calls.slice(1)).toEqual([["model/main.smithy"], ["model/main.smithy"], ["model/main.smithy"]]);
  });

  it("starts no run for swap, backup and temp files, or for a save that changes nothing", async () => {
    start();
    await until(() => calls.length === 1, () => "the first run");
    await writeFile(path.join(modelDir, ".main.smithy.swp"), "swap");
    await writeFile(path.join(modelDir, "main.smithy~"), "v0\n");
    await writeFile(path.join(modelDir, "4913"), "");
    await rm(path.join(modelDir, "4913"));
    await saveByRename("main.smithy", "v0\n");
    await sleep(500);
    expect(calls).toEqual([[]]);
    await saveByRename("main.smithy", "v1\n", "main.smithy.tmp");
    await until(() => calls.length === 2, () => "a run for the real change");
    expect(calls[1]).toEqual(["model/main.smithy"]);
  });

  it("sees files in folders made after it started, and files removed", async () => {
    start();
    await until(() => calls.length === 1, () => "the first run");
    await mkdir(path.join(modelDir, "ops"));
    await writeFile(path.join(modelDir, "ops", "a.smithy"), "a\n");
    await until(() => calls.length === 2, () => "a run for the new file");
    expect(calls[1]).toEqual(["model/ops/a.smithy"]);
    await sleep(200);
    await saveByRename(path.join("ops", "a.smithy"), "a2\n", path.join("ops", "sedTmp123"));
    await until(() => calls.length === 3, () => "a run for the change in the new folder");
    expect(calls[2]).toEqual(["model/ops/a.smithy"]);
    await rm(path.join(modelDir, "main.smithy"));
    await until(() => calls.length === 4, () => "a run for the removal");
    expect(calls[3]).toEqual(["model/main.smithy"]);
  });

  it("follows a slow run with exactly one more for everything saved during it", async () => {
    let release: (() => void) | undefined;
    start((changed) => (changed.length > 0 && calls.length === 2 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve()));
    await until(() => calls.length === 1, () => "the first run");
    await saveByRename("main.smithy", "v1\n");
    await until(() => release !== undefined, () => "the slow run");
    for (const version of [2, 3, 4]) {
      await saveByRename("main.smithy", `v${version}\n`);
      await sleep(150); // each save settles on its own while the run goes on
    }
    await writeFile(path.join(modelDir, "other.smithy"), "o\n");
    await sleep(200);
    expect(calls.length).toBe(2);
    release!();
    await until(() => calls.length === 3, () => "the one run after the slow one");
    await sleep(400);
    expect(calls).toEqual([[], ["model/main.smithy"], ["model/main.smithy", "model/other.smithy"]]);
  });
});
