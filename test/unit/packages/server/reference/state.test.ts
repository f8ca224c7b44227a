// The emulator's state file when the directory flush after the rename fails: the file
// already holds the new state, so the change stands (memory and file agree) and the
// failure is one warning line. The flush is the state module's syncDirectory option;
// everything else (the file, the rename, the emulator) is real.
import { createEmulator } from "@codepipeline-partner/server/reference";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeStateFile } from "../../../../../packages/server/src/reference/state.js";
import { scratchDir } from "../../../../support/repo.js";

let scratch: { dir: string; remove: () => Promise<void> };
beforeAll(async () => {
  scratch = await scratchDir("state-flush");
});
afterAll(() => scratch.remove());

const failingFlush = () => {
  throw Object.assign(new Error("EIO: i/o error, fsync"), { code: "EIO" });
};

describe("a directory flush that fails after the rename", () => {
  it("writeStateFile: the file holds the new text, the call returns, and the failure is one warning naming the file", async () => {
    const file = path.join(scratch.dir, "direct.json");
    const warnings: string[] = [];
    const flushed: string[] = [];
    writeStateFile(file, "first\n", { syncDirectory: (directory) => void flushed.push(directory), warn: (message) => void warnings.push(message) });
    expect(flushed).toEqual([scratch.dir]);
    writeStateFile(file, "second\n", { syncDirectory: failingFlush, warn: (message) => void warnings.push(message) });
    expect(await readFile(file, "utf8")).toBe("second\n");
    expect(warnings).toEqual([`The state file ${file} is saved, but its directory could not be flushed (EIO: i/o error, fsync): a power cut now may lose this save.`]);
  });

  it("the emulator keeps the change it saved: its jobs are the file's, and each save that could not be flushed is one warning", async () => {
    const stateFile = path.join(scratch.dir, "emulator.json");
    const warnings: string[] = [];
    const emulator = createEmulator({ jobs: [{ id: "j", clientToken: "t" }], stateFile, stateFileWrite: { syncDirectory: failingFlush, warn: (message) => void warnings.push(message) } });
    try {
      const created = emulator.createJob({ id: "k", clientToken: "t" });
      expect(emulator.job("k")).toEqual(created);
      const saved = JSON.parse(await readFile(stateFile, "utf8")) as { jobs: unknown[] };
      expect(saved.jobs).toEqual(JSON.parse(JSON.stringify(emulator.jobs())));
      expect(emulator.jobs().map((job) => job.label)).toEqual(["j", "k"]);
      // The first save (at creation) and the one for "k".
      expect(warnings).toHaveLength(2);
      for (const warning of warnings) expect(warning).toMatch(/^The state file .* is saved, but its directory could not be flushed \(EIO: i\/o error, fsync\): a power cut now may lose this save\.$/);
    } finally {
      emulator.close();
    }
  });
});
