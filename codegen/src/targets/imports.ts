// What a generated file imports, and by which local name. Every target refers to a symbol of
// the hand-written runtime through a file's FileImports, as protobuf-es's runtime symbols
// write their own imports and smithy-typescript imports its runtime under aliases: the
// model's names (its shapes, and the names the targets derive from them) keep their
// spelling, since they are the public API, and a runtime symbol that would clash with one
// is imported under a deterministic alias, `Output as __Output`. Only then: a file without
// a clash imports by plain names.
import type { ImportDeclarationStructure, ImportSpecifierStructure, OptionalKind } from "ts-morph";
import { StructureKind } from "ts-morph";
import type { ModelIR } from "../ir/types.js";
import { modelNames } from "./model-names.js";

/**
 * An import's entry as the targets spell it: `name`, `type Name` (type-only) or
 * `name as local` (a local name of the target's own choosing, such as the rules engine's
 * `resolveEndpoint as evaluateRuleSet`).
 */
export type ImportEntry = string;

/** Every runtime symbol any file asked for in this process (by the name the file gives it), by module: what a test must cover. */
const requested = new Map<string, Set<string>>();

export function requestedRuntimeSymbols(): ReadonlyMap<string, ReadonlySet<string>> {
  return requested;
}

/** Forgets what earlier generations asked for, so that a test reads what its own generation imports (other layouts name other modules). */
export function forgetRequestedRuntimeSymbols(): void {
  requested.clear();
}

export class FileImports {
  constructor(private readonly taken: ReadonlySet<string>) {}

  /** The local name of a runtime symbol: itself, or `__` before it while the file has that name. */
  name(symbol: string): string {
    let local = symbol;
    while (this.taken.has(local)) local = `__${local}`;
    return local;
  }

  /** An import of runtime symbols, entries in the order given, each under its local name. */
  runtime(module: string, entries: ImportEntry[]): ImportDeclarationStructure {
    const names = requested.get(module) ?? new Set<string>();
    requested.set(module, names);
    return declaration(
      module,
      entries.map((entry) => {
        const { name, alias, isTypeOnly } = parse(entry);
        // The name the file would use: what a model's name may clash with.
        names.add(alias ?? name);
        return specifier(name, this.name(alias ?? name), isTypeOnly);
      }),
    );
  }

  /** An import of the model's own names from a sibling generated module: never aliased (they are the file's names). */
  sibling(module: string, entries: ImportEntry[]): ImportDeclarationStructure {
    return declaration(
      module,
      entries.map((entry) => {
        const { name, alias, isTypeOnly } = parse(entry);
        return specifier(name, alias ?? name, isTypeOnly);
      }),
    );
  }
}

/** A file's import registry: the names it must not import under are every name the model owns. */
export function fileImports(ir: ModelIR): FileImports {
  return new FileImports(modelNames(ir));
}

function parse(entry: ImportEntry): { name: string; alias?: string; isTypeOnly: boolean } {
  const match = /^(type )?(\S+)(?: as (\S+))?$/.exec(entry);
  if (!match) throw new Error(`imports: ${JSON.stringify(entry)} is not 'name', 'type Name' or 'name as local'.`);
  return { name: match[2]!, ...(match[3] ? { alias: match[3] } : {}), isTypeOnly: match[1] !== undefined };
}

// The plain forms when nothing is aliased, so a file without a clash prints as it always did.
function specifier(name: string, local: string, isTypeOnly: boolean): string | OptionalKind<ImportSpecifierStructure> {
  if (local === name) return isTypeOnly ? { name, isTypeOnly } : name;
  return isTypeOnly ? { name, alias: local, isTypeOnly } : { name, alias: local };
}

function declaration(moduleSpecifier: string, namedImports: Array<string | OptionalKind<ImportSpecifierStructure>>): ImportDeclarationStructure {
  return { kind: StructureKind.ImportDeclaration, moduleSpecifier, namedImports };
}
