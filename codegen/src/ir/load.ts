// The only code that knows the layout of Smithy's JSON AST. It walks the service's
// closure and returns the IR; anything it cannot represent faithfully is an error that
// names the shape and the trait, never a silent omission.
import { GenerateError } from "../errors.js";
import { nameClashes } from "../targets/model-names.js";
import type {
  Annotations,
  Constraints,
  EndpointRuleSet,
  EndpointTestCase,
  Member,
  ModelIR,
  Operation,
  Pagination,
  Service,
  Shape,
  ShapeKind,
  StructureShape,
  TimestampFormat,
} from "./types.js";

type Traits = Record<string, unknown>;
interface AstRef {
  target: string;
}
interface AstMember extends AstRef {
  traits?: Traits;
}
interface AstShape {
  type: string;
  version?: string;
  traits?: Traits;
  mixins?: AstRef[];
  members?: Record<string, AstMember>;
  member?: AstMember;
  key?: AstMember;
  value?: AstMember;
  operations?: AstRef[];
  resources?: AstRef[];
  errors?: AstRef[];
  input?: AstRef;
  output?: AstRef;
  rename?: Record<string, string>;
  // Resources.
  create?: AstRef;
  put?: AstRef;
  read?: AstRef;
  update?: AstRef;
  delete?: AstRef;
  list?: AstRef;
  collectionOperations?: AstRef[];
}

/** A resource's lifecycle operations, each bound by its own property. */
const LIFECYCLE = ["create", "put", "read", "update", "delete", "list"] as const;
/** The properties of a shape that list shape references, merged from mixins. */
const REF_LISTS = ["operations", "collectionOperations", "resources", "errors"] as const;
/** The properties of a shape that hold one value, inherited from a mixin unless the shape sets its own. */
const SINGLE = ["version", "input", "output", "member", "key", "value", ...LIFECYCLE] as const;

export interface JsonAst {
  smithy: string;
  shapes: Record<string, AstShape>;
}

const UNIT = "smithy.api#Unit";

/** Prelude simple shapes, by name. The Primitive* ones carry a zero default. */
const PRELUDE: Record<string, ShapeKind> = {
  String: "string",
  Blob: "blob",
  Boolean: "boolean",
  Byte: "byte",
  Short: "short",
  Integer: "integer",
  Long: "long",
  Float: "float",
  Double: "double",
  BigInteger: "bigInteger",
  BigDecimal: "bigDecimal",
  Timestamp: "timestamp",
  Document: "document",
  PrimitiveBoolean: "boolean",
  PrimitiveByte: "byte",
  PrimitiveShort: "short",
  PrimitiveInteger: "integer",
  PrimitiveLong: "long",
  PrimitiveFloat: "float",
  PrimitiveDouble: "double",
};

const SIMPLE_KINDS = new Set<string>([
  "string",
  "boolean",
  "byte",
  "short",
  "integer",
  "long",
  "float",
  "double",
  "bigInteger",
  "bigDecimal",
  "timestamp",
  "blob",
  "document",
]);

/** The shape kinds the targets write as named types. */
const NAMED_KINDS = new Set<ShapeKind>(["structure", "union", "list", "map", "enum", "intEnum"]);

/** Traits the IR models. */
const MODELED = new Set([
  "smithy.api#documentation",
  "smithy.api#deprecated",
  "smithy.api#sensitive",
  "smithy.api#length",
  "smithy.api#range",
  "smithy.api#pattern",
  "smithy.api#uniqueItems",
  "smithy.api#required",
  "smithy.api#default",
  "smithy.api#addedDefault",
  "smithy.api#clientOptional",
  "smithy.api#timestampFormat",
  "smithy.api#jsonName",
  "smithy.api#error",
  "smithy.api#httpError",
  "smithy.api#sparse",
  "smithy.api#enumValue",
  "smithy.api#input",
  "smithy.api#output",
  "smithy.api#idempotencyToken",
  "smithy.api#hostLabel",
  "smithy.api#endpoint",
  "smithy.api#paginated",
  "smithy.api#requestCompression",
  "smithy.rules#contextParam",
]);

/**
 * Traits that change what goes on the wire in ways no target handles yet, wherever they
 * are applied (services, operations, shapes, members). A model that uses one fails
 * generation instead of producing subtly wrong code.
 */
const UNSUPPORTED: Record<string, string> = {
  "smithy.api#streaming": "streaming payloads are not supported by the JSON targets",
  "smithy.api#eventHeader": "event streams are not supported",
  "smithy.api#eventPayload": "event streams are not supported",
  "smithy.api#requiresLength": "streaming payloads are not supported",
  "smithy.api#httpChecksumRequired": "clients do not send a Content-MD5 checksum",
  "aws.protocols#httpChecksum": "request and response checksums are not supported",
  "aws.api#clientEndpointDiscovery": "endpoint discovery is not supported",
  "aws.api#clientDiscoveredEndpoint": "endpoint discovery is not supported",
};

/** Fields every client error object has (`ServiceException`, an `Error`), which an error's members cannot be. */
const ERROR_FIELDS: Record<string, string> = {
  name: "holds the error's name, its shape's name",
  $fault: "says whose fault the error is",
  $metadata: "holds the response's metadata",
  stack: "holds the error's stack trace",
};

/** The request encodings a client can apply, lower case (`@requestCompression` names them case-insensitively). */
const COMPRESSION_ENCODINGS = new Set(["gzip"]);

/** `@paginated` as the model writes it, on a service or an operation. */
interface PaginatedTrait {
  inputToken?: string;
  outputToken?: string;
  items?: string;
  pageSize?: string;
}

export interface LoadOptions {
  /** The service to load, when the model has more than one. */
  service?: string;
}

export function loadModel(ast: JsonAst, options: LoadOptions = {}): ModelIR {
  if (!ast || typeof ast !== "object" || typeof ast.shapes !== "object") {
    throw new GenerateError("The JSON AST has no 'shapes' object; is it Smithy's model.json?");
  }
  if (!String(ast.smithy).startsWith("2")) {
    throw new GenerateError(`The JSON AST is Smithy IDL version ${ast.smithy}; only 2.x is supported.`);
  }
  return new Loader(ast.shapes).load(options);
}

/**
 * The model's only service; with none, or several, an error listing them and saying how
 * to name one.
 */
export function findService(ast: JsonAst): string {
  const services = serviceIds(ast.shapes);
  if (services.length === 1) return services[0]!;
  throw new GenerateError(
    services.length === 0
      ? "The model has no service shape."
      : `The model has ${services.length} services: ${services.join(", ")}. Name the one to generate: ` +
          `"codegen": { "service": "${services[0]}" } in smithy-build.json, or --service ${services[0]}.`,
  );
}

export function serviceIds(shapes: Record<string, AstShape>): string[] {
  return Object.keys(shapes)
    // A service marked @mixin only lends its bindings to others.
    .filter((id) => shapes[id]!.type === "service" && !("smithy.api#mixin" in (shapes[id]!.traits ?? {})))
    .sort();
}

/** Shapes that are no data: nothing may target them as a value. */
const SERVICE_KINDS = new Set(["operation", "resource", "service"]);

class Loader {
  /** What makes the model wrong whatever reads it (Smithy refuses it too): the user fixes the model. */
  private readonly modelErrors: string[] = [];
  /** What a valid model may hold but this codegen does not generate. */
  private readonly unsupported: string[] = [];
  private readonly shapes = new Map<string, Shape>();
  private rename: Record<string, string> = {};
  /** The model's shapes; `apply` entries are kept apart, in `applied`. */
  private readonly ast: Record<string, AstShape> = {};
  /** Traits that `apply` adds to a shape or member (`ns#Shape$member`), by ID. */
  private readonly applied = new Map<string, Traits>();
  private readonly flattened = new Map<string, AstShape>();
  /** The shapes being flattened, outermost first: a mixin met again here is a cycle. */
  private readonly flattening: string[] = [];

  constructor(shapes: Record<string, AstShape>) {
    for (const [shapeId, shape] of Object.entries(shapes)) {
      if (shape.type === "apply") this.applied.set(shapeId, shape.traits ?? {});
      else this.ast[shapeId] = shape;
    }
  }

  load(options: LoadOptions): ModelIR {
    const serviceId = options.service ?? findService({ smithy: "2.0", shapes: this.ast });
    const serviceShape = this.ast[serviceId];
    if (!serviceShape || serviceShape.type !== "service") {
      throw new GenerateError(`${serviceId} is not a service shape in the model; its services: ${serviceIds(this.ast).join(", ") || "none"}.`);
    }
    const flatService = this.flatten(serviceId, serviceShape);
    this.rename = flatService.rename ?? {};
    this.checkTraits(serviceId, flatService.traits ?? {});
    const service = this.service(serviceId, flatService);

    const serviceErrors = (flatService.errors ?? []).map((ref) => ref.target);
    const servicePagination = flatService.traits?.["smithy.api#paginated"] as PaginatedTrait | undefined;
    const operations = this.operationIds(serviceId, flatService)
      .map((operationId) => this.operation(operationId, serviceErrors, servicePagination))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    for (const operation of operations) {
      for (const id of [operation.input, operation.output, ...operation.errors]) if (id) this.visit(id, operation.id);
    }
    for (const operation of operations) this.checkOperation(operation);
    this.checkRenames(serviceId);
    this.checkNames(operations);
    // A shape may not take a name the targets derive from another (both would be public names in one file).
    if (this.modelErrors.length === 0) this.modelErrors.push(...nameClashes({ service, operations, shapes: this.shapes }));

    const list = (problems: string[]) => problems.map((problem) => `  - ${problem}`).join("\n");
    const sections = [
      ...(this.modelErrors.length > 0 ? [`The model has ${this.modelErrors.length === 1 ? "an error" : `${this.modelErrors.length} errors`}:\n${list(this.modelErrors)}`] : []),
      ...(this.unsupported.length > 0 ? [`The model uses ${this.unsupported.length === 1 ? "a feature" : "features"} this codegen does not support:\n${list(this.unsupported)}`] : []),
    ];
    if (sections.length > 0) throw new GenerateError(sections.join("\n"));
    const shapes = new Map([...this.shapes].sort(([a], [b]) => a.localeCompare(b)));
    return { service, operations, shapes };
  }

  private service(id: string, shape: AstShape): Service {
    const traits = shape.traits ?? {};
    const protocol = Object.keys(traits).find((trait) => /^aws\.protocols#|^smithy\.protocols#/.test(trait) && trait !== "aws.protocols#awsQueryCompatible");
    const aws = traits["aws.api#service"] as { sdkId?: string; endpointPrefix?: string } | undefined;
    return {
      id,
      name: localName(id),
      version: shape.version ?? "",
      protocol,
      signingName: (traits["aws.auth#sigv4"] as { name?: string } | undefined)?.name,
      targetPrefix: localName(id),
      sdkId: aws?.sdkId,
      endpointPrefix: aws?.endpointPrefix,
      title: traits["smithy.api#title"] as string | undefined,
      // Smithy has validated both traits against their shapes; they are carried as they are.
      ...(traits["smithy.rules#endpointRuleSet"] ? { endpointRuleSet: traits["smithy.rules#endpointRuleSet"] as EndpointRuleSet } : {}),
      ...(traits["smithy.rules#endpointTests"] ? { endpointTests: (traits["smithy.rules#endpointTests"] as { testCases?: EndpointTestCase[] }).testCases ?? [] } : {}),
      ...(traits["smithy.rules#clientContextParams"] ? { clientContextParams: traits["smithy.rules#clientContextParams"] as Service["clientContextParams"] } : {}),
      ...annotations(traits),
    };
  }

  /**
   * Every operation the service binds, directly or through its resources (a resource's
   * lifecycle operations, its operations and collection operations, and its own
   * resources, recursively), each once, as Smithy's TopDownIndex collects them.
   */
  private operationIds(serviceId: string, service: AstShape): string[] {
    const operations = new Set<string>();
    const resources = new Set<string>();
    const walk = (from: string, container: AstShape) => {
      for (const ref of container.operations ?? []) operations.add(ref.target);
      for (const ref of container.collectionOperations ?? []) operations.add(ref.target);
      for (const property of LIFECYCLE) if (container[property]) operations.add(container[property].target);
      for (const ref of container.resources ?? []) {
        if (resources.has(ref.target)) continue;
        resources.add(ref.target);
        const resource = this.flatten(ref.target, this.expect(ref.target, from));
        if (resource.type !== "resource") this.modelErrors.push(`${from}: ${ref.target} is bound as a resource, but is a ${resource.type}.`);
        else walk(ref.target, resource);
      }
    };
    walk(serviceId, service);
    return [...operations];
  }

  /**
   * The names the targets give a type, function or file (operations and aggregate and enum
   * shapes; simple shapes are written inline) must be unique in the service. Smithy checks
   * this for the whole closure; a JSON AST made another way may not have been checked.
   */
  private checkNames(operations: Operation[]): void {
    const byName = new Map<string, string[]>();
    const add = (name: string, id: string) => byName.set(name.toLowerCase(), [...(byName.get(name.toLowerCase()) ?? []), id]);
    for (const operation of operations) add(operation.name, operation.id);
    for (const shape of this.shapes.values()) if (!shape.id.startsWith("smithy.api#") && NAMED_KINDS.has(shape.kind)) add(shape.name, shape.id);
    for (const ids of byName.values()) {
      if (ids.length < 2) continue;
      ids.sort();
      // 'rename' can fix the others only: Smithy refuses it for operations and errors.
      const fixed = ids.filter((shapeId) => this.unrenamable(shapeId));
      const advice =
        fixed.length === 0 ? "give all but one a new name with the service's 'rename'"
        : fixed.length === 1 ? `give the others a new name with the service's 'rename' (${fixed[0]} cannot be renamed: it is ${this.unrenamable(fixed[0]!)})`
        : `${fixed.join(" and ")} cannot be renamed (a service renames no operation or error): change all but one of those names in the model`;
      this.modelErrors.push(`${ids.join(", ")}: the same name in the service; ${advice}.`);
    }
  }

  /** The service's `rename` may not name an operation, a resource or an error: Smithy refuses those. */
  private checkRenames(serviceId: string): void {
    for (const [shapeId, name] of Object.entries(this.rename)) {
      const what = this.unrenamable(shapeId);
      if (what) this.modelErrors.push(`${serviceId}: 'rename' gives ${shapeId} the name "${name}", but it is ${what}, which Smithy does not let a service rename; change its name in the model.`);
    }
  }

  /** What a shape is when Smithy refuses to rename it ("an operation", ...); else undefined. */
  private unrenamable(shapeId: string): string | undefined {
    const shape = this.ast[shapeId];
    if (shape?.type === "operation") return "an operation";
    if (shape?.type === "resource") return "a resource";
    if (shape?.type === "structure" && "smithy.api#error" in (shape.traits ?? {})) return "an error";
    return undefined;
  }

  private operation(id: string, serviceErrors: string[], servicePagination: PaginatedTrait | undefined): Operation {
    const shape = this.flatten(id, this.expect(id, id));
    if (shape.type !== "operation") this.modelErrors.push(`${id}: expected an operation, found a ${shape.type}.`);
    const traits = shape.traits ?? {};
    this.checkTraits(id, traits);
    const input = shape.input?.target;
    const output = shape.output?.target;
    const hostPrefix = (traits["smithy.api#endpoint"] as { hostPrefix?: string } | undefined)?.hostPrefix;
    const compression = traits["smithy.api#requestCompression"] as { encodings?: string[] } | undefined;
    const paginated = traits["smithy.api#paginated"] as PaginatedTrait | undefined;
    const staticParams = traits["smithy.rules#staticContextParams"] as Record<string, { value: unknown }> | undefined;
    const pathParams = traits["smithy.rules#operationContextParams"] as Record<string, { path: string }> | undefined;
    return {
      id,
      name: this.nameOf(id),
      input: input && input !== UNIT ? input : undefined,
      output: output && output !== UNIT ? output : undefined,
      errors: [...(shape.errors ?? []).map((ref) => ref.target), ...serviceErrors],
      ...(hostPrefix !== undefined ? { hostPrefix } : {}),
      ...(compression ? { requestCompression: { encodings: this.encodings(id, compression.encodings) } } : {}),
      ...(paginated ? { paginated: this.pagination(id, { ...definedOnly(servicePagination), ...definedOnly(paginated) }) } : {}),
      ...(staticParams ? { staticContextParams: Object.fromEntries(Object.entries(staticParams).map(([name, { value }]) => [name, value])) } : {}),
      ...(pathParams ? { operationContextParams: Object.fromEntries(Object.entries(pathParams).map(([name, { path }]) => [name, path])) } : {}),
      ...annotations(traits),
    };
  }

  private encodings(id: string, encodings: string[] | undefined): string[] {
    const lower = (encodings ?? []).map((encoding) => encoding.toLowerCase());
    if (lower.length === 0) this.modelErrors.push(`${id}: trait smithy.api#requestCompression: 'encodings' names no encoding.`);
    for (const encoding of lower) {
      if (!COMPRESSION_ENCODINGS.has(encoding)) this.unsupported.push(`${id}: trait smithy.api#requestCompression: encoding '${encoding}' is not supported (only ${[...COMPRESSION_ENCODINGS].join(", ")}).`);
    }
    return lower;
  }

  /** The operation's @paginated over the service's; paths split into member names. */
  private pagination(id: string, merged: PaginatedTrait): Pagination {
    const missing = (["inputToken", "outputToken"] as const).filter((key) => !merged[key]);
    if (missing.length > 0) this.modelErrors.push(`${id}: trait smithy.api#paginated: no ${missing.join(" or ")}, on the operation or its service.`);
    return {
      inputToken: merged.inputToken ?? "",
      outputToken: (merged.outputToken ?? "").split("."),
      ...(merged.items ? { items: merged.items.split(".") } : {}),
      ...(merged.pageSize ? { pageSize: merged.pageSize } : {}),
    };
  }

  /**
   * What only the loaded shapes can tell about an operation's traits: hostPrefix labels
   * name @hostLabel input members, and pagination names members that exist.
   */
  private checkOperation(operation: Operation): void {
    const input = operation.input ? this.shapes.get(operation.input) : undefined;
    const inputMembers = input?.kind === "structure" ? input.members : [];
    const inputMember = (name: string) => inputMembers.find((member) => member.name === name);
    const kindOf = (member: Member | undefined) => (member ? this.shapes.get(member.target)?.kind : undefined);

    const labels = operation.hostPrefix === undefined ? [] : [...operation.hostPrefix.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]!);
    for (const label of labels) {
      const member = inputMember(label);
      const why = !member
        ? "is not a member of the operation's input"
        : !member.hostLabel
          ? "is not marked @hostLabel"
          : (kindOf(member) !== "string" && kindOf(member) !== "enum") || !member.required
            ? "must be a required string member"
            : undefined;
      if (why) this.modelErrors.push(`${operation.id}: trait smithy.api#endpoint: host label {${label}} ${why}.`);
    }
    for (const member of inputMembers) {
      if (member.hostLabel && !labels.includes(member.name)) {
        this.modelErrors.push(`${operation.input}$${member.name}: trait smithy.api#hostLabel: the operation's @endpoint hostPrefix has no {${member.name}} label.`);
      }
    }

    const pagination = operation.paginated;
    if (!pagination || !pagination.inputToken || pagination.outputToken.join("") === "") return;
    const where = `${operation.id}: trait smithy.api#paginated`;
    if (!inputMember(pagination.inputToken)) this.modelErrors.push(`${where}: inputToken '${pagination.inputToken}' is not a member of the operation's input.`);
    if (pagination.pageSize !== undefined) {
      const kind = kindOf(inputMember(pagination.pageSize));
      if (!kind || !["byte", "short", "integer", "long"].includes(kind)) this.modelErrors.push(`${where}: pageSize '${pagination.pageSize}' is not an integer member of the operation's input.`);
    }
    const resolve = (path: string[]): Member | undefined => {
      let shape = operation.output ? this.shapes.get(operation.output) : undefined;
      let member: Member | undefined;
      for (const name of path) {
        member = shape?.kind === "structure" ? shape.members.find((candidate) => candidate.name === name) : undefined;
        if (!member) return undefined;
        shape = this.shapes.get(member.target);
      }
      return member;
    };
    if (!resolve(pagination.outputToken)) this.modelErrors.push(`${where}: outputToken '${pagination.outputToken.join(".")}' is not a path of output members.`);
    if (pagination.items) {
      const kind = kindOf(resolve(pagination.items));
      if (kind !== "list" && kind !== "map") this.modelErrors.push(`${where}: items '${pagination.items.join(".")}' is not a path of output members ending in a list or map.`);
    }
  }

  private expect(id: string, from: string): AstShape {
    const shape = this.ast[id];
    if (!shape) throw new GenerateError(`${from} refers to ${id}, which is not in the model.`);
    return shape;
  }

  /** Loads a shape (and what it reaches) into the IR; `from` names who refers to it, for the error when it is missing. */
  private visit(id: string, from: string): void {
    if (this.shapes.has(id)) return;
    if (id === UNIT) {
      // Reached only from a member (a union member with no value): an empty structure.
      this.shapes.set(id, { id, name: "Unit", kind: "structure", members: [], isInput: false, constraints: {}, otherTraits: [] });
      return;
    }
    const prelude = id.startsWith("smithy.api#") ? PRELUDE[localName(id)] : undefined;
    if (prelude) {
      this.shapes.set(id, { id, name: localName(id), kind: prelude, constraints: {}, otherTraits: [] } as Shape);
      return;
    }
    const raw = this.flatten(id, this.expect(id, from));
    const traits = raw.traits ?? {};
    this.checkTraits(id, traits);
    const base = { id, name: this.nameOf(id), constraints: constraints(traits), otherTraits: others(traits), ...annotations(traits) };

    switch (raw.type) {
      case "structure": {
        const error = traits["smithy.api#error"] as "client" | "server" | undefined;
        const httpError = traits["smithy.api#httpError"] as number | undefined;
        const shape: Shape = {
          ...base,
          kind: "structure",
          members: [],
          isInput: "smithy.api#input" in traits,
          ...(error ? { error: { fault: error, httpStatus: httpError ?? (error === "client" ? 400 : 500) } } : {}),
        };
        this.shapes.set(id, shape);
        shape.members = this.members(id, raw);
        if (error) this.checkErrorMembers(shape);
        return;
      }
      case "union": {
        const shape: Shape = { ...base, kind: "union", members: [] };
        this.shapes.set(id, shape);
        shape.members = this.members(id, raw).map((member) => ({ ...member, required: false }));
        return;
      }
      case "list":
      case "set": {
        if (raw.type === "set") this.unsupported.push(`${id}: 'set' is IDL 1.0; use a list with @uniqueItems.`);
        const shape: Shape = { ...base, kind: "list", member: undefined!, sparse: "smithy.api#sparse" in traits };
        this.shapes.set(id, shape);
        shape.member = this.member(id, "member", raw.member!);
        return;
      }
      case "map": {
        const shape: Shape = { ...base, kind: "map", key: undefined!, value: undefined!, sparse: "smithy.api#sparse" in traits };
        this.shapes.set(id, shape);
        shape.key = this.member(id, "key", raw.key!);
        shape.value = this.member(id, "value", raw.value!);
        return;
      }
      case "enum": {
        const values = Object.entries(raw.members ?? {}).map(([name, member]) => ({
          name,
          value: (member.traits?.["smithy.api#enumValue"] as string | undefined) ?? name,
          documentation: member.traits?.["smithy.api#documentation"] as string | undefined,
        }));
        this.shapes.set(id, { ...base, kind: "enum", values });
        return;
      }
      case "intEnum": {
        const values = Object.entries(raw.members ?? {}).map(([name, member]) => ({
          name,
          value: member.traits?.["smithy.api#enumValue"] as number,
          documentation: member.traits?.["smithy.api#documentation"] as string | undefined,
        }));
        this.shapes.set(id, { ...base, kind: "intEnum", values });
        return;
      }
      default: {
        if (SERVICE_KINDS.has(raw.type)) {
          // Smithy lets a member or an operation's input, output or error target data shapes only.
          this.modelErrors.push(`${from}: targets ${id}, which is a${raw.type === "operation" ? "n" : ""} ${raw.type}; only a data shape (a structure, list, string, ...) can be targeted there.`);
          return;
        }
        if (!SIMPLE_KINDS.has(raw.type)) {
          this.unsupported.push(`${id}: shapes of type '${raw.type}' are not supported.`);
          return;
        }
        if (raw.type === "string" && "smithy.api#enum" in traits) {
          this.unsupported.push(`${id}: trait smithy.api#enum is deprecated; use an enum shape.`);
        }
        this.shapes.set(id, {
          ...base,
          kind: raw.type as Exclude<ShapeKind, "structure" | "union" | "list" | "map" | "enum" | "intEnum">,
          timestampFormat: traits["smithy.api#timestampFormat"] as TimestampFormat | undefined,
        } as Shape);
      }
    }
  }

  private members(owner: string, raw: AstShape): Member[] {
    return Object.entries(raw.members ?? {}).map(([name, member]) => this.member(owner, name, member));
  }

  private member(owner: string, name: string, raw: AstMember): Member {
    if (!raw) throw new GenerateError(`${owner} has no '${name}' member.`);
    const traits = raw.traits ?? {};
    this.checkTraits(`${owner}$${name}`, traits);
    this.visit(raw.target, `${owner}$${name}`);
    const target = this.shapes.get(raw.target);
    const targetShape = this.ast[raw.target];
    const targetTraits = (targetShape ? this.flatten(raw.target, targetShape).traits : undefined) ?? {};
    const timestampFormat = (traits["smithy.api#timestampFormat"] ?? targetTraits["smithy.api#timestampFormat"]) as
      | TimestampFormat
      | undefined;
    // Kept as written: whether @jsonName applies is the protocol's call (Protocol.wireName).
    const jsonName = traits["smithy.api#jsonName"] as string | undefined;
    // Assigning `out["__proto__"]` sets a prototype rather than a member; the codec reads
    // the other names every object inherits as own properties (Protocol codec, validators).
    for (const key of new Set([name, jsonName ?? name])) {
      if (key === "__proto__") this.unsupported.push(`${owner}$${name}: a member named '__proto__' is not supported: assigning it to a JavaScript object sets the object's prototype.`);
    }
    const hasDefault = "smithy.api#default" in traits && traits["smithy.api#default"] !== null;
    return {
      name,
      ...(jsonName !== undefined ? { jsonName } : {}),
      target: raw.target,
      required: "smithy.api#required" in traits,
      clientOptional: "smithy.api#clientOptional" in traits,
      ...(hasDefault ? { default: traits["smithy.api#default"] } : {}),
      ...("smithy.api#idempotencyToken" in traits ? { idempotencyToken: true } : {}),
      ...("smithy.api#hostLabel" in traits ? { hostLabel: true } : {}),
      ...(traits["smithy.rules#contextParam"] ? { contextParam: (traits["smithy.rules#contextParam"] as { name: string }).name } : {}),
      constraints: { ...(target?.constraints ?? {}), ...constraints(traits) },
      ...(timestampFormat ? { timestampFormat } : {}),
      otherTraits: others(traits),
      ...annotations({ ...pick(targetTraits, ["smithy.api#sensitive"]), ...traits }),
    };
  }

  /**
   * The shape as Smithy sees it: the JSON AST leaves out what a shape inherits from its
   * mixins and writes traits added to a shape or an inherited member as separate `apply`
   * entries. Mixin members come first, then the shape's own (a member it redeclares keeps
   * the mixin's traits under its own); list-valued properties (operations, errors, ...)
   * are merged; traits merge, except the mixin's `localTraits` and `@mixin` itself; applied
   * traits win over both.
   */
  private flatten(id: string, shape: AstShape): AstShape {
    const done = this.flattened.get(id);
    if (done) return done;
    if (this.flattening.includes(id)) {
      // Smithy refuses such a model; a JSON AST made another way would recurse without end.
      const cycle = [...this.flattening.slice(this.flattening.indexOf(id)), id];
      throw new GenerateError(`${id} is a mixin of itself (${cycle.join(" -> ")}); a mixin cannot reach the shape that uses it.`);
    }
    this.flattening.push(id);
    const withApplied = (memberId: string, member: AstMember): AstMember => {
      const applied = this.applied.get(memberId);
      return applied ? { ...member, traits: { ...member.traits, ...applied } } : member;
    };
    let members: Record<string, AstMember> | undefined;
    let traits: Traits = {};
    const flat: AstShape = { ...shape };
    for (const mixin of shape.mixins ?? []) {
      const from = this.flatten(mixin.target, this.expect(mixin.target, id));
      if (from.members) members = { ...members, ...from.members };
      const local = new Set(["smithy.api#mixin", ...((from.traits?.["smithy.api#mixin"] as { localTraits?: string[] } | undefined)?.localTraits ?? [])]);
      traits = { ...traits, ...Object.fromEntries(Object.entries(from.traits ?? {}).filter(([trait]) => !local.has(trait))) };
      for (const property of SINGLE) if (flat[property] === undefined && from[property] !== undefined) (flat as unknown as Record<string, unknown>)[property] = from[property];
      for (const property of REF_LISTS) {
        if (!from[property]) continue;
        const own = flat[property] ?? [];
        flat[property] = [...from[property].filter((ref) => !own.some((o) => o.target === ref.target)), ...own];
      }
      if (from.rename) flat.rename = { ...from.rename, ...flat.rename };
    }
    for (const [name, member] of Object.entries(shape.members ?? {})) {
      const inherited = members?.[name];
      members = { ...members, [name]: inherited ? { ...member, traits: { ...inherited.traits, ...member.traits } } : member };
    }
    if (members) flat.members = Object.fromEntries(Object.entries(members).map(([name, member]) => [name, withApplied(`${id}$${name}`, member)]));
    for (const property of ["member", "key", "value"] as const) if (flat[property]) flat[property] = withApplied(`${id}$${property}`, flat[property]);
    const merged = { ...traits, ...shape.traits, ...this.applied.get(id) };
    if (Object.keys(merged).length > 0) flat.traits = merged;
    delete flat.mixins;
    this.flattening.pop();
    this.flattened.set(id, flat);
    return flat;
  }

  /**
   * An error's members become fields of the error object the client throws, beside the
   * fields every error has. The AWS SDK's generator writes such a member as a second
   * field of the same name, which does not compile (or, for `stack`, replaces the stack
   * trace), so a model with one is refused here rather than generated wrong.
   */
  private checkErrorMembers(shape: StructureShape): void {
    for (const member of shape.members) {
      const where = `${shape.id}$${member.name}`;
      const kind = this.shapes.get(member.target)?.kind;
      if (Object.hasOwn(ERROR_FIELDS, member.name)) {
        this.unsupported.push(`${where}: an error member named '${member.name}' collides with the client error's own field, which ${ERROR_FIELDS[member.name]}; rename the member.`);
      } else if (member.name === "message" && kind !== "string" && kind !== "enum") {
        this.unsupported.push(`${where}: an error's 'message' member is the client error's message, so it must target a string, not ${kind}.`);
      } else if (member.name !== "__proto__" && Object.hasOwn(Object.prototype, member.name)) {
        // A field of such a name would replace what every object has (`toString`, `constructor`...).
        this.unsupported.push(`${where}: an error member named '${member.name}' would replace the client error's inherited ${member.name}; rename the member.`);
      }
    }
  }

  private checkTraits(where: string, traits: Traits): void {
    for (const trait of Object.keys(traits)) {
      const why = UNSUPPORTED[trait];
      if (why) this.unsupported.push(`${where}: trait ${trait}: ${why}.`);
    }
  }

  private nameOf(id: string): string {
    return this.rename[id] ?? localName(id);
  }
}

function localName(id: string): string {
  return id.slice(id.indexOf("#") + 1);
}

function annotations(traits: Traits): Annotations {
  const result: Annotations = {};
  const documentation = traits["smithy.api#documentation"];
  if (typeof documentation === "string") result.documentation = documentation;
  const deprecated = traits["smithy.api#deprecated"] as { message?: string; since?: string } | undefined;
  if (deprecated) result.deprecated = { ...deprecated };
  if ("smithy.api#sensitive" in traits) result.sensitive = true;
  return result;
}

function constraints(traits: Traits): Constraints {
  const result: Constraints = {};
  const length = traits["smithy.api#length"] as Constraints["length"];
  if (length) result.length = { ...length };
  const range = traits["smithy.api#range"] as Constraints["range"];
  if (range) result.range = { ...range };
  const pattern = traits["smithy.api#pattern"];
  if (typeof pattern === "string") result.pattern = pattern;
  if ("smithy.api#uniqueItems" in traits) result.uniqueItems = true;
  return result;
}

function others(traits: Traits): string[] {
  return Object.keys(traits)
    .filter((trait) => !MODELED.has(trait))
    .sort();
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined && v !== "")) as Partial<T>;
}

function pick(traits: Traits, keys: string[]): Traits {
  return Object.fromEntries(keys.filter((key) => key in traits).map((key) => [key, traits[key]]));
}
