// Sample values for a scaffolded project's test: for each operation, an input the server's
// validators accept, so the test goes green once the handlers are written. Every constraint
// the validators check is met: @length (code points, bytes, items, entries), @range,
// @pattern (a string derived from the pattern by fast-check's stringMatching, with a fixed
// seed so that the scaffolded file is the same on every run), enum values and @uniqueItems.
import fc from "fast-check";
import type { Constraints, Member, ModelIR, StructureShape, TimestampFormat } from "../ir/types.js";

/** A value as the model sees it; rendered as TypeScript for the test, or as JSON by whoever checks it. */
export type Sample =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "boolean"; value: boolean }
  /** A bigInteger: a bigint in TypeScript, a JSON number on the wire. */
  | { kind: "bigInteger"; value: number }
  /** A bigDecimal: text in TypeScript, a JSON number on the wire. */
  | { kind: "bigDecimal"; value: number }
  | { kind: "timestamp"; epochSeconds: number; format: TimestampFormat }
  | { kind: "blob"; bytes: number[] }
  | { kind: "document" }
  | { kind: "list"; items: Sample[] }
  | { kind: "object"; entries: Array<[string, Sample]>; map: boolean };

export interface SampleOptions {
  /** "required" (the default): the members a caller must give; "all": every member, and lists and maps with items. */
  members?: "required" | "all";
}

/** The seed of every pattern's samples: the same model gives the same values. */
const SEED = 20_261_202;
/** How many strings are drawn from a pattern to find ones that also fit its length. */
const DRAWS = 300;
/** Characters that read well in a test; other matches are used only when none of these fits. */
const TIDY = /^[A-Za-z0-9._:@/-]*$/u;
/** Timestamps start here, one second apart (distinct items of a @uniqueItems list). */
const FIRST_TIMESTAMP = Date.UTC(2026, 0, 1) / 1000;
/** Past this depth only what a caller must give is sampled (recursive shapes end). */
const FULL_DEPTH = 3;

/** A value of structure `id` that its validator accepts; `undefined` when `id` is (Unit). */
export function sampleStructure(ir: ModelIR, id: string | undefined, options: SampleOptions = {}): Sample | undefined {
  if (!id) return undefined;
  return new Sampler(ir, options.members ?? "required").value({ target: id, constraints: {} }, 0, 0);
}

/** The TypeScript expression of a sample, as the scaffolded test passes it to the client. */
export function sampleSource(sample: Sample | undefined): string {
  if (!sample) return "{}";
  switch (sample.kind) {
    case "string":
      return JSON.stringify(sample.value);
    case "number":
    case "boolean":
      return String(sample.value);
    case "bigInteger":
      return `${sample.value}n`;
    case "bigDecimal":
      return JSON.stringify(String(sample.value));
    case "timestamp":
      return `new Date(${JSON.stringify(new Date(sample.epochSeconds * 1000).toISOString())})`;
    case "blob":
      return sample.bytes.length === 0 ? "new Uint8Array()" : `new Uint8Array([${sample.bytes.join(", ")}])`;
    case "document":
      return "{}";
    case "list":
      return `[${sample.items.map(sampleSource).join(", ")}]`;
    case "object":
      return sample.entries.length === 0 ? "{}" : `{ ${sample.entries.map(([key, value]) => `${sample.map ? JSON.stringify(key) : key}: ${sampleSource(value)}`).join(", ")} }`;
  }
}

type Target = Pick<Member, "target" | "constraints"> & { timestampFormat?: TimestampFormat };

class Sampler {
  private readonly patterned = new Map<string, string[]>();

  constructor(
    private readonly ir: ModelIR,
    private readonly members: "required" | "all",
  ) {}

  /**
   * A value of `member`'s target under its constraints. `variant` picks among values that
   * differ, so that the items of a @uniqueItems list (and a map's keys) are distinct.
   */
  value(member: Target, variant: number, depth: number): Sample {
    const shape = this.ir.shapes.get(member.target);
    if (!shape) throw new Error(`scaffold: ${member.target} is not in the model`);
    const c = member.constraints;
    const all = this.members === "all" && depth < FULL_DEPTH;
    switch (shape.kind) {
      case "string":
        return { kind: "string", value: this.string(c, variant) };
      case "enum": {
        const values = shape.values.map((value) => value.value).filter((value) => fitsString(value, c));
        return { kind: "string", value: values[variant % Math.max(1, values.length)] ?? shape.values[0]!.value };
      }
      case "intEnum": {
        const values = shape.values.map((value) => value.value).filter((value) => fitsRange(value, c));
        return { kind: "number", value: values[variant % Math.max(1, values.length)] ?? shape.values[0]!.value };
      }
      case "boolean":
        return { kind: "boolean", value: variant % 2 === 0 };
      case "byte":
      case "short":
      case "integer":
      case "long":
        return { kind: "number", value: number(c, variant, true) };
      case "float":
      case "double":
        return { kind: "number", value: number(c, variant, false) };
      case "bigInteger":
        return { kind: "bigInteger", value: number(c, variant, true) };
      case "bigDecimal":
        return { kind: "bigDecimal", value: number(c, variant, false) };
      case "timestamp":
        return { kind: "timestamp", epochSeconds: FIRST_TIMESTAMP + variant, format: member.timestampFormat ?? shape.timestampFormat ?? "epoch-seconds" };
      case "blob":
        return { kind: "blob", bytes: Array.from({ length: c.length?.min ?? (variant > 0 ? 1 : 0) }, () => variant % 256) };
      case "document":
        return { kind: "document" };
      case "structure": {
        const members = (shape as StructureShape).members.filter((candidate) => candidate.required || all);
        return { kind: "object", map: false, entries: members.map((candidate) => [candidate.name, this.value(candidate, variant, depth + 1)]) };
      }
      case "union": {
        // Exactly one member is set.
        const chosen = shape.members[variant % Math.max(1, shape.members.length)];
        return { kind: "object", map: false, entries: chosen ? [[chosen.name, this.value(chosen, variant, depth + 1)]] : [] };
      }
      case "list":
        return { kind: "list", items: Array.from({ length: count(c, all) }, (_, i) => this.value(shape.member, i, depth + 1)) };
      case "map": {
        const entries: Array<[string, Sample]> = Array.from({ length: count(c, all) }, (_, i) => {
          const key = this.value(shape.key, i, depth + 1);
          return [key.kind === "string" ? key.value : String(i), this.value(shape.value, i, depth + 1)];
        });
        return { kind: "object", map: true, entries };
      }
    }
  }

  private string(c: Constraints, variant: number): string {
    const min = c.length?.min ?? 0;
    const max = c.length?.max ?? Infinity;
    if (c.pattern === undefined) {
      // Distinct letters for distinct variants, as long as the length allows one.
      const letter = "xyzabcdefghijklmnopqrstuvw"[variant % 26]!;
      const text = variant < 26 ? letter : `${letter}${variant}`;
      return text.padEnd(Math.max(min, 1), letter).slice(0, max);
    }
    const matches = this.patternStrings(c.pattern, min, max);
    // No string of the pattern fits the length: the test's call then fails validation and says so.
    return matches[variant % Math.max(1, matches.length)] ?? "x".repeat(Math.max(min, 1));
  }

  /** Strings that match `pattern` as the validators test it (unanchored, u flag) and whose length is in bounds: tidy ones first, shortest first. */
  private patternStrings(pattern: string, min: number, max: number): string[] {
    const key = `${min}:${max}:${pattern}`;
    const known = this.patterned.get(key);
    if (known) return known;
    const regex = new RegExp(pattern, "u");
    const fits = (text: string) => regex.test(text) && fitsLength([...text].length, min, max);
    const found = new Set<string>();
    // Larger sizes only when the smaller ones gave nothing long enough.
    for (const size of ["small", "medium", "large"] as const) {
      let drawn: string[];
      try {
        drawn = fc.sample(fc.stringMatching(regex, { size }), { seed: SEED, numRuns: DRAWS });
      } catch {
        drawn = []; // a construct stringMatching does not know (a lookaround, a back-reference)
      }
      for (const text of drawn) if (fits(text)) found.add(text);
      if (found.size > 0) break;
    }
    const tidy = [...found].filter((text) => TIDY.test(text)).sort((a, b) => a.length - b.length);
    const result = [...tidy, ...[...found].filter((text) => !TIDY.test(text))];
    this.patterned.set(key, result);
    return result;
  }
}

function fitsLength(length: number, min: number, max: number): boolean {
  return length >= min && length <= max;
}

function fitsString(value: string, c: Constraints): boolean {
  return fitsLength([...value].length, c.length?.min ?? 0, c.length?.max ?? Infinity) && (c.pattern === undefined || new RegExp(c.pattern, "u").test(value));
}

function fitsRange(value: number, c: Constraints): boolean {
  return value >= (c.range?.min ?? -Infinity) && value <= (c.range?.max ?? Infinity);
}

/** A number in @range: its minimum (or 0, or its maximum when that is below 0), plus the variant while in range. */
function number(c: Constraints, variant: number, integer: boolean): number {
  const { min, max } = c.range ?? {};
  const lowest = min !== undefined ? (integer ? Math.ceil(min) : min) : max !== undefined && max < 0 ? (integer ? Math.floor(max) : max) : 0;
  const value = lowest + variant;
  if (max === undefined || value <= max) return value;
  // Above the range: count down from the maximum instead (or halve the way there, for a float).
  return integer ? Math.max(min ?? -Infinity, Math.floor(max) - variant) : lowest + (max - lowest) / (variant + 1);
}

/** Items of a list or entries of a map: its @length minimum; under "all", at least two, within its maximum. */
function count(c: Constraints, all: boolean): number {
  const min = c.length?.min ?? 0;
  return all ? Math.max(min, Math.min(2, c.length?.max ?? 2)) : min;
}
