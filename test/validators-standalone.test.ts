// The validators package runs where eval is forbidden (a strict Content Security
// Policy) and needs nothing but itself.
import { build } from "esbuild";
import { readFile } from "node:fs/promises";
import path from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./support/repo.js";

const PACKAGE = path.join(REPO_ROOT, "packages", "validators");

describe("the validators package stands alone", () => {
  it("has no runtime dependencies", async () => {
    const manifest = JSON.parse(await readFile(path.join(PACKAGE, "package.json"), "utf8"));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
  });

  it("bundles from its own files alone, and runs in a context where eval and new Function throw", async () => {
    const bundle = await build({
      entryPoints: [path.join(PACKAGE, "src", "index.ts")],
      bundle: true,
      format: "iife",
      globalName: "validators",
      write: false,
      platform: "neutral",
      metafile: true,
    });
    const inputs = Object.keys(bundle.metafile!.inputs);
    expect(inputs.every((input) => input.startsWith("packages/validators/src/"))).toBe(true);

    // Like a page under `Content-Security-Policy: script-src 'self'`: no code from strings.
    const context = vm.createContext({}, { codeGeneration: { strings: false, wasm: false } });
    expect(() => vm.runInContext("eval('1')", context)).toThrow(/Code generation from strings disallowed/);
    vm.runInContext(bundle.outputFiles[0]!.text, context);
    const run = (input: unknown) =>
      JSON.parse(vm.runInContext(`JSON.stringify(validators.validatePutThirdPartyJobSuccessResultInput(${JSON.stringify(input)}))`, context));
    expect(run({ jobId: "j", clientToken: "t" })).toEqual({ ok: true });
    expect(run({ jobId: "", clientToken: "t" })).toMatchObject({ ok: false, kind: "validation" });
    expect(vm.runInContext(`validators.isPutThirdPartyJobSuccessResultInput({ jobId: "j", clientToken: "😀" })`, context)).toBe(true);
  });
});
