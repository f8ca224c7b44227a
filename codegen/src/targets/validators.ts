// The validators target: for each aggregate shape, an exported fast `is` predicate and
// (structures and unions) an exported `validate` wrapper, then, after all of those, a
// private `check` function that collects constraint violations (returning early on a wrong
// JSON type). Straight-line code over the JSON wire form; no schema is interpreted at run
// time and nothing is eval'd. A list or map that some member gives a @length of its own
// (which replaces the list's or map's, as member traits do in Smithy) takes its bounds as
// parameters: its `check` as defaulted ones, and a private `fits` function holds its fast
// path, which `is` calls with the shape's own bounds.
//
// Smithy's rules are written once: RULES gives, for each shape kind, the type test and
// the constraint rules as data. Two renderers print that one list, `checks` as the full
// path (every violation, in AWS's words) and `fastTests` as the `is` predicate.
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import { EPOCH_SECONDS_LIMIT, INT_BOUNDS, type IntegerWidth } from "../../../packages/validators/src/runtime/limits.js";
import { GenerateError } from "../errors.js";
import { DEFAULT_LAYOUT, type ImportSpecifiers } from "../layout.js";
import { membersOf } from "../ir/members.js";
import type { Constraints, ListShape, MapShape, Member, ModelIR, Shape, ShapeKind, SimpleShape, StructureShape, TimestampFormat, UnionShape } from "../ir/types.js";
import { protocolFor, type Protocol } from "../protocols/index.js";
import { fileImports, type FileImports } from "./imports.js";
import { INHERITED_NAMES } from "./names.js";
import type { GeneratedFile } from "./target.js";
import { docs, printStatements } from "./ts.js";

/** The file this target writes, in the validators' output folder (the layout's). */
export const VALIDATORS_FILE = "validators.ts";

type Aggregate = StructureShape | UnionShape | ListShape | MapShape;

/** `protocol` is the service's unless given (a test may hand it another). */
export function emitValidators(ir: ModelIR, imports: ImportSpecifiers = DEFAULT_LAYOUT.imports, protocol: Protocol = protocolFor(ir, "validators")): GeneratedFile[] {
  const emitter = new ValidatorEmitter(ir, protocol);
  return [{ path: VALIDATORS_FILE, contents: emitter.emit(imports) }];
}

// ---------------------------------------------------------------------------------------
// The rules, as data.

/** A condition, printable either way round: as holding (the fast path) or failing (the full path). */
interface Test {
  holds: string;
  fails: string;
}

const OPPOSITE = { "===": "!==", "<": ">=", "<=": ">", ">": "<=", ">=": "<" } as const;

/** A comparison NaN never reaches: it fails as the opposite comparison. */
function compare(left: string, op: keyof typeof OPPOSITE, right: string | number): Test {
  return { holds: `${left} ${op} ${right}`, fails: `${left} ${OPPOSITE[op]} ${right}` };
}

/** A comparison NaN may reach fails as its negation: `!(n >= 1)` catches NaN, `n < 1` does not. */
function compareNaN(left: string, op: keyof typeof OPPOSITE, right: string | number): Test {
  return { holds: `${left} ${op} ${right}`, fails: `!(${left} ${op} ${right})` };
}

/** A call that answers yes or no, such as `isObject(v)`. */
function call(expression: string): Test {
  return { holds: expression, fails: `!${expression}` };
}

/** Tests that must all hold. Its `fails` is an `||` chain: print it only as a whole condition. */
function all(...tests: Test[]): Test {
  return { holds: tests.map((test) => test.holds).join(" && "), fails: tests.map((test) => test.fails).join(" || ") };
}

function typeOf(v: string, type: "string" | "number" | "boolean"): Test {
  return compare(`typeof ${v}`, "===", `"${type}"`);
}

/** What a `@length` or `@range` bound is compared with. */
type Measure =
  /** The number itself (integers, bigInteger, bigDecimal, intEnum). */
  | "value"
  /** float and double: a number, or "NaN", "Infinity" or "-Infinity" standing for one. */
  | "number"
  /** A string's length in code points. */
  | "codePoints"
  /** A blob's length in bytes, from its base64 text. */
  | "bytes"
  /** A list's or map's size: the expression that counts it. */
  | { size: string };

interface BoundsRule {
  rule: "bounds";
  measure: Measure;
  min?: number;
  max?: number;
  /** A list's or map's own @length, which a member's may replace: compared with the function's `min` and `max` parameters instead. */
  parameters?: true;
}

/** The @length a member gives a list or map in place of the target's own. */
type Length = NonNullable<Constraints["length"]>;

type Rule =
  /** The JSON type: failing it, the value cannot be read at all (a deserialization failure). */
  | { rule: "type"; test: Test; expected: string }
  /** A whole number within an integer width: a type test too, inlined (with any @range) on the fast path. */
  | { rule: "integer"; width: IntegerWidth; expected: string }
  /** Well typed but still unreadable, such as a timestamp no Date can hold: a deserialization failure too. */
  | { rule: "readable"; test: Test; failure: "timestampOutOfRange" }
  /** `@length` or `@range`: each side broken is one violation. */
  | BoundsRule
  /** `@pattern`, enum membership, `@uniqueItems`: one test, one violation. */
  | { rule: "test"; test: Test; constraint: string }
  /** A value of an aggregate shape: that shape's own check and is functions judge it (with the member's @length in place of a list's or map's own). */
  | { rule: "shape"; name: string; length?: Length }
  /** A local the rules after it read, such as a map's keys. */
  | { rule: "let"; name: string; init: string }
  /** A structure's or union's members; a union (named) needs exactly one of them set. */
  | { rule: "members"; members: Member[]; union?: string }
  /** A list's items: null is an item of a sparse list, and missing from a dense one. */
  | { rule: "items"; member: Member; sparse: boolean }
  /** A map's keys and values, over the `keys` local. */
  | { rule: "entries"; key: Member; value: Member; sparse: boolean };

/** What an entry of RULES may ask of the emitter. */
interface Hoister {
  /** A runtime helper's name; using it imports it. */
  use(name: string): string;
  /** The hoisted RegExp of a @pattern. */
  pattern(pattern: string): string;
  /** The hoisted Set of an enum's values. */
  enumSet(name: string, values: Array<string | number>): string;
  /** The service's protocol, for what it says about wire values. */
  readonly protocol: Protocol;
}

interface RuleInput<S extends Shape> {
  shape: S;
  /** The expression that holds the value in the generated code. */
  v: string;
  /** The constraints that apply: a member's (merged over its target's), or an aggregate's own. */
  c: Constraints;
  /** The member whose value this is; absent for an aggregate's own body. */
  member: Member | undefined;
  /** A list's or map's body whose @length some member replaces: its bounds are parameters. */
  resized?: boolean;
  code: Hoister;
}

type ShapeOf<K extends ShapeKind> = [Extract<Shape, { kind: K }>] extends [never] ? SimpleShape : Extract<Shape, { kind: K }>;

/** Smithy's rules for each shape kind: the type test first, then the constraints in the order their messages appear. */
const RULES: { [K in ShapeKind]: (input: RuleInput<ShapeOf<K>>) => Rule[] } = {
  string: ({ v, c, code }) => [{ rule: "type", test: typeOf(v, "string"), expected: "a string" }, ...stringRules(v, c, code)],
  enum: ({ shape, v, c, code }) => [{ rule: "type", test: typeOf(v, "string"), expected: "a string" }, ...stringRules(v, c, code), enumRule(shape.name, shape.values, v, code)],
  intEnum: ({ shape, v, c, code }) => [
    { rule: "type", test: call(`${code.use("isIntegerOf")}(${v}, "integer")`), expected: "an integer" },
    ...bounds(c.range, "value"),
    enumRule(shape.name, shape.values, v, code),
  ],
  byte: integerRules("byte"),
  short: integerRules("short"),
  integer: integerRules("integer"),
  long: integerRules("long"),
  float: floatRules,
  double: floatRules,
  bigInteger: ({ v, c, code }) => [{ rule: "type", test: call(`${code.use("isBigInteger")}(${v})`), expected: "a number" }, ...exactBounds(v, c, code)],
  bigDecimal: ({ v, c, code }) => [{ rule: "type", test: call(`${code.use("isBigDecimal")}(${v})`), expected: "a number" }, ...exactBounds(v, c, code)],
  boolean: ({ v }) => [{ rule: "type", test: typeOf(v, "boolean"), expected: "a boolean" }],
  timestamp: ({ v, member, code }) => {
    // The protocol says how a timestamp without @timestampFormat travels.
    const format = member?.timestampFormat ?? code.protocol.defaultTimestampFormat;
    // isTimestamp also rejects a well-formed string that Date cannot read.
    if (format !== "epoch-seconds") return [{ rule: "type", test: call(`${code.use("isTimestamp")}(${v}, "${format}")`), expected: TIMESTAMP_WORDS[format] }];
    return [
      // A number, or one the exact JSON reader kept as text (an operation with big numbers), read as JSON.parse reads it.
      { rule: "type", test: call(`(typeof ${v} === "number" || ${code.use("isExactFloat")}(${v}))`), expected: TIMESTAMP_WORDS[format] },
      // Beyond this a handler would get an Invalid Date; NaN (from a JS caller) fails too.
      { rule: "readable", test: compareNaN(`Math.abs(typeof ${v} === "number" ? ${v} : Number(${v}))`, "<=", EPOCH_SECONDS_LIMIT), failure: "timestampOutOfRange" },
    ];
  },
  blob: ({ v, c, code }) => [{ rule: "type", test: call(`${code.use("isBase64")}(${v})`), expected: "a base64-encoded string" }, ...bounds(c.length, "bytes")],
  document: () => [],
  structure: ({ shape, v, code }) => [isObjectRule(v, code), { rule: "members", members: shape.members }],
  union: ({ shape, v, code }) => [isObjectRule(v, code), { rule: "members", members: shape.members, union: shape.name }],
  list: ({ shape, v, c, resized, code }) => [
    { rule: "type", test: call(`Array.isArray(${v})`), expected: "an array" },
    ...sizeBounds(shape, c, resized),
    ...(c.uniqueItems ? [{ rule: "test", test: call(`${code.use("hasUniqueItems")}(${v})`), constraint: "Member must have unique items" } as const] : []),
    { rule: "items", member: shape.member, sparse: shape.sparse },
  ],
  map: ({ shape, v, c, resized, code }) => [
    isObjectRule(v, code),
    { rule: "let", name: "keys", init: `Object.keys(${v})` },
    ...sizeBounds(shape, c, resized),
    { rule: "entries", key: shape.key, value: shape.value, sparse: shape.sparse },
  ],
};

function integerRules(width: IntegerWidth) {
  return ({ c }: RuleInput<SimpleShape>): Rule[] => [{ rule: "integer", width, expected: INTEGER_WORDS[width] }, ...bounds(c.range, "value")];
}

/**
 * Whether a member missing from the wire is a violation: a required structure member
 * without a default (the server fills a default in; a union's members are never required).
 */
function mustBeSet(member: Member, union: string | undefined): boolean {
  return member.required && member.default === undefined && union === undefined;
}

function floatRules({ v, c, code }: RuleInput<SimpleShape>): Rule[] {
  // A finite number, or one of the strings the protocol sends for NaN and the infinities.
  const spellings = code.protocol.nonFiniteFloats;
  // The typeof narrows the value for the Set<string> (a bare `has` of an unknown fails strict tsc).
  const nonFinite = spellings.length > 0 ? `(typeof ${v} === "string" && ${code.enumSet("NON_FINITE_FLOAT", [...spellings])}.has(${v}))` : "false";
  // Last, a number the exact JSON reader kept as text (an operation with big numbers): judged as JSON.parse reads it.
  const exact = `${code.use("isExactFloat")}(${v})`;
  return [{ rule: "type", test: call(`((typeof ${v} === "number" && Number.isFinite(${v})) || ${nonFinite} || ${exact})`), expected: "a number" }, ...bounds(c.range, "number")];
}

/** A bigInteger's or bigDecimal's @range, compared as decimal text: a double would round the value. */
function exactBounds(v: string, c: Constraints, code: Hoister): Rule[] {
  const rules: Rule[] = [];
  if (c.range?.min !== undefined) rules.push({ rule: "test", test: call(`${code.use("decimalAtLeast")}(${v}, ${JSON.stringify(String(c.range.min))})`), constraint: `Member must have value greater than or equal to ${c.range.min}` });
  if (c.range?.max !== undefined) rules.push({ rule: "test", test: call(`${code.use("decimalAtMost")}(${v}, ${JSON.stringify(String(c.range.max))})`), constraint: `Member must have value less than or equal to ${c.range.max}` });
  return rules;
}

function stringRules(v: string, c: Constraints, code: Hoister): Rule[] {
  const rules: Rule[] = bounds(c.length, "codePoints");
  // Smithy patterns are not implicitly anchored: `test` finds a match anywhere.
  if (c.pattern !== undefined) rules.push({ rule: "test", test: call(`${code.pattern(c.pattern)}.test(${v})`), constraint: `Member must satisfy regular expression pattern: ${c.pattern}` });
  return rules;
}

function enumRule(name: string, values: Array<{ value: string | number }>, v: string, code: Hoister): Rule {
  const list = values.map((entry) => entry.value);
  return { rule: "test", test: call(`${code.enumSet(name, list)}.has(${v})`), constraint: `Member must satisfy enum value set: [${list.join(", ")}]` };
}

function isObjectRule(v: string, code: Hoister): Rule {
  return { rule: "type", test: call(`${code.use("isObject")}(${v})`), expected: "an object" };
}

function bounds(range: { min?: number; max?: number } | undefined, measure: Measure): BoundsRule[] {
  return range ? [{ rule: "bounds", measure, min: range.min, max: range.max }] : [];
}

/** A list's or map's @length; as parameters where a member may replace it (then always both sides, as the member may set either). */
function sizeBounds(shape: ListShape | MapShape, c: Constraints, resized: boolean | undefined): BoundsRule[] {
  // The functions' parameters default to the shape's own bounds (lengthParameters).
  if (!resized) return bounds(c.length, { size: sizeOf(shape) });
  return [{ rule: "bounds", measure: { size: sizeOf(shape) }, parameters: true }];
}

/** How a violation shows a list's or map's size, rather than echoing it (it may be large, or hold sensitive items). */
function sizeShown(size: string): string {
  return `\`[\${${size}} \${${size} === 1 ? "item" : "items"}]\``;
}

/** The expression counting a list's items or a map's entries (over the `keys` local). */
function sizeOf(shape: ListShape | MapShape): string {
  return shape.kind === "list" ? "v.length" : "keys.length";
}

/** Each side of a bounds rule: its test of `measured`, and the constraint it words (as an expression of the generated code). */
function sides(rule: BoundsRule, measured: string): Array<{ test: Test; constraint: string }> {
  const noun = rule.measure === "value" || rule.measure === "number" ? "value" : "length";
  const cmp = rule.measure === "number" ? compareNaN : compare;
  const words = (side: string, bound: number) => JSON.stringify(`Member must have ${noun} ${side} ${bound}`);
  if (rule.parameters) {
    // The message names the bound the caller passed.
    return [
      { test: cmp(measured, ">=", "min"), constraint: `\`Member must have ${noun} greater than or equal to \${min}\`` },
      { test: cmp(measured, "<=", "max"), constraint: `\`Member must have ${noun} less than or equal to \${max}\`` },
    ];
  }
  const result: Array<{ test: Test; constraint: string }> = [];
  if (rule.min !== undefined) result.push({ test: cmp(measured, ">=", rule.min), constraint: words("greater than or equal to", rule.min) });
  if (rule.max !== undefined) result.push({ test: cmp(measured, "<=", rule.max), constraint: words("less than or equal to", rule.max) });
  return result;
}

/**
 * A string of n UTF-16 units has between ceil(n / 2) and n code points, so its UTF-16
 * length settles most @length bounds; only when these tests cannot are code points counted.
 */
function quickLength(rule: BoundsRule, v: string): Test[] {
  const quick: Test[] = [];
  if (rule.max !== undefined) quick.push(compare(`${v}.length`, "<=", rule.max));
  if (rule.min !== undefined && rule.min > 0) quick.push(compare(`${v}.length`, ">=", 2 * rule.min));
  return quick;
}

// ---------------------------------------------------------------------------------------
// The two renderers of the rules, and the functions that hold them.

/** A value the full path judges, and how its violations show it. */
interface Subject {
  v: string;
  path: string;
  /** What a violation echoes: the value, or a list's or map's size. */
  shown: string;
  sensitive: boolean;
  /** A map key is a string by construction, so it has no type test to fail. */
  isKey?: boolean;
}

class ValidatorEmitter implements Hoister {
  /** Hoisted module constants (regular expressions, enum sets), by name. */
  private readonly constants = new Map<string, string>();
  private readonly runtime = new Set<string>();
  private readonly results = new Set<string>();
  /** The runtime's names as this file may use them (aliased where the model has the name, as shape `Object` has `isObject`). */
  private readonly names: FileImports;
  /** The lists and maps some member gives a @length of its own: their functions take the bounds as parameters. */
  private readonly resized = new Set<string>();
  /**
   * The aggregates whose contents a violation never echoes: each one @sensitive, or reached
   * through a @sensitive member, and everything inside those. A check function serves every
   * use of its shape, so one sensitive use hides the values in all of them.
   */
  private readonly hidden = new Set<string>();
  /** Whether the check function being written is of a hidden aggregate. */
  private hiding = false;

  constructor(
    private readonly ir: ModelIR,
    readonly protocol: Protocol,
  ) {
    this.names = fileImports(ir);
    const sensitive: string[] = [];
    for (const shape of ir.shapes.values()) {
      if (isAggregate(shape) && shape.sensitive) sensitive.push(shape.id);
      for (const member of membersOf(shape)) {
        if (this.lengthOver(member)) this.resized.add(member.target);
        if (member.sensitive) sensitive.push(member.target);
      }
    }
    for (let id = sensitive.pop(); id !== undefined; id = sensitive.pop()) {
      const shape = ir.shapes.get(id);
      if (!shape || !isAggregate(shape) || this.hidden.has(id)) continue;
      this.hidden.add(id);
      for (const member of membersOf(shape)) sensitive.push(member.target);
    }
  }

  emit(specifiers: ImportSpecifiers): string {
    // Top-down: the exported is/validate functions first, the private check functions they call after.
    const exported: StatementStructures[] = [];
    const helpers: StatementStructures[] = [];
    for (const shape of this.ir.shapes.values()) {
      if (!isAggregate(shape)) continue;
      exported.push(this.isFunction(shape));
      if (shape.kind === "structure" || shape.kind === "union") exported.push(this.validateFunction(shape));
      if (this.resized.has(shape.id)) helpers.push(this.fitsFunction(shape));
      helpers.push(this.checkFunction(shape));
    }
    const statements: StatementStructures[] = [];
    const imports = (names: Set<string>, module: string, typeOnly: string[] = []) => {
      const all = [...names, ...typeOnly].sort();
      if (all.length > 0) statements.push(this.names.runtime(module, all.map((name) => (typeOnly.includes(name) ? `type ${name}` : name))));
    };
    imports(this.results, specifiers.runtime("validators", "result"), ["DeserializationFailure", "ValidationIssue", "ValidationResult"]);
    imports(this.runtime, specifiers.runtime("validators", "values"));
    for (const [name, initializer] of this.constants) {
      statements.push({
        kind: StructureKind.VariableStatement,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name, initializer }],
      });
    }
    statements.push(...exported, ...helpers);
    return printStatements(VALIDATORS_FILE, statements);
  }

  /** The rules of an aggregate's own body, or of a member's value. */
  private rulesOf(shape: Shape, input: Omit<RuleInput<Shape>, "shape" | "code">): Rule[] {
    return (RULES[shape.kind] as (input: RuleInput<Shape>) => Rule[])({ ...input, shape, code: this });
  }

  /** The rules of an aggregate's own body, as its check and is functions hold them. */
  private bodyRules(shape: Aggregate): Rule[] {
    return this.rulesOf(shape, { v: "v", c: shape.constraints, member: undefined, resized: this.resized.has(shape.id) });
  }

  private memberRules(member: Member, v: string): Rule[] {
    const target = this.target(member);
    if (!isAggregate(target)) return this.rulesOf(target, { v, c: member.constraints, member });
    // An aggregate's rules live in its own functions; a value of it calls them.
    const length = this.lengthOver(member);
    return [{ rule: "shape", name: target.name, ...(length ? { length } : {}) }];
  }

  /**
   * A @length on a member targeting a list or map, other than the target's own. As in Smithy
   * (a member's trait takes the place of its target's), it replaces the target's: the loader
   * merged the member's constraints over the target's, so it differs from them.
   */
  private lengthOver(member: Member): Length | undefined {
    const target = this.target(member);
    const length = member.constraints.length;
    const own = target.constraints.length;
    if ((target.kind === "list" || target.kind === "map") && length && (length.min !== own?.min || length.max !== own?.max)) return length;
    return undefined;
  }

  private checkFunction(shape: Aggregate): StatementStructures {
    const body: string[] = [];
    // A list or map is not echoed (it may be large, or hold sensitive items): the message names its size instead.
    const size = shape.kind === "list" || shape.kind === "map" ? sizeOf(shape) : undefined;
    const shown = size ? sizeShown(size) : "v";
    this.hiding = this.hidden.has(shape.id);
    this.checks(this.bodyRules(shape), { v: "v", path: "path", shown, sensitive: this.hiding }, body);
    this.hiding = false;
    body.push("return undefined;");
    return {
      kind: StructureKind.Function,
      name: `check${shape.name}`,
      parameters: [
        { name: "v", type: "unknown" },
        { name: "path", type: "string" },
        { name: "issues", type: `${this.names.name("ValidationIssue")}[]` },
        // A member's @length, passed in place of the shape's own.
        ...(this.resized.has(shape.id) ? this.lengthParameters(shape, true) : []),
      ],
      returnType: `${this.names.name("DeserializationFailure")} | undefined`,
      statements: body,
    };
  }

  /** The `min` and `max` parameters of a resized list's or map's functions; defaulting to its own @length on the full path. */
  private lengthParameters(shape: Aggregate, defaults: boolean): Array<{ name: string; type?: string; initializer?: string }> {
    const own = shape.constraints.length;
    return [
      { name: "min", ...(defaults ? { initializer: String(own?.min ?? 0) } : { type: "number" }) },
      { name: "max", ...(defaults ? { initializer: String(own?.max ?? "Infinity") } : { type: "number" }) },
    ];
  }

  /** The fast path of a list or map whose @length a member replaces: the is function with its bounds as parameters. */
  private fitsFunction(shape: Aggregate): StatementStructures {
    const body: string[] = [];
    this.fastStatements(this.bodyRules(shape), body);
    body.push("return true;");
    return {
      kind: StructureKind.Function,
      name: `fits${shape.name}`,
      docs: docs([`\`is${shape.name}\` with the @length a member gives in place of the ${shape.kind}'s own.`]),
      parameters: [{ name: "v", type: "unknown" }, ...this.lengthParameters(shape, false)],
      returnType: "boolean",
      statements: body,
    };
  }

  /** The fast path: the same rules as `check`, answering only yes or no. */
  private isFunction(shape: Aggregate): StatementStructures {
    const body: string[] = [];
    if (this.resized.has(shape.id)) {
      // Its own @length, passed to the function members with their own call too.
      const own = shape.constraints.length;
      body.push(`return fits${shape.name}(v, ${own?.min ?? 0}, ${own?.max ?? "Infinity"});`);
    } else {
      const rules = this.bodyRules(shape);
      this.fastStatements(rules, body);
      body.push(rules.some((rule) => rule.rule === "members" && rule.union) ? "return set === 1;" : "return true;");
    }
    return {
      kind: StructureKind.Function,
      isExported: true,
      name: `is${shape.name}`,
      // Lists and maps have no validate function of their own: their structures' say why not.
      docs: docs([
        `True when \`v\` is a valid \`${shape.name}\` in its JSON wire form.${shape.kind === "structure" || shape.kind === "union" ? ` Faster than \`validate${shape.name}\`; says nothing about why not.` : ""}`,
      ]),
      parameters: [{ name: "v", type: "unknown" }],
      returnType: "boolean",
      statements: body,
    };
  }

  private validateFunction(shape: StructureShape | UnionShape): StatementStructures {
    this.results.add("toResult");
    this.results.add("VALID");
    return {
      kind: StructureKind.Function,
      isExported: true,
      name: `validate${shape.name}`,
      docs: docs([
        `Validates a \`${shape.name}\` in its JSON wire form (as parsed from the request body).`,
        "A value of the wrong JSON type is a deserialization failure; a well-typed value that breaks a",
        "constraint is a validation failure, with every issue listed. Members the model does not know are ignored.",
      ]),
      parameters: [{ name: "value", type: "unknown" }],
      returnType: this.names.name("ValidationResult"),
      statements: [
        // Valid input, the common case, takes the fast path and allocates nothing.
        `if (is${shape.name}(value)) return ${this.names.name("VALID")};`,
        `const issues: ${this.names.name("ValidationIssue")}[] = [];`,
        `return ${this.names.name("toResult")}(check${shape.name}(value, "", issues), issues);`,
      ],
    };
  }

  /** The full path: statements that push every violation, and return the failure of a value that cannot be read. */
  private checks(rules: Rule[], s: Subject, body: string[]): void {
    // `constraint` is an expression of the generated code: a string literal, or a template naming a parameter.
    const violation = (constraint: string, shown = s.shown, sensitive = s.sensitive) =>
      `issues.push(${this.result("violation")}(${s.path}, ${shown}, ${constraint}${sensitive ? ", true" : ""}));`;
    const mismatch = (expected: string) => `return ${this.result("mismatch")}(${s.path}, ${JSON.stringify(expected)}, ${s.v});`;
    const integer = rules.some((rule) => rule.rule === "integer");
    for (const rule of rules) {
      switch (rule.rule) {
        case "type":
          if (!s.isKey) body.push(`if (${rule.test.fails}) ${mismatch(rule.expected)}`);
          break;
        case "integer":
          // The fast path took every plain number that fits; here also one the exact JSON reader kept as text.
          body.push(`if (!${this.use("isIntegerOf")}(${s.v}, "${rule.width}") && !${this.use("isExactIntegerOf")}(${s.v}, "${rule.width}")) ${mismatch(rule.expected)}`);
          break;
        case "readable":
          body.push(`if (${rule.test.fails}) return ${this.result(rule.failure)}(${s.path});`);
          break;
        case "bounds": {
          // A size is shown as such, not as the list or map it counts; it tells nothing of a sensitive one's items.
          const size = typeof rule.measure === "object";
          const each = (measured: string) => {
            for (const side of sides(rule, measured)) body.push(`if (${side.test.fails}) ${size ? violation(side.constraint, sizeShown(measured), false) : violation(side.constraint)}`);
          };
          if (rule.measure === "codePoints") {
            // Count code points only when the UTF-16 length cannot settle it.
            const quick = quickLength(rule, s.v);
            if (quick.length === 0) break;
            body.push(`if (${all(...quick).fails}) {`, `const n = ${this.use("codePointLength")}(${s.v});`);
            each("n");
            body.push("}");
          } else if (rule.measure === "number" || (rule.measure === "value" && integer)) {
            // A number kept as text is measured as JSON.parse reads it.
            body.push(`{ const n = typeof ${s.v} === "number" ? ${s.v} : Number(${s.v});`);
            each("n");
            body.push("}");
          } else {
            each(rule.measure === "value" ? s.v : rule.measure === "bytes" ? `${this.use("base64ByteLength")}(${s.v})` : rule.measure.size);
          }
          break;
        }
        case "test":
          body.push(`if (${rule.test.fails}) ${violation(JSON.stringify(rule.constraint))}`);
          break;
        case "shape": {
          const length = rule.length ? `, ${lengthArguments(rule.length)}` : "";
          body.push(`const failure = check${rule.name}(${s.v}, ${s.path}, issues${length});`, "if (failure) return failure;");
          break;
        }
        case "let":
          body.push(`const ${rule.name} = ${rule.init};`);
          break;
        case "members":
          if (rule.union) body.push("let set = 0;");
          for (const member of rule.members) {
            const value = `m_${member.name}`;
            const path = `${this.result("at")}(${s.path}, ${JSON.stringify(this.protocol.wireName(member))})`;
            body.push(`const ${value} = ${this.read(s.v, this.protocol.wireName(member))};`);
            if (mustBeSet(member, rule.union)) {
              body.push(`if (${value} === undefined || ${value} === null) issues.push(${this.result("missing")}(${path}));`, "else {");
            } else {
              body.push(`if (${value} !== undefined && ${value} !== null) {`);
              if (rule.union) body.push("set++;");
            }
            this.checks(this.memberRules(member, value), this.subject(member, value, path), body);
            body.push("}");
          }
          if (rule.union) {
            // As unreadable as a wrong type: no member says what the value is.
            body.push(`if (set !== 1) return { path, message: \`Expected exactly one member of ${rule.union} to be set at '\${path}', but found \${set}.\` };`);
          }
          break;
        case "items": {
          const path = `${this.result("item")}(${s.path}, i)`;
          body.push(`for (let i = 0; i < ${s.v}.length; i++) {`, `const value = ${s.v}[i];`);
          this.nullableItem(body, rule.sparse, path);
          this.checks(this.memberRules(rule.member, "value"), this.subject(rule.member, "value", path), body);
          body.push("}");
          break;
        }
        case "entries": {
          const path = `${this.result("at")}(${s.path}, key)`;
          body.push("for (const key of keys) {");
          this.checks(this.memberRules(rule.key, "key"), { ...this.subject(rule.key, "key", s.path), isKey: true }, body);
          body.push(`const value = ${s.v}[key];`);
          this.nullableItem(body, rule.sparse, path);
          this.checks(this.memberRules(rule.value, "value"), this.subject(rule.value, "value", path), body);
          body.push("}");
          break;
        }
      }
    }
  }

  private subject(member: Member, v: string, path: string): Subject {
    return { v, path, shown: v, sensitive: member.sensitive === true || this.hiding };
  }

  private nullableItem(body: string[], sparse: boolean, path: string): void {
    if (sparse) body.push("if (value === null) continue;");
    else body.push(`if (value === null || value === undefined) { issues.push(${this.result("missing")}(${path})); continue; }`);
  }

  /** The fast path of an aggregate's body: statements that return false at the first broken rule. */
  private fastStatements(rules: Rule[], body: string[]): void {
    const valid = (member: Member, v: string) => this.predicate(this.memberRules(member, v), v);
    for (const rule of rules) {
      switch (rule.rule) {
        case "let":
          body.push(`const ${rule.name} = ${rule.init};`);
          break;
        case "members":
          if (rule.union) body.push("let set = 0;");
          for (const member of rule.members) {
            const value = `m_${member.name}`;
            body.push(`const ${value} = ${this.read("v", this.protocol.wireName(member))};`);
            if (mustBeSet(member, rule.union)) {
              body.push(`if (${value} === undefined || ${value} === null || !(${valid(member, value)})) return false;`);
            } else {
              body.push(`if (${value} !== undefined && ${value} !== null) {`);
              if (rule.union) body.push("set++;");
              body.push(`if (!(${valid(member, value)})) return false;`, "}");
            }
          }
          break;
        case "items":
          body.push("for (let i = 0; i < v.length; i++) {", "const value = v[i];");
          body.push(rule.sparse ? "if (value === null) continue;" : "if (value === null || value === undefined) return false;");
          body.push(`if (!(${valid(rule.member, "value")})) return false;`, "}");
          break;
        case "entries":
          body.push("for (const key of keys) {", `if (!(${valid(rule.key, "key")})) return false;`, "const value = v[key];");
          body.push(rule.sparse ? "if (value === null) continue;" : "if (value === null || value === undefined) return false;");
          body.push(`if (!(${valid(rule.value, "value")})) return false;`, "}");
          break;
        default:
          for (const test of this.fastTests([rule], "v")) body.push(`if (${test.fails}) return false;`);
      }
    }
  }

  /** One boolean expression: is this present, non-null value valid? */
  private predicate(rules: Rule[], v: string): string {
    return this.fastTests(rules, v).map((test) => test.holds).join(" && ") || "true";
  }

  /** The fast path's tests of a value, inlined where a call would cost time. */
  private fastTests(rules: Rule[], v: string): Test[] {
    // An integer width and a @range on the value merge into one comparison per side.
    const range = rules.find((rule): rule is BoundsRule => rule.rule === "bounds" && rule.measure === "value");
    const fused = rules.some((rule) => rule.rule === "integer") ? range : undefined;
    const tests: Test[] = [];
    for (const rule of rules) {
      switch (rule.rule) {
        case "type":
        case "readable":
        case "test":
          tests.push(rule.test);
          break;
        case "integer": {
          const [low, end] = INT_BOUNDS[rule.width];
          tests.push(typeOf(v, "number"), call(`Number.isInteger(${v})`));
          tests.push(fused?.min !== undefined && fused.min > low ? compare(v, ">=", fused.min) : compare(v, ">=", exact(low)));
          // `end` is one past the width's highest value.
          tests.push(fused?.max !== undefined && fused.max < end ? compare(v, "<=", fused.max) : compare(v, "<", exact(end)));
          break;
        }
        case "bounds":
          if (rule === fused) break;
          if (rule.measure === "codePoints") {
            const quick = quickLength(rule, v);
            if (quick.length === 0) break;
            const holds = `((${all(...quick).holds}) || ${this.use("lengthWithin")}(${v}, ${rule.min ?? 0}, ${rule.max ?? "Infinity"}))`;
            tests.push({ holds, fails: `!${holds}` });
          } else {
            const measured =
              rule.measure === "value" ? v
              : rule.measure === "number" ? `(typeof ${v} === "number" ? ${v} : Number(${v}))`
              : rule.measure === "bytes" ? `${this.use("base64ByteLength")}(${v})`
              : rule.measure.size;
            tests.push(...sides(rule, measured).map((side) => side.test));
          }
          break;
        case "shape":
          tests.push(call(rule.length ? `fits${rule.name}(${v}, ${lengthArguments(rule.length)})` : `is${rule.name}(${v})`));
          break;
        default:
          throw new GenerateError(`validators: a ${rule.rule} rule belongs to an aggregate's body, not to a value.`);
      }
    }
    return tests;
  }

  private target(member: Member): Shape {
    const shape = this.ir.shapes.get(member.target);
    if (!shape) throw new GenerateError(`validators: ${member.target} is referenced but not loaded.`);
    return shape;
  }

  /**
   * A member read off a parsed object, always with brackets: the object is a
   * Record<string, unknown>, and a consumer compiling with noPropertyAccessFromIndexSignature
   * refuses `v.name` on one. V8 compiles `v["name"]` to the same named load as `v.name`.
   */
  private read(object: string, key: string): string {
    // Read with `own()`: see INHERITED_NAMES.
    if (INHERITED_NAMES.has(key)) return `${this.use("own")}(${object}, ${JSON.stringify(key)})`;
    return `${object}[${JSON.stringify(key)}]`;
  }

  pattern(pattern: string): string {
    // Smithy patterns are ECMA-262; the u flag matches Ajv.
    try {
      new RegExp(pattern, "u");
    } catch (error) {
      throw new GenerateError(`validators: @pattern ${JSON.stringify(pattern)} is not a valid ECMA-262 expression: ${(error as Error).message}`);
    }
    return this.constant(`PATTERN_${this.constants.size}`, `new RegExp(${JSON.stringify(pattern)}, "u")`);
  }

  enumSet(name: string, values: Array<string | number>): string {
    return this.constant(`${name.toUpperCase()}_VALUES`, `new Set<${typeof values[0] === "number" ? "number" : "string"}>(${JSON.stringify(values)})`);
  }

  /** A hoisted constant; the same initializer is emitted once. */
  private constant(name: string, initializer: string): string {
    for (const [existing, value] of this.constants) if (value === initializer) return existing;
    this.constants.set(name, initializer);
    return name;
  }

  use(name: string): string {
    this.runtime.add(name);
    return this.names.name(name);
  }

  private result(name: string): string {
    this.results.add(name);
    return this.names.name(name);
  }
}

/** A member's @length as the arguments of a resized list's or map's functions: a side it leaves out does not bound. */
function lengthArguments(length: Length): string {
  return `${length.min ?? 0}, ${length.max ?? "Infinity"}`;
}

/** An integer as exact decimal: `String(2 ** 63)` would print 9223372036854776000. */
function exact(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
}

const INTEGER_WORDS: Record<IntegerWidth, string> = {
  byte: "an 8-bit integer",
  short: "a 16-bit integer",
  integer: "a 32-bit integer",
  long: "a 64-bit integer",
};

const TIMESTAMP_WORDS: Record<TimestampFormat, string> = {
  "epoch-seconds": "a timestamp in epoch seconds (a number)",
  "date-time": "an RFC 3339 date-time string",
  "http-date": "an HTTP date string",
};

function isAggregate(shape: Shape): shape is Aggregate {
  return shape.kind === "structure" || shape.kind === "union" || shape.kind === "list" || shape.kind === "map";
}
