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
import { findService, serviceIds, type JsonAst } from "./ir/load.js";
import { DEFAULT_LAYOUT, resolveLayout, type Layout } from "./layout.js";
import { BUILD_CONFIG, buildModel, SmithyRejection, type SmithyBuild, type SmithyBuildOptions } from "./smithy/toolchain.js";

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
 * configuration names, checked against the model, else the model's only service
 * (buildOnlyService). Each configuration Smithy runs with is written under the cache,
 * named by its content.
 */
export async function buildService(options: SmithyBuildOptions & { service?: string }): Promise<ServiceBuild> {
  const configPath = options.configPath ?? path.join(options.root, BUILD_CONFIG);
  if (!existsSync(configPath)) throw new GenerateError(`${configPath} is missing; it configures the Smithy build.`);
  const config = await readBuildConfig(configPath);
  const configDir = path.dirname(path.resolve(configPath));
  const configFor = (service: string | undefined) => writeSmithyConfig(options.cacheDir, smithyBuildConfig(config, configDir, service));
  const build = async (configFile: string) => buildModel({ ...options, configPath: configFile });

  const named = configuredService(config, configPath, options.service);
  if (named === undefined) return buildOnlyService(options, configPath, configFor, build);

  const where = options.service !== undefined ? "--service" : configPath;
  const modelDir = path.relative(options.root, options.modelDir) || options.modelDir;
  let built: SmithyBuild;
  try {
    built = await build(await configFor(named));
  } catch (error) {
    // The plugins fail on a service the model lacks, in Java's words; say it in ours.
    if (error instanceof SmithyRejection && error.model !== undefined) checkServiceInModel(modelAst(error.model), named, where, modelDir);
    throw error;
  }
  // Without plugins that need the service, Smithy builds whatever it names.
  const model = built.files.get(MODEL_FILE);
  if (model !== undefined) checkServiceInModel(modelAst(model), named, where, modelDir);
  return { ...built, service: named };
}

/**
 * Builds the model's only service, named nowhere. Smithy's plugins that work on one
 * service need its name, so a first build without them finds it. The service found is
 * remembered for the project and tried first next time: while it stays the model's only
 * service (the usual case, on every save in watch mode), that is one Smithy run, not two.
 */
async function buildOnlyService(
  options: SmithyBuildOptions,
  configPath: string,
  configFor: (service: string | undefined) => Promise<string>,
  build: (configFile: string) => Promise<SmithyBuild>,
): Promise<ServiceBuild> {
  const modelOnlyConfig = await configFor(undefined);
  const project = `${path.resolve(configPath)}\n${path.resolve(options.modelDir)}`;
  const remembered = path.join(options.cacheDir, "services", createHash("sha256").update(project).digest("hex").slice(0, 32));
  const guess = await readFile(remembered, "utf8").catch(() => undefined);
  let service: string | undefined;
  let smithyRan = false;
  const guessConfig = guess === undefined ? undefined : await configFor(guess);
  if (guess !== undefined && guessConfig !== undefined && guessConfig !== modelOnlyConfig) {
    try {
      const built = await build(guessConfig);
      // findService refuses a model that now has several, as a build without plugins would.
      service = findService(modelAst(built.files.get(MODEL_FILE)));
      if (service === guess) return { ...built, service };
      smithyRan = !built.fromCache;
    } catch (error) {
      // A model Smithy refuses, or plugins failing for the service itself: that is the answer.
      if (!(error instanceof SmithyRejection) || error.model === undefined) throw error;
      service = findService(modelAst(error.model));
      if (service === guess) throw error;
      smithyRan = true;
    }
  }
  let modelOnly: SmithyBuild | undefined;
  if (service === undefined) {
    modelOnly = await build(modelOnlyConfig);
    service = findService(modelAst(modelOnly.files.get(MODEL_FILE)));
  }
  if (service !== guess) await writeAtomically(remembered, service);
  const serviceConfig = await configFor(service);
  // No plugin works on one service: naming it changes nothing Smithy is asked to do.
  if (modelOnly && serviceConfig === modelOnlyConfig) return { ...modelOnly, service };
  const full = await build(serviceConfig);
  // Reused only when no build started Smithy.
  return { ...full, fromCache: full.fromCache && !smithyRan && (modelOnly?.fromCache ?? true), service };
}

/** Where Smithy's `model` plugin writes the JSON AST among a build's artifacts. */
const MODEL_FILE = "model/model.json";

/** Refuses a named service the model does not hold, naming the services it does. */
export function checkServiceInModel(ast: JsonAst, service: string, where: string, modelDir: string): void {
  const services = serviceIds(ast.shapes ?? {});
  if (services.includes(service)) return;
  throw new GenerateError(
    `${where} names ${service}, which is not a service of the model in ${modelDir}/; ${services.length === 0 ? "it has none" : `its services: ${services.join(", ")}`}.`,
  );
}

function modelAst(text: string | undefined): JsonAst {
  return JSON.parse(text ?? "{}") as JsonAst;
}

async function writeSmithyConfig(cacheDir: string, config: BuildConfig): Promise<string> {
  const text = `${JSON.stringify(config, null, 2)}\n`;
  const file = path.join(cacheDir, "configs", `${createHash("sha256").update(text).digest("hex").slice(0, 32)}.json`);
  if (!existsSync(file)) await writeAtomically(file, text);
  return file;
}

/** Another process may read the file meanwhile: it sees the old content or the new, whole. */
async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const scratch = `${file}.${process.pid}`;
  await writeFile(scratch, text);
  await rename(scratch, file);
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
