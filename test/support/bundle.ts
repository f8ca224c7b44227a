// A program bundled by esbuild as a user's bundler would (from the packages' sources, by
// the source condition), for tests that assert what a bundle carries.
import { build } from "esbuild";
import { REPO_ROOT } from "./repo.js";

export interface Bundled {
  /** The modules that remain in the output, after tree-shaking. */
  inputs: string[];
  /** Every module esbuild read, kept or not. */
  read: string[];
  /** Every import the modules read make, node:* ones included. */
  imports: string[];
  /** The output itself. */
  text: string;
}

export interface BundleOptions {
  platform: "browser" | "node";
  /** Where imports in `contents` resolve from (default: the repository). */
  resolveDir?: string;
  /** Conditions after the source condition (esbuild's defaults are dropped once any are named). */
  conditions?: string[];
}

/** Bundles `program`: TypeScript source text, or `{ entry }`, the path of a file. */
export async function bundle(program: string | { entry: string }, options: BundleOptions): Promise<Bundled> {
  const result = await build({
    ...(typeof program === "string" ? { stdin: { contents: program, resolveDir: options.resolveDir ?? REPO_ROOT, loader: "ts" as const } } : { entryPoints: [program.entry] }),
    bundle: true,
    format: "esm",
    platform: options.platform,
    conditions: ["@codepipeline-partner/source", ...(options.conditions ?? [])],
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const { metafile } = result;
  return {
    inputs: Object.keys(Object.values(metafile.outputs)[0]!.inputs),
    read: Object.keys(metafile.inputs),
    imports: Object.values(metafile.inputs).flatMap((input) => input.imports.map((imported) => imported.path)),
    text: result.outputFiles[0]!.text,
  };
}
