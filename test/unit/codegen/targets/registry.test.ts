// codegen/src/targets/registry.ts: every entry names its output and where that output goes
// by default, and the layout's outputs, default folders and owned folders come from the
// registry's two lists alone.
import { describe, expect, it } from "vitest";
import { DEFAULT_FOLDERS, DEFAULT_LAYOUT, OUTPUTS, ownedFolders, resolveLayout } from "../../../../codegen/src/layout.js";
import { OWN_OUTPUT_TARGETS, TARGETS, TOOLCHAIN_OUTPUTS } from "../../../../codegen/src/targets/registry.js";

const toolchain = new Set<string>(TOOLCHAIN_OUTPUTS.map((entry) => entry.output));
const ownTargets = OWN_OUTPUT_TARGETS;

describe("the target registry", () => {
  it("gives every target a folder: its own output's, or the toolchain output it views", () => {
    for (const target of TARGETS) {
      if (target.folder !== undefined) {
        expect(ownTargets, target.name).toContain(target);
        expect(target.folder, target.name).toMatch(/^[a-z][\w-]*(\/[\w-]+)*$/);
        expect(toolchain.has(target.output), `${target.name} writes an output of its own`).toBe(false);
      } else {
        expect(target.viewOf, `${target.name} has no folder, so it views a toolchain document`).toBeDefined();
        expect(toolchain.has(target.output), target.name).toBe(true);
      }
      expect(DEFAULT_FOLDERS[target.output], target.name).toBeTruthy();
    }
  });

  it("is where the outputs and their default folders come from", () => {
    expect([...OUTPUTS].sort()).toEqual([...toolchain, ...ownTargets.map((target) => target.output)].sort());
    expect(new Set(OUTPUTS).size).toBe(OUTPUTS.length);
    expect(DEFAULT_FOLDERS).toEqual(Object.fromEntries([...TOOLCHAIN_OUTPUTS.map((entry) => [entry.output, entry.folder]), ...ownTargets.map((target) => [target.output, target.folder])]));
    // The codegen section takes a folder for each of them, and nothing else.
    for (const output of OUTPUTS) expect(resolveLayout({ output: { [output]: "out/x" } }, "codegen").folders[output]).toBe("out/x");
  });

  it("owns exactly the registry's default folders, or the generated/ folder around them", () => {
    const folders = [...TOOLCHAIN_OUTPUTS.map((entry) => entry.folder), ...ownTargets.map((target) => target.folder)];
    const owned = ownedFolders(DEFAULT_LAYOUT);
    // Each default folder lies in an owned one; each owned one is a default folder or the generated/ folder holding some.
    for (const folder of folders) expect(owned.some((dir) => folder === dir || folder.startsWith(`${dir}/`)), folder).toBe(true);
    for (const dir of owned) expect(folders.some((folder) => folder === dir || (dir.endsWith("generated") && folder.startsWith(`${dir}/`))), dir).toBe(true);
  });
});
