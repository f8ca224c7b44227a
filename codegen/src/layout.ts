// Where each output goes and how generated code imports what it needs: the `output`,
// `packages` and `runtime` settings of smithy-build.json's codegen section. The defaults
// suit a project of its own: each target's folder as the registry (./targets/registry.ts)
// gives it, the other targets' files by relative paths, the runtime from the published
// packages' `./runtime` entry points. A project may name its own:
//
//   "codegen": {
//     "service": "example.weather#Weather",
//     "output": { "types": "lib/types", "client": "lib/client", "docs": false },
//     "packages": { "types": "@acme/weather-types" }
//   }
//
// `"runtime": "beside"` is for code generated into the runtime packages' own sources
// (`<package>/src/generated`, as this repository does): it then imports the runtime beside
// it (`../runtime/client.js`). Nothing here guesses that from a folder's name.
import path from "node:path";
import { GenerateError } from "./errors.js";
import { OWN_OUTPUT_TARGETS, TOOLCHAIN_OUTPUTS, type OutputName } from "./targets/registry.js";

export type { OutputName };

/** Every output the codegen writes, each to a folder of its own: the toolchain's, then each target's that has one. */
export const OUTPUTS: readonly OutputName[] = [
  ...TOOLCHAIN_OUTPUTS.map((entry) => entry.output),
  ...OWN_OUTPUT_TARGETS.map((target) => target.output),
];

/** The outputs that may be turned off (`false`); the model's JSON AST is what every other one is made from. */
const OPTIONAL: ReadonlySet<OutputName> = new Set(OUTPUTS.filter((name) => name !== "model"));

/** Each output's folder when the config names none, from the registry's two lists. */
export const DEFAULT_FOLDERS: Readonly<Record<OutputName, string>> = Object.fromEntries([
  ...TOOLCHAIN_OUTPUTS.map((entry) => [entry.output, entry.folder]),
  ...OWN_OUTPUT_TARGETS.map((target) => [target.output, target.folder]),
]) as Record<OutputName, string>;

/** The outputs other generated code imports. */
type Imported = "types" | "validators";

/** The targets with hand-written runtime code, and the published package that carries it. */
export type RuntimeTarget = "client" | "server" | "validators";
const RUNTIME_PACKAGES: Readonly<Record<RuntimeTarget, string>> = {
  client: "@codepipeline-partner/client",
  server: "@codepipeline-partner/server",
  validators: "@codepipeline-partner/validators",
};

/** The module specifiers generated code imports. */
export interface ImportSpecifiers {
  /** The types, from the client and server folders: a package name or a relative path. */
  types: { fromClient: string; fromServer: string };
  /** The validators, likewise. */
  validators: { fromClient: string; fromServer: string };
  /** Each target's runtime module, by the module's name in the runtime folder (`client`, `errors`, ...). */
  runtime(target: RuntimeTarget, module: string): string;
}

/**
 * Where generated code finds its hand-written runtime: `packages`, the published packages'
 * `./runtime` entry points (the default); `beside`, a `runtime/` folder next to the
 * target's folder, for code generated into those packages' own sources.
 */
export type RuntimeImports = "packages" | "beside";
const RUNTIME_IMPORTS: readonly RuntimeImports[] = ["packages", "beside"];

export interface Layout {
  /** Each output's folder, relative to the project root with `/`; null when turned off. */
  folders: Readonly<Record<OutputName, string | null>>;
  /** How generated code imports the runtime (`codegen.runtime`). */
  runtime: RuntimeImports;
  imports: ImportSpecifiers;
}

/** The files the types and validators targets write, which a relative import names. */
const MAIN_FILE: Readonly<Record<Imported, string>> = { types: "types.js", validators: "validators.js" };

/**
 * The layout the codegen section asks for, checked: `where` names the section in errors
 * (`/x/smithy-build.json: "codegen"`); `modelDir` is the model folder, relative to the root.
 */
export function resolveLayout(section: Record<string, unknown>, where: string, modelDir = "model"): Layout {
  const folders: Record<OutputName, string | null> = { ...DEFAULT_FOLDERS };
  const output = section.output;
  if (output !== undefined) {
    if (!isObject(output)) throw new GenerateError(`${where}.output must be an object of folders, like { "client": "src/generated/client" }.`);
    for (const [name, value] of Object.entries(output)) {
      if (!(OUTPUTS as readonly string[]).includes(name)) {
        throw new GenerateError(`${where}.output has an unknown output "${name}"; it takes ${OUTPUTS.map((known) => `"${known}"`).join(", ")}.`);
      }
      const key = name as OutputName;
      if (value === false && OPTIONAL.has(key)) folders[key] = null;
      else folders[key] = checkFolder(value, `${where}.output.${name}`, modelDir, OPTIONAL.has(key));
    }
  }

  const packages: Partial<Record<Imported, string>> = {};
  if (section.packages !== undefined) {
    if (!isObject(section.packages)) throw new GenerateError(`${where}.packages must be an object, like { "types": "@acme/weather-types" }.`);
    for (const [name, value] of Object.entries(section.packages)) {
      if (name !== "types" && name !== "validators") throw new GenerateError(`${where}.packages has an unknown package "${name}"; it takes "types" and "validators".`);
      if (typeof value !== "string" || !PACKAGE_NAME.test(value)) {
        throw new GenerateError(`${where}.packages.${name} must be an npm package name (or a subpath of one), like "@acme/weather-${name}"; found ${JSON.stringify(value)}.`);
      }
      packages[name as Imported] = value;
    }
  }

  const runtime = section.runtime ?? "packages";
  if (!RUNTIME_IMPORTS.includes(runtime as RuntimeImports)) {
    throw new GenerateError(
      `${where}.runtime must be "packages" (generated code imports @codepipeline-partner/<target>/runtime) or "beside" (it imports ../runtime/<module>.js, for code generated into the runtime packages' own sources); found ${JSON.stringify(runtime)}.`,
    );
  }

  // How the client and server reach the types and validators: by the package named for
  // them, else by a relative path to the folder they are generated into.
  const specifier = (imported: Imported, from: "client" | "server"): string => {
    const named = packages[imported];
    if (named) return named;
    const folder = folders[imported];
    if (folder === null) {
      throw new GenerateError(`${where}: the ${from} imports the ${imported}, which "output" turns off; name the package that has them in "packages": { "${imported}": "..." }.`);
    }
    const relative = path.posix.relative(folders[from]!, folder) || ".";
    return `${relative.startsWith(".") ? relative : `./${relative}`}/${MAIN_FILE[imported]}`;
  };
  const from = (imported: Imported) => ({
    fromClient: folders.client === null ? "" : specifier(imported, "client"),
    fromServer: folders.server === null ? "" : specifier(imported, "server"),
  });
  return {
    folders,
    runtime: runtime as RuntimeImports,
    imports: {
      types: from("types"),
      validators: from("validators"),
      runtime: (target, module) => (runtime === "beside" ? `../runtime/${module}.js` : `${RUNTIME_PACKAGES[target]}/runtime`),
    },
  };
}

/** The layout of a codegen section that names nothing but the service. */
export const DEFAULT_LAYOUT: Layout = resolveLayout({}, "codegen");

/** The name of a folder that holds output folders and nothing of the user's (`generated/`, `src/generated/`). */
const GENERATED = "generated";

/**
 * The folders that hold generated files only: `generate` deletes, and `check` reports, any
 * other file in them. Each output's folder is one; so is every folder named `generated`
 * that holds one (`generated/` around `generated/smithy`, `src/generated/` around
 * `src/generated/client`), so a stray file beside the outputs' folders is reported too,
 * wherever the layout puts them; never one that holds the model folder (`modelDir`,
 * relative to the root), whose sources are the user's.
 */
export function ownedFolders(layout: Layout, modelDir = "model"): string[] {
  const model = path.posix.normalize(modelDir);
  const folders = new Set<string>();
  for (const folder of Object.values(layout.folders)) {
    if (folder === null) continue;
    folders.add(folder);
    const parts = folder.split("/");
    for (let end = 1; end < parts.length; end++) {
      const parent = parts.slice(0, end).join("/");
      if (parts[end - 1] === GENERATED && model !== parent && !model.startsWith(`${parent}/`)) folders.add(parent);
    }
  }
  // A folder inside another owned one is covered by it.
  return [...folders].filter((folder) => ![...folders].some((other) => folder.startsWith(`${other}/`))).sort();
}

// npm's rule for names (lower case, URL-safe, an optional @scope/), and an optional subpath of its exports.
const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*(?:\/[A-Za-z0-9._~-]+)*$/;

/** A folder relative to the project root, inside it and apart from the model; returned with `/` and no `./`. */
function checkFolder(value: unknown, where: string, modelDir: string, optional: boolean): string {
  const like = optional ? `a folder relative to the project root, like "src/generated", or false` : `a folder relative to the project root, like "generated/smithy"`;
  if (typeof value !== "string" || value.trim() === "") throw new GenerateError(`${where} must be ${like}; found ${JSON.stringify(value)}.`);
  if (path.isAbsolute(value) || path.win32.isAbsolute(value)) throw new GenerateError(`${where} must be relative to the project root; found the absolute path ${JSON.stringify(value)}.`);
  const folder = path.posix.normalize(value.replaceAll("\\", "/")).replace(/\/+$/, "");
  if (folder === "." || folder === "") throw new GenerateError(`${where} is the project root itself; generated files need a folder of their own (generate deletes any other file in it).`);
  if (folder === ".." || folder.startsWith("../")) throw new GenerateError(`${where} is outside the project root (${JSON.stringify(value)}); output folders must be inside it.`);
  const model = path.posix.normalize(modelDir);
  if (folder === model || folder.startsWith(`${model}/`) || model.startsWith(`${folder}/`)) {
    throw new GenerateError(`${where} (${JSON.stringify(value)}) overlaps the model folder ${model}/; Smithy would read what is generated there.`);
  }
  return folder;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
