// The pieces of `generate --watch`'s loop: which names are model files (temp and swap files
// never are), what changed between two snapshots, and that a run in progress is followed by
// exactly one more run however many changes arrive. The loop on a real file-system watcher
// is test/watch-loop.test.ts (integration: it waits for the OS's events).
import { describe, expect, it } from "vitest";
import { changedFiles, coalesce, isModelFile, snapshotModel } from "../../../codegen/src/watch.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: () => string, ms = 10_000): Promise<void> {
  for (const started = Date.now(); !condition(); await sleep(20)) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what()}`);
  }
}

describe("isModelFile", () => {
  it.each([
    ["main.smithy", true],
    ["nested/ops.smithy", true],
    ["model.json", true],
    ["sedAb12Cd", false],
    [".main.smithy.swp", false],
    ["4913", false],
    ["main.smithy~", false],
    [".#main.smithy", false],
    ["#main.smithy#", false],
    ["main.smithy.tmp", false],
    ["main.smithy___jb_tmp___", false],
    [".hidden/main.smithy", false],
  ])("%s: %s", (name, expected) => {
    expect(isModelFile(name)).toBe(expected);
  });
});

describe("changedFiles", () => {
  it("names what was added, changed or removed, sorted", () => {
    const before = new Map([["a.smithy", "1"], ["b.smithy", "2"], ["c.smithy", "3"]]);
    const after = new Map([["a.smithy", "1"], ["b.smithy", "9"], ["d.smithy", "4"]]);
    expect(changedFiles(before, after)).toEqual(["b.smithy", "c.smithy", "d.smithy"]);
    expect(changedFiles(before, new Map(before))).toEqual([]);
  });
});

describe("coalesce", () => {
  it("follows a run in progress with exactly one more, however many calls came meanwhile", async () => {
    const finishers: Array<() => void> = [];
    let runs = 0;
    const trigger = coalesce(
      () => {
        runs += 1;
        return new Promise<void>((resolve) => finishers.push(resolve));
      },
      (error) => {
        throw error;
      },
    );
    trigger();
    trigger();
    trigger();
    trigger();
    expect(runs).toBe(1);
    finishers[0]!();
    await until(() => runs === 2, () => `a second run (runs: ${runs})`);
    finishers[1]!();
    await sleep(50);
    expect(runs).toBe(2);
    trigger();
    expect(runs).toBe(3);
    finishers[2]!();
  });

  it("keeps going after a run that throws, handing the error over", async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const trigger = coalesce(async () => {
      runs += 1;
      if (runs === 1) throw new Error("boom");
    }, (error) => errors.push(error));
    trigger();
    await until(() => errors.length === 1, () => "the error");
    trigger();
    await until(() => runs === 2, () => "a second run");
    expect((errors[0] as Error).message).toBe("boom");
  });
});

describe("snapshotModel", () => {
  it("is empty for a folder that does not exist", async () => {
    expect((await snapshotModel("/nonexistent/model")).size).toBe(0);
  });
});
