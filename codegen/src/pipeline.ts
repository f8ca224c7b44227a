// The whole generation, as one function of the model: smithy-cli builds the model, then
// each target turns the toolchain's outputs into files. Nothing here touches the disk
// outside the cache; the writer decides what to write.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { GenerateError } from "./errors.js";
import { buildService, codegenSettings, readBuildConfig } from "./build-config.js";
import { DEFAULT_LAYOUT, ownedFolders, type Layout } from "./layout.js";
import { BUILD_CONFIG, buildInputHash, TOOLCHAIN_DIR, TOOLCHAIN_PATH } from "./smithy/toolchain.js";
import { loadModel, type JsonAst } from "./ir/load.js";
import { outputKey, readOutputs, storeOutputs } from "./output-cache.js";
import type { ModelIR } from "./ir/types.js";
import { serviceFileName } from "./targets/names.js";
import { TARGETS, type TargetName } from "./targets/registry.js";
import type { TargetContext } from "./targets/target.js";
import { CODEGEN_DIR, CODEGEN_VERSION, pomProperty } from "./versions.js";
import { DEFAULT_REGENERATE, headerText, jsonFile, markdownFile, typescriptFile, type GeneratedFile } from "./writer.js";

/**
 * Where the toolchain's documents and their TypeScript views go, named after the service
 * (`serviceFileName`), in the layout's folders (the defaults when none is given).
 */
export function outputPaths(serviceFile: string, layout: Layout = DEFAULT_LAYOUT) {
  const { folders } = layout;
  // A folder turned off still names where its files would be; they are not generated.
  const folder = (name: keyof Layout["folders"]) => folders[name] ?? DEFAULT_LAYOUT.folders[name]!;
  return {
    model: `${folders.model}/model.json`,
    openapi: `${folder("openapi")}/${serviceFile}.openapi.json`,
    openapiTypes: `${folder("openapi")}/${serviceFile}.d.ts`,
    jsonSchema: `${folder("json-schema")}/${serviceFile}.schema.json`,
    jsonSchemaTypes: `${folder("json-schema")}/${serviceFile}.d.ts`,
    smithyTypescript: folder("smithy-typescript"),
  } as const;
}

/** This repository's paths (its service's sdkId is CodePipeline), for its tests and benches. */
export const OUTPUT = outputPaths("codepipeline");

/** The installed CLI's command, which regenerates in any project. */
export const CLI_GENERATE = "npx codepipeline-partner-codegen generate";

// An npm script that runs this CLI's generate once: the installed bin, or this repository's
// sources or build by path; not --watch, which never finishes.
const GENERATE_SCRIPT = /(?:^|[\s/])(?:codepipeline-partner-codegen|codegen\/(?:src\/cli\.ts|dist\/cli\.mjs|bin\/codegen\.mjs))\s+generate(?=$|[\s;&|])/;

/**
 * The command that regenerates a project's files, for their headers and `check`'s advice:
 * the npm script of the project's package.json that runs generate (`npm run generate` in
 * this repository; one named `generate` first), else the installed CLI itself.
 */
export function regenerateCommand(root: string): string {
  const manifestPath = path.join(root, "package.json");
  let scripts: unknown;
  try {
    scripts = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, "utf8")) as { scripts?: unknown }).scripts : undefined;
  } catch {
    // A package.json npm cannot read either has no script to name.
    return CLI_GENERATE;
  }
  if (typeof scripts !== "object" || scripts === null) return CLI_GENERATE;
  const runs = Object.entries(scripts).filter(([, command]) => typeof command === "string" && GENERATE_SCRIPT.test(command) && !command.includes("--watch"));
  const [name] = runs.find(([script]) => script === "generate") ?? runs[0] ?? [];
  return name === undefined ? CLI_GENERATE : `npm run ${name}`;
}

export interface PipelineOptions {
  /** Repository root (default: this checkout). */
  root?: string;
  /** The .smithy sources (default: `<root>/model`). */
  modelDir?: string;
  /** The Smithy build configuration (default: `<root>/smithy-build.json`). */
  configPath?: string;
  /** Cache for the Smithy toolchain (default: `<root>/.cache/smithy`). */
  cacheDir?: string;
  /** Cache of finished generations, by a hash of all their inputs (default: `<root>/.cache/outputs`). */
  outputCacheDir?: string;
  /** Reuse a Smithy build, or a whole generation, of identical inputs (default true). */
  useCache?: boolean;
  /** Which of our targets to run (default: all). */
  targets?: TargetName[];
  /** The service to generate (`--service`), over the one smithy-build.json's codegen section names. */
  service?: string;
  log?: (line: string) => void;
}

export interface PipelineResult {
  files: GeneratedFile[];
  /** True when the Smithy build came from the cache and no JVM ran. */
  smithyFromCache: boolean;
  /** True when nothing the files are made from had changed, so they came from the cache and no target ran. */
  outputsFromCache: boolean;
  /** The folders that hold generated files only (the layout's): the writer deletes, and `check` reports, anything else in them. */
  ownedDirs: string[];
  /** The command that regenerates the files in this project, as their headers name it. */
  regenerate: string;
}

/** This checkout, when the codegen runs from it (the default root of the tests and benches). */
export const REPO_ROOT = path.dirname(CODEGEN_DIR);

export async function runPipeline(options: PipelineOptions = {}): Promise<PipelineResult> {
  const root = options.root ?? REPO_ROOT;
  const modelDir = options.modelDir ?? path.join(root, "model");
  const modelSource = path.relative(root, modelDir).split(path.sep).join("/") || ".";
  const outputCacheDir = options.outputCacheDir ?? path.join(root, ".cache", "outputs");
  const regenerate = regenerateCommand(root);
  const key = await outputKey({
    smithyInputs: await buildInputHash({ root, modelDir, configPath: options.configPath }),
    options: { modelSource, targets: options.targets ?? "all", service: options.service ?? null, regenerate },
  });
  const configPath = options.configPath ?? path.join(root, BUILD_CONFIG);
  const { layout } = codegenSettings(await readBuildConfig(configPath), configPath, modelSource);
  const ownedDirs = ownedFolders(layout, modelSource);
  const cached = options.useCache === false ? undefined : await readOutputs(outputCacheDir, key);
  if (cached) return { files: cached, smithyFromCache: true, outputsFromCache: true, ownedDirs, regenerate };

  const build = await buildService({
    root,
    modelDir,
    configPath: options.configPath,
    cacheDir: options.cacheDir ?? path.join(root, ".cache", "smithy"),
    useCache: options.useCache,
    service: options.service,
    log: options.log,
  });
  const pom = readFileSync(path.join(TOOLCHAIN_PATH, "pom.xml"), "utf8");
  const smithy = `Smithy ${pomProperty(pom, "smithy.version")}`;
  // smithy-openapi and smithy-jsonschema are pinned apart (codegen/smithy/pom.xml says why).
  const converters = pomProperty(pom, "smithy.openapi.version");

  const artifact = (name: string): Record<string, unknown> => {
    const text = build.files.get(name);
    if (text === undefined) throw new GenerateError(`The Smithy build produced no ${name}; check smithy-build.json.`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  // A plugin's document, when smithy-build.json configures the plugin and its output is on.
  const single = (dir: string, suffix: string, output: "openapi" | "json-schema"): Record<string, unknown> | undefined => {
    const names = [...build.files.keys()].filter((name) => name.startsWith(`${dir}/`) && name.endsWith(suffix));
    if (names.length === 0 || layout.folders[output] === null) return undefined;
    if (names.length !== 1) {
      throw new GenerateError(`Expected one ${suffix} file from the Smithy '${dir}' plugin, found ${names.length}.`);
    }
    return artifact(names[0]!);
  };

  const files: GeneratedFile[] = [];

  // The JSON AST: JSON has no comments, and Smithy's JSON AST allows only smithy,
  // metadata and shapes at its top, so the header goes into metadata, first, beside the
  // model's own metadata (a key of the model's named `generated` gives way to it).
  const model = artifact("model/model.json");
  const ir = loadModel(model as unknown as JsonAst, { service: build.service });
  const output = outputPaths(serviceFileName(ir), layout);
  files.push(jsonFile(output.model, { generator: `${smithy} (model plugin)`, source: `${modelSource}/`, regenerate }, model, withModelHeader));

  const openapi = single("openapi", ".openapi.json", "openapi");
  if (openapi) files.push(
    jsonFile(
      output.openapi,
      { generator: `${smithy} (smithy-openapi ${converters}, with the awsJson extension in ${TOOLCHAIN_DIR})`, source: `${modelSource}/`, regenerate },
      openapi,
      (header, value) => ({ openapi: value.openapi, "x-generated": header, ...value }),
    ),
  );

  const jsonSchema = single("json-schema", ".json", "json-schema");
  if (jsonSchema) files.push(
    jsonFile(
      output.jsonSchema,
      { generator: `${smithy} (smithy-jsonschema ${converters}, json-schema plugin in ${TOOLCHAIN_DIR})`, source: `${modelSource}/`, regenerate },
      jsonSchema,
      (header, value) => ({ $comment: header, ...value }),
    ),
  );

  // The official TypeScript codegen's view, kept for cross-checks: its sources only, as
  // it formatted them, each with our header.
  const tsCodegen = `smithy-typescript-codegen ${pomProperty(pom, "smithy.typescript.version")} (typescript-client-codegen plugin)`;
  for (const [name, text] of build.files) {
    const match = /^typescript-client-codegen\/(src\/.+\.ts)$/.exec(name);
    if (!match || layout.folders["smithy-typescript"] === null) continue;
    files.push({
      path: `${output.smithyTypescript}/${match[1]}`,
      contents: `// ${headerText({ generator: tsCodegen, source: `${modelSource}/`, regenerate })}\n${text}`,
    });
  }

  files.push(...(await emitTargets(ir, options.targets, { ...(openapi ? { openapi } : {}), ...(jsonSchema ? { jsonSchema } : {}) }, { openapi: output.openapi, jsonSchema: output.jsonSchema }, layout, regenerate)));

  files.sort((a, b) => a.path.localeCompare(b.path));
  await storeOutputs(outputCacheDir, key, files);
  return { files, smithyFromCache: build.fromCache, outputsFromCache: false, ownedDirs, regenerate };
}

/** The JSON AST with the header as `metadata.generated`, its keys in Smithy's order. */
export function withModelHeader(header: string, { smithy, metadata, ...rest }: Record<string, unknown>): Record<string, unknown> {
  const { generated: _, ...own } = (metadata ?? {}) as Record<string, unknown>;
  return { smithy, metadata: { generated: header, ...own }, ...rest };
}

/**
 * Runs the registry's targets (default: all those the layout has a folder for; the views
 * of the Smithy build's documents only with those documents) in the layout's folders (the
 * default layout's when none is given), and stamps and formats what they return; the headers name
 * `regenerate` as the command that writes them again.
 */
export async function emitTargets(
  ir: ModelIR,
  targets?: TargetName[],
  documents?: TargetContext["documents"],
  documentPaths?: TargetContext["documentPaths"],
  layout: Layout = DEFAULT_LAYOUT,
  regenerate = DEFAULT_REGENERATE,
): Promise<GeneratedFile[]> {
  const context: TargetContext = {
    version: CODEGEN_VERSION,
    imports: layout.imports,
    modelJson: outputPaths("", layout).model,
    ...(documents ? { documents } : {}),
    ...(documentPaths ? { documentPaths } : {}),
  };
  const chosen = targets
    ? TARGETS.filter((target) => targets.includes(target.name))
    : TARGETS.filter((target) => layout.folders[target.output] !== null && (!target.viewOf || documents?.[target.viewOf]));
  // Formatting runs off the main thread: each file formats while the next targets emit.
  const files: Array<Promise<GeneratedFile>> = [];
  for (const target of chosen) {
    const provenance = { ...target.provenance(context), regenerate };
    for (const file of await target.emit(ir, context)) {
      const at = `${layout.folders[target.output] ?? DEFAULT_LAYOUT.folders[target.output]}/${file.path}`;
      const stamped = at.endsWith(".md") ? Promise.resolve(markdownFile(at, provenance, file.contents)) : typescriptFile(at, provenance, file.contents);
      stamped.catch(() => {}); // a failure is reported by Promise.all below, not as unhandled meanwhile
      files.push(stamped);
    }
  }
  return Promise.all(files);
}
