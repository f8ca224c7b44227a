// The names a model owns in the generated code: its shapes' names and the names the targets
// derive from them. The loader refuses a model where two of them coincide; the import
// registry (imports.ts) aliases a runtime symbol that would take one. Kept apart from
// imports.ts, which loads ts-morph: the loader runs on every generate, and a generate with
// nothing to do must not pay for ts-morph.
import { GenerateError } from "../errors.js";
import type { ModelIR, Shape } from "../ir/types.js";
import { clientClassName, functionName, methodName, serviceInterfaceName } from "./names.js";

const cache = new WeakMap<ModelIR, Set<string>>();

/** Every name the model owns in some generated file: its shapes' names and the names derived from them (see nameClashes). */
export function modelNames(ir: ModelIR): ReadonlySet<string> {
  const cached = cache.get(ir);
  if (cached) return cached;
  const { names, clashes } = ownNames(ir);
  // The loader refuses these first; an IR built another way is refused here.
  if (clashes.length > 0) throw new GenerateError(clashes.join("\n"));
  cache.set(ir, names);
  return names;
}

/**
 * Each shape whose name is one the targets derive from another shape, an operation or the
 * service (`FooServerInput` beside operation Foo, `isChoice` beside union Choice, the client
 * class, `service`): both are public names, so neither may be aliased away.
 */
export function nameClashes(ir: ModelIR): string[] {
  return ownNames(ir).clashes;
}

function ownNames(ir: ModelIR): { names: Set<string>; clashes: string[] } {
  const shapes = new Map<string, Shape>();
  for (const shape of ir.shapes.values()) if (!shape.id.startsWith("smithy.api#")) shapes.set(shape.name, shape);
  const derived = new Map<string, string>();
  const clashes: string[] = [];
  const derive = (name: string, from: string) => {
    const shape = shapes.get(name);
    if (shape) clashes.push(`${shape.id}: its name ${name} is also the name the generated code gives ${from}; give ${shape.id} a new name with the service's 'rename' (or rename the other in the model).`);
    if (!derived.has(name)) derived.set(name, from);
  };
  const service = ir.service.id;
  for (const name of ["service", "modeledErrors", "inputValidators", "resolveEndpoint", "ruleSet", "bindings", "EndpointRulesConfig"]) derive(name, `${service}'s generated ${name}`);
  derive(clientClassName(ir), `${service}'s client class`);
  derive(`create${clientClassName(ir)}`, `${service}'s client factory`);
  derive(serviceInterfaceName(ir), `${service}'s server interface`);
  derive(`create${serviceInterfaceName(ir)}Handler`, `${service}'s handler factory`);
  for (const operation of ir.operations) {
    const method = methodName(operation.name);
    const fn = functionName(operation.name);
    // The loader already refuses a shape of the operation's name in any case.
    if (!derived.has(fn)) derived.set(fn, `operation ${operation.id}'s function`);
    derive(`${method}Operation`, `operation ${operation.id}'s description`);
    derive(`paginate${operation.name}`, `operation ${operation.id}'s paginator`);
    if (operation.input) derive(`${operation.name}ServerInput`, `operation ${operation.id}'s server input`);
  }
  const functions = { se_: "serializer", de_: "deserializer", check: "validator's check", is: "type guard", validate: "validator" };
  for (const shape of shapes.values()) {
    if (shape.kind !== "structure" && shape.kind !== "union" && shape.kind !== "list" && shape.kind !== "map") continue;
    for (const [prefix, what] of Object.entries(functions)) derive(`${prefix}${shape.name}`, `${shape.id}'s ${what}`);
  }
  return { names: new Set([...shapes.keys(), ...derived.keys(), "Unit"]), clashes };
}
