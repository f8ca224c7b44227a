// What every scaffolded project shares, whatever its kind: the marker that says scaffold
// made it (and which kind it is), how it depends on this repository's packages, and its
// TypeScript settings.
import { existsSync } from "node:fs";
import path from "node:path";
import type { Layout } from "../layout.js";

export type ProjectKind = "server" | "worker";

export type FileStatus = "created" | "updated" | "unchanged" | "needs attention";

export interface ScaffoldReport {
  kind: ProjectKind;
  files: Array<{ path: string; status: FileStatus; note?: string }>;
  /** True when something could not be reconciled: the command then exits non-zero. */
  failed: boolean;
}

/** A folder or model scaffold cannot work with: the message says why, for the user. */
export class ScaffoldError extends Error {}

/** How a project's files are written, each reported with its status. */
export interface ProjectFiles {
  /** Writes a file (nothing under --dry-run). */
  write(relative: string, contents: string): Promise<void>;
  /** A file the user owns: written once, never again. */
  createOnce(relative: string, contents: () => string): Promise<void>;
  /**
   * A file scaffold owns whole, rewritten when what it is made from changes, as long as it
   * still starts with REWRITTEN_HEADER; one the user has taken over is left alone.
   */
  regenerate(relative: string, contents: string, takenOver: string): Promise<void>;
}

export interface ScaffoldOptions {
  /** The package name (default: the folder's name). */
  name?: string;
  dryRun?: boolean;
  /** The project root the CLI runs in: inside it, dependencies on packages it holds (packages/<name>) are file: links. */
  repoRoot: string;
  version: string;
  /** What to scaffold: a server for the model (default), or a partner job worker. */
  kind?: ProjectKind;
  /** Where the project's codegen section puts the generated code (default: the codegen's default layout). */
  layout?: Layout;
}

/** The entry in package.json that says the project is scaffold's to reconcile: `{ version, kind? }`. */
export const MARKER = "codepipelinePartnerScaffold";
/** The first line of a file scaffold rewrites. */
export const REWRITTEN_HEADER = "// Scaffold rewrites this file whenever the model changes";
/** The line that marks a handler module scaffold created once, and whose code is the user's. */
export const HANDLER_MARKER = "// Scaffolded once; this file is yours.";
/** Ranges of the tools every scaffolded project runs and type-checks with. */
export const TSX_RANGE = "^4.20.0";
export const TYPESCRIPT_RANGE = "~5.9.3";
export const NODE_TYPES_RANGE = "^20.19.0";
/** The export condition that resolves the workspace packages to their sources. */
export const SOURCE_CONDITION = "@codepipeline-partner/source";

/** The kind a marker names; projects from before the worker scaffold existed are servers. */
export function markedKind(marker: unknown): ProjectKind | undefined {
  if (typeof marker !== "object" || marker === null) return undefined;
  const kind = (marker as { kind?: unknown }).kind;
  if (kind === undefined) return "server";
  return kind === "server" || kind === "worker" ? kind : undefined;
}

/**
 * Whether the project is inside a checkout that holds the package's sources: it links
 * them, and runs and type-checks against the sources (a checkout has no build).
 */
export function insideRepo(projectRoot: string, options: ScaffoldOptions, pkg = "server"): boolean {
  return !path.relative(options.repoRoot, projectRoot).startsWith("..") && existsSync(path.join(options.repoRoot, "packages", pkg, "package.json"));
}

export function dependencyRange(pkg: string, projectRoot: string, options: ScaffoldOptions): string {
  // A project inside a checkout that holds the package's sources links them; any other installs from the registry.
  if (!insideRepo(projectRoot, options, pkg)) return `^${options.version}`;
  return `file:${path.relative(projectRoot, path.join(options.repoRoot, "packages", pkg)).split(path.sep).join("/")}`;
}

/** The npm scripts that run TypeScript with tsx: on the sources inside a checkout, on the installed builds elsewhere. */
export function tsxScripts(inside: boolean, start: string): Record<string, string> {
  const tsx = inside ? `tsx --conditions=${SOURCE_CONDITION}` : "tsx";
  return { start: `${tsx} ${start}`, test: `${tsx} --test test/*.test.ts`, typecheck: "tsc --noEmit" };
}

/** A scaffolded project's package.json, marked as scaffold's (with its kind) so that a re-run reconciles it. */
export function packageJson(
  name: string,
  kind: ProjectKind,
  options: ScaffoldOptions,
  { scripts, dependencies, devDependencies }: { scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string> },
): string {
  const manifest = { name, version: "0.1.0", private: true, type: "module", engines: { node: ">=20" }, scripts, dependencies, devDependencies, [MARKER]: { version: options.version, kind } };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function tsconfig(inside: boolean): string {
  return `${JSON.stringify(
    {
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        ...(inside ? { customConditions: [SOURCE_CONDITION] } : {}),
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ["node"],
        allowImportingTsExtensions: false,
      },
      include: ["src", "test"],
    },
    null,
    2,
  )}\n`;
}
