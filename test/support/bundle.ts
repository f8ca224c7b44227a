// A program bundled by esbuild as a user's bundler would, for tests that assert what a
// bundle carries and for the bench's bundle sizes: from the workspace packages' sources (by
// the source condition; a clone has no build), or from their built dist/ (as installed).
import { gzipSync } from "node:zlib";
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
  /** The output's size gzipped (level 9), in bytes. */
  gzipped: number;
}

export interface BundleOptions {
  platform: "browser" | "node";
  /** Where imports in `contents` resolve from (default: the repository). */
  resolveDir?: string;
  /**
   * `source` (the default) puts the source condition first; `built` leaves it out, so the
   * workspace packages resolve to their dist/ as an installed package does (run
   * `npm run build` first).
   */
  from?: "source" | "built";
  /** Conditions besides the source one (esbuild's defaults are dropped once any are named). */
  conditions?: string[];
  minify?: boolean;
}

/** Bundles `program`: TypeScript source text, or `{ entry }`, the path of a file. */
export async function bundle(program: string | { entry: string }, options: BundleOptions): Promise<Bundled> {
  const conditions = options.from === "built" ? options.conditions : ["@codepipeline-partner/source", ...(options.conditions ?? [])];
  const result = await build({
    ...(typeof program === "string" ? { stdin: { contents: program, resolveDir: options.resolveDir ?? REPO_ROOT, loader: "ts" as const } } : { entryPoints: [program.entry] }),
    bundle: true,
    format: "esm",
    platform: options.platform,
    ...(conditions ? { conditions } : {}),
    target: "es2022",
    minify: options.minify ?? false,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const { metafile } = result;
  const output = result.outputFiles[0]!;
  return {
    inputs: Object.keys(Object.values(metafile.outputs)[0]!.inputs),
    read: Object.keys(metafile.inputs),
    imports: Object.values(metafile.inputs).flatMap((input) => input.imports.map((imported) => imported.path)),
    text: output.text,
    gzipped: gzipSync(output.contents, { level: 9 }).length,
  };
}
