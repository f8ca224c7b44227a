// Where a scaffolded server's own files find the code generated for its model. A project
// generates it into its own folders (by default those of ../targets/registry.ts): the
// scaffold reaches them by relative paths, and takes the runtime from the packages'
// ./runtime entry points, as that generated code does (the packages' main entry points hold
// CodePipeline's generated code, not the project's). Only a codegen section that says
// `"runtime": "beside"` generates into the runtime packages themselves (this repository):
// there the packages are the generated code, and the scaffold imports them by name.
import { existsSync } from "node:fs";
import path from "node:path";
import { DEFAULT_LAYOUT } from "../layout.js";
import { ScaffoldError, type ScaffoldOptions } from "./project.js";

export interface GeneratedImports {
  /** The module with the service interface and its create<Service>Handler, from a file in `fromDir` (absolute). */
  server(fromDir: string): string;
  /** The module with the generated client class, likewise. */
  client(fromDir: string): string;
  /** The module with `listen`: the server's ./node entry, which every TypeScript resolution mode finds without custom conditions. */
  listen: string;
  /** True when the generated code is the packages' own (`"runtime": "beside"`, as in this repository). */
  inPackages: boolean;
}

/** The file each target writes into its folder, as a module specifier names it. */
const MODULE_FILE = { server: "service.js", client: "client.js" } as const;
const PACKAGE = { server: "@codepipeline-partner/server", client: "@codepipeline-partner/client" } as const;

export function generatedImports(options: ScaffoldOptions): GeneratedImports {
  const { folders, runtime } = options.layout ?? DEFAULT_LAYOUT;
  const inPackages = runtime === "beside";
  const specifier = (target: "server" | "client"): ((fromDir: string) => string) => {
    const folder = folders[target];
    if (folder === null) {
      throw new ScaffoldError(
        `a server project imports the generated ${target}, which the codegen section of ${path.join(options.repoRoot, "smithy-build.json")} turns off ("output": { "${target}": false }); give it a folder and run generate.`,
      );
    }
    if (inPackages) return () => PACKAGE[target];
    const module = path.join(options.repoRoot, folder, MODULE_FILE[target]);
    if (!existsSync(module.replace(/\.js$/, ".ts"))) {
      throw new ScaffoldError(`${module.replace(/\.js$/, ".ts")} is missing: run generate in ${options.repoRoot} first; the server project imports the generated ${target} from there.`);
    }
    return (fromDir) => {
      const relative = path.relative(fromDir, module).split(path.sep).join("/");
      return relative.startsWith(".") ? relative : `./${relative}`;
    };
  };
  const server = specifier("server");
  const client = specifier("client");
  return { server, client, listen: `${PACKAGE.server}/node`, inPackages };
}
