// The validators target: for each aggregate shape, a `check` function that collects
// constraint violations (returning early on a wrong JSON type), a fast `is` predicate,
// and an exported `validate` wrapper. Straight-line code over the JSON wire form; no
// schema is interpreted at run time and nothing is eval'd.
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import { GenerateError } from "../errors.js";
import type { Constraints, ListShape, MapShape, Member, ModelIR, Shape, StructureShape, TimestampFormat, UnionShape } from "../ir/types.js";
import { docs, printStatements } from "./ts.js";

export const VALIDATORS_FILE = "packages/validators/src/generated/validators.ts";

/** Names on Object.prototype: members with these names are read with `own()`. */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

type Aggregate = StructureShape | UnionShape | ListShape | MapShape;

export function emitValidators(ir: ModelIR): Array<{ path: string; code: string }> {
  const emitter = new ValidatorEmitter(ir);
  return [{ path: VALIDATORS_FILE, code: emitter.emit() }];
}

class ValidatorEmitter {
  /** Hoisted module constants (regular expressions, enum sets), by name. */
  private readonly constants = new Map<string, string>();
  private readonly runtime = new Set<string>();
  private readonly results = new Set<string>();

  constructor(private readonly ir: ModelIR) {}

  emit(): string {
    const functions: StatementStructures[] = [];
    for (const shape of this.ir.shapes.values()) {
      if (!isAggregate(shape)) continue;
      functions.push(this.checkFunction(shape), this.isFunction(shape));
      if (shape.kind === "structure" || shape.kind === "union") functions.push(this.validateFunction(shape));
    }
    const statements: StatementStructures[] = [];
    const imports = (names: Set<string>, module: string, typeOnly: string[] = []) => {
      const all = [...names, ...typeOnly].sort();
      if (all.length > 0) {
        statements.push({
          kind: StructureKind.ImportDeclaration,
          moduleSpecifier: module,
          namedImports: all.map((name) => (typeOnly.includes(name) ? { name, isTypeOnly: true } : name)),
        });
      }
    };
    imports(this.results, "../runtime/result.js", ["DeserializationFailure", "ValidationIssue", "ValidationResult"]);
    imports(this.runtime, "../runtime/values.js");
    for (const [name, initializer] of this.constants) {
      statements.push({
        kind: StructureKind.VariableStatement,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name, initializer }],
      });
    }
    statements.push(...functions);
    return printStatements(VALIDATORS_FILE, statements);
  }

  private checkFunction(shape: Aggregate): StatementStructures {
    const body: string[] = [];
    this.results.add("mismatch");
    switch (shape.kind) {
      case "structure":
        this.use("isObject");
        body.push(`if (!isObject(v)) return mismatch(path, "an object", v);`);
        for (const member of shape.members) {
          const value = `m_${member.name}`;
          body.push(`const ${value} = ${this.read("v", member.jsonName)};`);
          if (member.required) {
            this.results.add("missing");
            this.results.add("at");
            body.push(`if (${value} === undefined || ${value} === null) issues.push(missing(at(path, ${JSON.stringify(member.jsonName)})));`);
            body.push("else {");
          } else {
            body.push(`if (${value} !== undefined && ${value} !== null) {`);
          }
          this.results.add("at");
          this.valueChecks(body, member, value, `at(path, ${JSON.stringify(member.jsonName)})`);
          body.push("}");
        }
        break;
      case "union": {
        this.use("isObject");
        this.results.add("at");
        body.push(`if (!isObject(v)) return mismatch(path, "an object", v);`);
        body.push("let set = 0;");
        for (const member of shape.members) {
          const value = `m_${member.name}`;
          body.push(`const ${value} = ${this.read("v", member.jsonName)};`);
          body.push(`if (${value} !== undefined && ${value} !== null) {`, "set++;");
          this.valueChecks(body, member, value, `at(path, ${JSON.stringify(member.jsonName)})`);
          body.push("}");
        }
        body.push(`if (set !== 1) return { path, message: \`Expected exactly one member of ${shape.name} to be set at '\${path}', but found \${set}.\` };`);
        break;
      }
      case "list":
        this.results.add("item");
        body.push(`if (!Array.isArray(v)) return mismatch(path, "an array", v);`);
        this.collectionConstraints(body, shape, "v", "v.length");
        body.push("for (let i = 0; i < v.length; i++) {", "const value = v[i];");
        this.nullableItem(body, shape.sparse, "value", "item(path, i)");
        this.valueChecks(body, shape.member, "value", "item(path, i)");
        body.push("}");
        break;
      case "map":
        this.use("isObject");
        this.results.add("at");
        body.push(`if (!isObject(v)) return mismatch(path, "an object", v);`);
        body.push("const keys = Object.keys(v);");
        this.collectionConstraints(body, shape, "v", "keys.length");
        body.push("for (const key of keys) {");
        this.valueChecks(body, shape.key, "key", "path", { isKey: true });
        body.push("const value = v[key];");
        this.nullableItem(body, shape.sparse, "value", "at(path, key)");
        this.valueChecks(body, shape.value, "value", "at(path, key)");
        body.push("}");
        break;
    }
    body.push("return undefined;");
    return {
      kind: StructureKind.Function,
      name: `check${shape.name}`,
      parameters: [
        { name: "v", type: "unknown" },
        { name: "path", type: "string" },
        { name: "issues", type: "ValidationIssue[]" },
      ],
      returnType: "DeserializationFailure | undefined",
      statements: body,
    };
  }

  /** The fast path: the same rules as `check`, answering only yes or no. */
  private isFunction(shape: Aggregate): StatementStructures {
    const body: string[] = [];
    switch (shape.kind) {
      case "structure":
      case "union":
        this.use("isObject");
        body.push("if (!isObject(v)) return false;");
        if (shape.kind === "union") body.push("let set = 0;");
        for (const member of shape.members) {
          const value = `m_${member.name}`;
          body.push(`const ${value} = ${this.read("v", member.jsonName)};`);
          if (shape.kind === "structure" && member.required) {
            body.push(`if (${value} === undefined || ${value} === null || !(${this.predicate(member, value)})) return false;`);
          } else {
            body.push(`if (${value} !== undefined && ${value} !== null) {`);
            if (shape.kind === "union") body.push("set++;");
            body.push(`if (!(${this.predicate(member, value)})) return false;`, "}");
          }
        }
        body.push(shape.kind === "union" ? "return set === 1;" : "return true;");
        break;
      case "list":
        body.push("if (!Array.isArray(v)) return false;");
        body.push(...this.collectionPredicate(shape, "v", "v.length"));
        body.push("for (let i = 0; i < v.length; i++) {", "const value = v[i];");
        body.push(shape.sparse ? "if (value === null) continue;" : "if (value === null || value === undefined) return false;");
        body.push(`if (!(${this.predicate(shape.member, "value")})) return false;`, "}", "return true;");
        break;
      case "map":
        this.use("isObject");
        body.push("if (!isObject(v)) return false;", "const keys = Object.keys(v);");
        body.push(...this.collectionPredicate(shape, "v", "keys.length"));
        body.push("for (const key of keys) {", `if (!(${this.predicate(shape.key, "key")})) return false;`, "const value = v[key];");
        body.push(shape.sparse ? "if (value === null) continue;" : "if (value === null || value === undefined) return false;");
        body.push(`if (!(${this.predicate(shape.value, "value")})) return false;`, "}", "return true;");
        break;
    }
    return {
      kind: StructureKind.Function,
      isExported: true,
      name: `is${shape.name}`,
      docs: docs([`True when \`v\` is a valid \`${shape.name}\` in its JSON wire form. Faster than \`validate${shape.name}\`; says nothing about why not.`]),
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
      returnType: "ValidationResult",
      statements: [
        // Valid input, the common case, takes the fast path and allocates nothing.
        `if (is${shape.name}(value)) return VALID;`,
        "const issues: ValidationIssue[] = [];",
        `return toResult(check${shape.name}(value, "", issues), issues);`,
      ],
    };
  }

  /** Checks of one present, non-null value against its target shape and constraints. */
  private valueChecks(body: string[], member: Member, value: string, path: string, options: { isKey?: boolean } = {}): void {
    const target = this.target(member);
    const c = member.constraints;
    const sensitive = member.sensitive ? ", true" : "";
    this.results.add("violation");
    const violation = (constraint: string) => `issues.push(violation(${path}, ${value}, ${JSON.stringify(constraint)}${sensitive}));`;

    if (isAggregate(target)) {
      body.push(`const failure = check${target.name}(${value}, ${path}, issues);`, "if (failure) return failure;");
      return;
    }
    switch (target.kind) {
      case "string":
      case "enum": {
        if (!options.isKey) body.push(`if (typeof ${value} !== "string") return mismatch(${path}, "a string", ${value});`);
        this.stringConstraints(body, c, value, violation);
        if (target.kind === "enum") {
          const set = this.enumSet(target.name, target.values.map((v) => v.value));
          body.push(`if (!${set}.has(${value})) ${violation(`Member must satisfy enum value set: [${target.values.map((v) => v.value).join(", ")}]`)}`);
        }
        return;
      }
      case "intEnum": {
        this.use("isIntegerOf");
        body.push(`if (!isIntegerOf(${value}, "integer")) return mismatch(${path}, "an integer", ${value});`);
        this.rangeConstraints(body, c, value, violation);
        const set = this.enumSet(target.name, target.values.map((v) => v.value));
        body.push(`if (!${set}.has(${value})) ${violation(`Member must satisfy enum value set: [${target.values.map((v) => v.value).join(", ")}]`)}`);
        return;
      }
      case "byte":
      case "short":
      case "integer":
      case "long":
        this.use("isIntegerOf");
        body.push(`if (!isIntegerOf(${value}, "${target.kind}")) return mismatch(${path}, "${INTEGER_WORDS[target.kind]}", ${value});`);
        this.rangeConstraints(body, c, value, violation);
        return;
      case "float":
      case "double":
        this.use("isFloat");
        body.push(`if (!isFloat(${value})) return mismatch(${path}, "a number", ${value});`);
        if (c.range) {
          // "NaN", "Infinity" and "-Infinity" stand for numbers too: compare what they stand for.
          body.push(`{ const n = typeof ${value} === "number" ? ${value} : Number(${value});`);
          if (c.range.min !== undefined) body.push(`if (!(n >= ${c.range.min})) ${violation(`Member must have value greater than or equal to ${c.range.min}`)}`);
          if (c.range.max !== undefined) body.push(`if (!(n <= ${c.range.max})) ${violation(`Member must have value less than or equal to ${c.range.max}`)}`);
          body.push("}");
        }
        return;
      case "bigInteger":
      case "bigDecimal":
        body.push(`if (typeof ${value} !== "number"${target.kind === "bigInteger" ? ` || !Number.isInteger(${value})` : ""}) return mismatch(${path}, "a number", ${value});`);
        this.rangeConstraints(body, c, value, violation);
        return;
      case "boolean":
        body.push(`if (typeof ${value} !== "boolean") return mismatch(${path}, "a boolean", ${value});`);
        return;
      case "timestamp": {
        this.use("isTimestamp");
        const format = timestampFormat(member);
        body.push(`if (!isTimestamp(${value}, "${format}")) return mismatch(${path}, "${TIMESTAMP_WORDS[format]}", ${value});`);
        return;
      }
      case "blob":
        this.use("isBase64");
        body.push(`if (!isBase64(${value})) return mismatch(${path}, "a base64-encoded string", ${value});`);
        if (c.length) {
          this.use("base64ByteLength");
          this.lengthViolations(body, `base64ByteLength(${value})`, c.length, violation);
        }
        return;
      case "document":
        return;
    }
  }

  private stringConstraints(body: string[], c: Constraints, value: string, violation: (text: string) => string): void {
    if (c.length) {
      this.use("codePointLength");
      const { min, max } = c.length;
      // Count code points only when UTF-16 length cannot settle it (see lengthWithin).
      const unsure = [max !== undefined ? `${value}.length > ${max}` : undefined, min !== undefined && min > 0 ? `${value}.length < ${2 * min}` : undefined].filter(Boolean);
      if (unsure.length > 0) {
        body.push(`if (${unsure.join(" || ")}) {`, `const n = codePointLength(${value});`);
        this.lengthViolations(body, "n", c.length, violation);
        body.push("}");
      }
    }
    if (c.pattern !== undefined) {
      const re = this.pattern(c.pattern);
      body.push(`if (!${re}.test(${value})) ${violation(`Member must satisfy regular expression pattern: ${c.pattern}`)}`);
    }
  }

  private lengthViolations(body: string[], length: string, bounds: { min?: number; max?: number }, violation: (text: string) => string): void {
    if (bounds.min !== undefined) body.push(`if (${length} < ${bounds.min}) ${violation(`Member must have length greater than or equal to ${bounds.min}`)}`);
    if (bounds.max !== undefined) body.push(`if (${length} > ${bounds.max}) ${violation(`Member must have length less than or equal to ${bounds.max}`)}`);
  }

  private rangeConstraints(body: string[], c: Constraints, value: string, violation: (text: string) => string): void {
    if (!c.range) return;
    if (c.range.min !== undefined) body.push(`if (${value} < ${c.range.min}) ${violation(`Member must have value greater than or equal to ${c.range.min}`)}`);
    if (c.range.max !== undefined) body.push(`if (${value} > ${c.range.max}) ${violation(`Member must have value less than or equal to ${c.range.max}`)}`);
  }

  private collectionConstraints(body: string[], shape: ListShape | MapShape, value: string, size: string): void {
    // A list or map is not echoed (it may be large, or hold sensitive items): the message names its size instead.
    const violation = (text: string) => `issues.push(violation(path, \`[\${${size}} \${${size} === 1 ? "item" : "items"}]\`, ${JSON.stringify(text)}));`;
    this.results.add("violation");
    if (shape.constraints.length) this.lengthViolations(body, size, shape.constraints.length, violation);
    if (shape.kind === "list" && shape.constraints.uniqueItems) {
      this.use("hasUniqueItems");
      body.push(`if (!hasUniqueItems(${value})) ${violation("Member must have unique items")}`);
    }
  }

  private nullableItem(body: string[], sparse: boolean, value: string, path: string): void {
    if (sparse) {
      body.push(`if (${value} === null) continue;`);
    } else {
      this.results.add("missing");
      body.push(`if (${value} === null || ${value} === undefined) { issues.push(missing(${path})); continue; }`);
    }
  }

  private collectionPredicate(shape: ListShape | MapShape, value: string, size: string): string[] {
    const lines: string[] = [];
    const length = shape.constraints.length;
    if (length?.min !== undefined) lines.push(`if (${size} < ${length.min}) return false;`);
    if (length?.max !== undefined) lines.push(`if (${size} > ${length.max}) return false;`);
    if (shape.kind === "list" && shape.constraints.uniqueItems) {
      this.use("hasUniqueItems");
      lines.push(`if (!hasUniqueItems(${value})) return false;`);
    }
    return lines;
  }

  /** One boolean expression: is this present, non-null value valid for the member? */
  private predicate(member: Member, value: string): string {
    const target = this.target(member);
    const c = member.constraints;
    if (isAggregate(target)) return `is${target.name}(${value})`;
    const parts: string[] = [];
    const range = () => {
      if (c.range?.min !== undefined) parts.push(`${value} >= ${c.range.min}`);
      if (c.range?.max !== undefined) parts.push(`${value} <= ${c.range.max}`);
    };
    switch (target.kind) {
      case "string":
      case "enum":
        parts.push(`typeof ${value} === "string"`);
        if (c.length) {
          // Inline the UTF-16 test that settles most strings; count code points only if it cannot.
          this.use("lengthWithin");
          const min = c.length.min ?? 0;
          const max = c.length.max ?? "Infinity";
          const quick = [c.length.max !== undefined ? `${value}.length <= ${max}` : undefined, min > 0 ? `${value}.length >= ${2 * min}` : undefined].filter(Boolean);
          parts.push(quick.length > 0 ? `((${quick.join(" && ")}) || lengthWithin(${value}, ${min}, ${max}))` : "true");
        }
        if (c.pattern !== undefined) parts.push(`${this.pattern(c.pattern)}.test(${value})`);
        if (target.kind === "enum") parts.push(`${this.enumSet(target.name, target.values.map((v) => v.value))}.has(${value})`);
        break;
      case "intEnum":
        this.use("isIntegerOf");
        parts.push(`isIntegerOf(${value}, "integer")`, `${this.enumSet(target.name, target.values.map((v) => v.value))}.has(${value})`);
        range();
        break;
      case "byte":
      case "short":
      case "integer":
      case "long": {
        const [low, end] = INTEGER_BOUNDS[target.kind];
        parts.push(`typeof ${value} === "number"`, `Number.isInteger(${value})`);
        parts.push(`${value} >= ${c.range?.min !== undefined ? Math.max(c.range.min, low) : low === -(2 ** 63) ? "-9223372036854775808" : low}`);
        // `end` is one past the width's highest value (exact even for long, 2^63).
        parts.push(c.range?.max !== undefined && c.range.max < end ? `${value} <= ${c.range.max}` : `${value} < ${end === 2 ** 63 ? "9223372036854775808" : end}`);
        break;
      }
      case "float":
      case "double":
        this.use("isFloat");
        parts.push(`isFloat(${value})`);
        if (c.range) {
          const n = `(typeof ${value} === "number" ? ${value} : Number(${value}))`;
          if (c.range.min !== undefined) parts.push(`${n} >= ${c.range.min}`);
          if (c.range.max !== undefined) parts.push(`${n} <= ${c.range.max}`);
        }
        break;
      case "bigInteger":
      case "bigDecimal":
        parts.push(`typeof ${value} === "number"`);
        if (target.kind === "bigInteger") parts.push(`Number.isInteger(${value})`);
        range();
        break;
      case "boolean":
        parts.push(`typeof ${value} === "boolean"`);
        break;
      case "timestamp":
        if (timestampFormat(member) === "epoch-seconds") {
          parts.push(`typeof ${value} === "number"`, `Number.isFinite(${value})`);
        } else {
          this.use("isTimestamp");
          parts.push(`isTimestamp(${value}, "${timestampFormat(member)}")`);
        }
        break;
      case "blob":
        this.use("isBase64");
        parts.push(`isBase64(${value})`);
        if (c.length) {
          this.use("base64ByteLength");
          if (c.length.min !== undefined) parts.push(`base64ByteLength(${value}) >= ${c.length.min}`);
          if (c.length.max !== undefined) parts.push(`base64ByteLength(${value}) <= ${c.length.max}`);
        }
        break;
      case "document":
        parts.push("true");
        break;
    }
    return parts.join(" && ");
  }

  private target(member: Member): Shape {
    const shape = this.ir.shapes.get(member.target);
    if (!shape) throw new GenerateError(`validators: ${member.target} is referenced but not loaded.`);
    return shape;
  }

  private read(object: string, key: string): string {
    if (PROTOTYPE_NAMES.has(key)) {
      this.use("own");
      return `own(${object}, ${JSON.stringify(key)})`;
    }
    return /^[A-Za-z_$][\w$]*$/.test(key) ? `${object}.${key}` : `${object}[${JSON.stringify(key)}]`;
  }

  private pattern(pattern: string): string {
    // Smithy patterns are ECMA-262 and not implicitly anchored; the u flag matches Ajv.
    try {
      new RegExp(pattern, "u");
    } catch (error) {
      throw new GenerateError(`validators: @pattern ${JSON.stringify(pattern)} is not a valid ECMA-262 expression: ${(error as Error).message}`);
    }
    return this.constant(`PATTERN_${this.constants.size}`, `new RegExp(${JSON.stringify(pattern)}, "u")`);
  }

  private enumSet(name: string, values: Array<string | number>): string {
    return this.constant(`${name.toUpperCase()}_VALUES`, `new Set<${typeof values[0] === "number" ? "number" : "string"}>(${JSON.stringify(values)})`);
  }

  /** A hoisted constant; the same initializer is emitted once. */
  private constant(name: string, initializer: string): string {
    for (const [existing, value] of this.constants) if (value === initializer) return existing;
    this.constants.set(name, initializer);
    return name;
  }

  private use(name: string): void {
    this.runtime.add(name);
  }
}

/** [lowest, one past the highest] of Smithy's integer widths; longs beyond 2^53 are not exact in JS. */
const INTEGER_BOUNDS = {
  byte: [-128, 128],
  short: [-32768, 32768],
  integer: [-2147483648, 2147483648],
  long: [-(2 ** 63), 2 ** 63],
} as const;

const INTEGER_WORDS = {
  byte: "an 8-bit integer",
  short: "a 16-bit integer",
  integer: "a 32-bit integer",
  long: "a 64-bit integer",
} as const;

const TIMESTAMP_WORDS: Record<TimestampFormat, string> = {
  "epoch-seconds": "a timestamp in epoch seconds (a number)",
  "date-time": "an RFC 3339 date-time string",
  "http-date": "an HTTP date string",
};

function timestampFormat(member: Member): TimestampFormat {
  return member.timestampFormat ?? "epoch-seconds";
}

function isAggregate(shape: Shape): shape is Aggregate {
  return shape.kind === "structure" || shape.kind === "union" || shape.kind === "list" || shape.kind === "map";
}
