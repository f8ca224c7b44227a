// Which service a run generates, and the smithy-build.json Smithy runs with.
//
// A model may hold several services (two AWS models in one folder, say); the codegen
// generates one. It is named once, in smithy-build.json's own section for this codegen:
//
//   "codegen": { "service": "com.example#Store_2026" }
//
// or, for one run, with `--service`. The same section names the output folders and the
// packages generated code imports (./layout.ts). The service's name reaches both consumers: our loader loads
// that service, and every Smithy plugin that works on one service (openapi, json-schema,
// typescript-client-codegen, ...) gets it as its `service` setting, so the plugins'
// own settings need not repeat it. Smithy never sees the `codegen` section: it runs a
// copy of the file with the section taken out and the services filled in.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { GenerateError } from "./errors.js";
import { findService, type JsonAst } from "./ir/load.js";
import { DEFAULT_LAYOUT, resolveLayout, type Layout } from "./layout.js";
import { BUILD_CONFIG, buildModel, type SmithyBuild, type SmithyBuildOptions } from "./smithy/toolchain.js";

/** The section of smithy-build.json that holds this codegen's settings. */
export const CODEGEN_SECTION = "codegen";

/** What the codegen section may set. */
export interface CodegenSettings {
  /** The shape ID of the service to generate. */
  service?: string;
  /** The output folders and the import specifiers of generated code (`output`, `packages`). */
  layout: Layout;
}

const SETTINGS = ["service", "output", "packages", "runtime"];

/** Smithy's plugins that work on the whole model; every other plugin works on one service. */
const MODEL_WIDE_PLUGINS = new Set(["model", "build-info", "sources", "run"]);

const SHAPE_ID = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*#[A-Za-z_][A-Za-z0-9_]*$/;

export type BuildConfig = Record<string, unknown>;

export async function readBuildConfig(configPath: string): Promise<BuildConfig> {
  const text = await readFile(configPath, "utf8");
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new GenerateError(`${configPath} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(config)) throw new GenerateError(`${configPath} must hold a JSON object.`);
  return config;
}

/** The codegen section, checked: an unknown key is a typo, not something to ignore. */
export function codegenSettings(config: BuildConfig, configPath: string, modelDir = "model"): CodegenSettings {
  const section = config[CODEGEN_SECTION];
  if (section === undefined) return { layout: DEFAULT_LAYOUT };
  const where = `${configPath}: "${CODEGEN_SECTION}"`;
  if (!isObject(section)) throw new GenerateError(`${where} must be an object, like { "service": "com.example#MyService" }.`);
  for (const key of Object.keys(section)) {
    if (!SETTINGS.includes(key)) throw new GenerateError(`${where} has an unknown setting "${key}"; it takes ${SETTINGS.map((known) => `"${known}"`).join(", ")}.`);
  }
  if (section.service !== undefined) checkShapeId(section.service, `${where}.service`);
  const layout = resolveLayout(section, where, modelDir);
  return section.service === undefined ? { layout } : { service: section.service as string, layout };
}

/**
 * The service a run generates: `--service` first, then the codegen section, then the
 * one service every service-scoped plugin names (a smithy-build.json written for Smithy
 * alone). Undefined when nothing names one: the model then has to have a single service.
 */
export function configuredService(config: BuildConfig, configPath: string, flag?: string): string | undefined {
  if (flag !== undefined) return checkShapeId(flag, "--service");
  const settings = codegenSettings(config, configPath);
  const named = pluginServices(config);
  if (settings.service !== undefined) {
    const other = named.find(([, service]) => service !== settings.service);
    if (other) {
      throw new GenerateError(
        `${configPath}: plugin "${other[0]}" names service ${other[1]}, but "${CODEGEN_SECTION}.service" names ${settings.service}. ` +
          `Remove the plugin's "service" setting: the codegen section sets it for every plugin.`,
      );
    }
    return settings.service;
  }
  const distinct = [...new Set(named.map(([, service]) => service))];
  if (distinct.length > 1) {
    throw new GenerateError(
      `${configPath}: the plugins name different services (${named.map(([plugin, service]) => `${plugin}: ${service}`).join(", ")}). ` +
        `Name the one to generate with "${CODEGEN_SECTION}": { "service": "..." } and remove the plugins' "service" settings.`,
    );
  }
  return distinct[0];
}

/**
 * The configuration Smithy runs with: the codegen section removed, relative paths made
 * absolute (the copy lives in the cache, not beside the original), and `service` set on
 * every service-scoped plugin. With no service, the plugins and projections are left out:
 * the build then only validates the model and writes its JSON AST, from which the service
 * is found.
 */
export function smithyBuildConfig(config: BuildConfig, configDir: string, service: string | undefined): BuildConfig {
  const { [CODEGEN_SECTION]: _, plugins, projections, ...rest } = config;
  const copy: BuildConfig = { ...rest };
  for (const key of ["sources", "imports"]) {
    if (Array.isArray(copy[key])) copy[key] = (copy[key] as unknown[]).map((entry) => absolute(entry, configDir));
  }
  if (service === undefined) return copy;
  if (isObject(plugins)) {
    copy.plugins = Object.fromEntries(
      Object.entries(plugins).map(([name, settings]) => [name, isServiceScoped(name) && isObject(settings) ? { ...settings, service } : settings]),
    );
  }
  if (isObject(projections)) {
    copy.projections = Object.fromEntries(
      Object.entries(projections).map(([name, projection]) => {
        if (!isObject(projection)) return [name, projection];
        const own: BuildConfig = { ...projection };
        if (Array.isArray(own.imports)) own.imports = own.imports.map((entry) => absolute(entry, configDir));
        if (isObject(own.plugins)) own.plugins = smithyBuildConfig({ plugins: own.plugins }, configDir, service).plugins;
        return [name, own];
      }),
    );
  }
  return copy;
}

export interface ServiceBuild extends SmithyBuild {
  /** The service the plugins were given, and the loader is to load. */
  service: string;
}

/**
 * Builds the model with Smithy for one service: the one `service` (`--service`) or the
 * configuration names, else the model's only service, found by a first build that only
 * validates the model (with several services, that build fails naming them). Each
 * configuration Smithy runs with is written under the cache, named by its content.
 */
export async function buildService(options: SmithyBuildOptions & { service?: string }): Promise<ServiceBuild> {
  const configPath = options.configPath ?? path.join(options.root, BUILD_CONFIG);
  if (!existsSync(configPath)) throw new GenerateError(`${configPath} is missing; it configures the Smithy build.`);
  const config = await readBuildConfig(configPath);
  const configDir = path.dirname(path.resolve(configPath));
  const build = async (service: string | undefined) =>
    buildModel({ ...options, configPath: await writeSmithyConfig(options.cacheDir, smithyBuildConfig(config, configDir, service)) });

  let service = configuredService(config, configPath, options.service);
  if (service === undefined) {
    const modelOnly = await build(undefined);
    service = findService(JSON.parse(modelOnly.files.get("model/model.json") ?? "{}") as JsonAst);
  }
  return { ...(await build(service)), service };
}

async function writeSmithyConfig(cacheDir: string, config: BuildConfig): Promise<string> {
  const text = `${JSON.stringify(config, null, 2)}\n`;
  const file = path.join(cacheDir, "configs", `${createHash("sha256").update(text).digest("hex").slice(0, 32)}.json`);
  if (!existsSync(file)) {
    await mkdir(path.dirname(file), { recursive: true });
    const scratch = `${file}.${process.pid}`;
    await writeFile(scratch, text);
    await rename(scratch, file);
  }
  return file;
}

/** The `service` each service-scoped plugin's settings name, as [plugin, service]. */
function pluginServices(config: BuildConfig): Array<[string, string]> {
  const plugins = isObject(config.plugins) ? config.plugins : {};
  return Object.entries(plugins).flatMap(([name, settings]) =>
    isServiceScoped(name) && isObject(settings) && typeof settings.service === "string" ? [[name, settings.service] as [string, string]] : [],
  );
}

/** A plugin may be named `plugin::artifact`, to run it more than once. */
function isServiceScoped(name: string): boolean {
  return !MODEL_WIDE_PLUGINS.has(name.split("::")[0]!);
}

function checkShapeId(value: unknown, where: string): string {
  if (typeof value !== "string" || !SHAPE_ID.test(value)) {
    throw new GenerateError(`${where} must be a service's shape ID, like "com.example#MyService"; found ${JSON.stringify(value)}.`);
  }
  return value;
}

function absolute(entry: unknown, dir: string): unknown {
  return typeof entry === "string" ? path.resolve(dir, entry) : entry;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
