// The validators target from a hand-built IR: the emitted file is written where the runtime
// package resolves, imported in this process, and run. Each case sits at or just past a
// bound, and checks both paths: the `is` predicate (the fast path) must agree with
// `validate(x).ok` (the full path), and the full path must word each violation exactly.
// Either path broken alone (a `<=` printed as `<`, a code point counted as a UTF-16 unit)
// fails a case here.
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ModelIR } from "../../../../codegen/src/ir/types.js";
import { resolveLayout } from "../../../../codegen/src/layout.js";
import { awsJson1_1 } from "../../../../codegen/src/protocols/aws-json.js";
import type { Protocol } from "../../../../codegen/src/protocols/protocol.js";
import { emitValidators } from "../../../../codegen/src/targets/validators.js";
import { REPO_ROOT } from "../../../support/repo.js";
import { enumShape, intEnum, list, map, member, model, operation, smithy, structure, union } from "../../../support/ir.js";

// Inside the repository, so `@codepipeline-partner/validators/runtime` resolves from its
// node_modules; one folder per process, so two runs at once do not remove each other's files.
const DIR = path.join(REPO_ROOT, ".cache", "test-workspaces", `validators-unit-${process.pid}`);
/** A project of its own imports the runtime from the package's ./runtime entry point. */
const { imports } = resolveLayout({ output: { validators: "src/generated/validators" } }, "codegen");

type Result = { ok: true } | { ok: false; kind: "deserialization"; path: string; message: string } | { ok: false; kind: "validation"; issues: Array<{ path: string; message: string }>; message: string };
type Module = Record<string, (value: unknown) => unknown>;

/** The emitted validators of `ir`, written as `<name>.ts` and imported (each name once: imports are cached). */
async function compile(name: string, ir: ModelIR, protocol?: Protocol): Promise<{ code: string; module: Module }> {
  const [file] = emitValidators(ir, imports, protocol);
  await writeFile(path.join(DIR, `${name}.ts`), file!.contents);
  return { code: file!.contents, module: (await import(path.join(DIR, `${name}.ts`))) as Module };
}

beforeAll(() => mkdir(DIR, { recursive: true }));
afterAll(() => rm(DIR, { recursive: true, force: true }));

// One structure reaching every rule the emitter prints; its members' constraints are
// written on the members, as the loader merges a target's constraints into them.
const ir = model({
  operations: [operation("PutEverything", { input: "PutEverythingInput" })],
  shapes: [
    structure(
      "PutEverythingInput",
      [
        member("id", smithy.String, { required: true }),
        member("mode", smithy.String, { required: true, default: "fast" }),
        member("name", smithy.String, { constraints: { length: { min: 2, max: 4 } } }),
        member("code", smithy.String, { constraints: { pattern: "[0-9]" } }),
        member("secret", smithy.String, { sensitive: true, constraints: { length: { min: 3 } } }),
        member("b", smithy.Byte),
        member("s", smithy.Short),
        member("i", smithy.Integer),
        member("l", smithy.Long),
        member("percent", smithy.Integer, { constraints: { range: { min: 0, max: 100 } } }),
        member("ratio", smithy.Double, { constraints: { range: { min: 0.5, max: 1.5 } } }),
        member("anyDouble", smithy.Double),
        member("big", smithy.BigInteger, { constraints: { range: { max: 10 } } }),
        member("data", smithy.Blob, { constraints: { length: { max: 3 } } }),
        member("flag", smithy.Boolean),
        member("at", smithy.Timestamp),
        member("colour", "Colour"),
        member("level", "Level"),
        member("choice", "Choice"),
        member("entries", "Entries"),
        member("holes", "Holes"),
        member("tags", "Tags"),
        // A @length on the member, over the target's own (the loader writes the member's in its place).
        member("fewEntries", "Entries", { constraints: { length: { max: 1 } } }),
        member("fewTags", "Tags", { constraints: { length: { min: 1 } } }),
        // A @sensitive member over a map, and a @sensitive structure: nothing inside either is
        // echoed (a check function serves every use of its shape, so these shapes are used here only).
        member("secretTags", "SecretTags", { sensitive: true }),
        member("credentials", "Credentials"),
        member("numbers", "Numbers"),
        member("moreNumbers", "Numbers", { constraints: { length: { max: 20 } } }),
      ],
      { isInput: true },
    ),
    enumShape("Colour", { RED: "red", GREEN: "green" }),
    intEnum("Level", { LOW: 1, HIGH: 2 }),
    union("Choice", [member("text", smithy.String), member("count", smithy.Integer)]),
    structure("Credentials", [member("user", smithy.String, { constraints: { pattern: "^[a-z]+$" } }), member("hints", "Hints")], { sensitive: true }),
    list("Hints", smithy.String, { member: { constraints: { length: { max: 3 } } } }),
    {
      ...map("SecretTags", smithy.String, smithy.Integer),
      value: member("value", smithy.Integer, { constraints: { range: { max: 10 } } }),
    },
    structure("Entry", [member("key", smithy.String, { required: true, constraints: { length: { max: 3 } } })]),
    list("Entries", "Entry", { constraints: { length: { min: 1, max: 2 } } }),
    list("Numbers", smithy.Integer, { constraints: { length: { max: 10 } } }),
    list("Holes", smithy.String, { sparse: true, member: { constraints: { length: { min: 1 } } } }),
    {
      ...map("Tags", smithy.String, smithy.Integer, { constraints: { length: { max: 2 } } }),
      key: member("key", smithy.String, { constraints: { length: { min: 1, max: 3 } } }),
      value: member("value", smithy.Integer, { constraints: { range: { max: 10 } } }),
    },
  ],
});

/** What validate says of a value: valid, a deserialization failure's message, or the validation issues' messages. */
type Want = "valid" | { unreadable: string } | string[];

function verdict(result: Result): Want {
  if (result.ok) return "valid";
  if (result.kind === "deserialization") return { unreadable: result.message };
  return result.issues.map((issue) => issue.message);
}

const constraint = (shown: string, at: string, rule: string) => `Value ${shown} at '${at}' failed to satisfy constraint: ${rule}`;
const longest = (n: number) => `Member must have length less than or equal to ${n}`;
const shortest = (n: number) => `Member must have length greater than or equal to ${n}`;
const highest = (n: number) => `Member must have value less than or equal to ${n}`;
const lowest = (n: number) => `Member must have value greater than or equal to ${n}`;
const expected = (what: string, at: string, found: string) => ({ unreadable: `Expected ${what} at '${at}', but found ${found}.` });

/** A list of n integers. */
const numbers = (n: number) => Array.from({ length: n }, (_, i) => i);

// A smiley is one code point and two UTF-16 units.
const SMILE = "\u{1F600}";

/** Cases: the members set besides `id`, and what validate must say. */
const CASES: Array<[string, Record<string, unknown>, Want]> = [
  // @required, and @default making a required member optional on the wire.
  ["nothing but the required member", {}, "valid"],
  ["the required member missing", { id: undefined }, [constraint("null", "id", "Member must not be null")]],
  ["the required member null", { id: null }, [constraint("null", "id", "Member must not be null")]],
  ["a required member with a default, null", { mode: null }, "valid"],
  ["a wrong JSON type", { id: 1 }, expected("a string", "id", "an integer")],

  // @length of a string, in code points: the UTF-16 length settles most, a count the rest.
  ["length: at the minimum", { name: "ab" }, "valid"],
  ["length: one under the minimum", { name: "a" }, [constraint("'a'", "name", shortest(2))]],
  ["length: at the maximum", { name: "abcd" }, "valid"],
  ["length: one over the maximum", { name: "abcde" }, [constraint("'abcde'", "name", longest(4))]],
  ["length: 4 code points in 8 UTF-16 units", { name: SMILE.repeat(4) }, "valid"],
  ["length: 5 code points in 10 units", { name: SMILE.repeat(5) }, [constraint(`'${SMILE.repeat(5)}'`, "name", longest(4))]],
  ["length: 2 code points in 3 units", { name: `a${SMILE}` }, "valid"],
  ["length: 1 code point in 2 units", { name: SMILE }, [constraint(`'${SMILE}'`, "name", shortest(2))]],
  ["length: a lone surrogate is one code point", { name: "\uD83D" }, [constraint("'\uD83D'", "name", shortest(2))]],

  // @pattern is not anchored.
  ["pattern: matched anywhere", { code: "ab1c" }, "valid"],
  ["pattern: not matched", { code: "abc" }, [constraint("'abc'", "code", "Member must satisfy regular expression pattern: [0-9]")]],

  // @sensitive: the value is never echoed.
  ["a sensitive value breaking a constraint", { secret: "ab" }, [`Value at 'secret' failed to satisfy constraint: ${shortest(3)}`]],

  // Integer widths: [min, 2^(bits-1)).
  ["byte: 127", { b: 127 }, "valid"],
  ["byte: 128", { b: 128 }, expected("an 8-bit integer", "b", "an integer")],
  ["byte: -128", { b: -128 }, "valid"],
  ["byte: -129", { b: -129 }, expected("an 8-bit integer", "b", "an integer")],
  ["byte: 1.5", { b: 1.5 }, expected("an 8-bit integer", "b", "a number")],
  ["short: 32767", { s: 32767 }, "valid"],
  ["short: 32768", { s: 32768 }, expected("a 16-bit integer", "s", "an integer")],
  ["short: -32768", { s: -32768 }, "valid"],
  ["short: -32769", { s: -32769 }, expected("a 16-bit integer", "s", "an integer")],
  ["integer: 2147483647", { i: 2147483647 }, "valid"],
  ["integer: 2147483648", { i: 2147483648 }, expected("a 32-bit integer", "i", "an integer")],
  ["integer: -2147483648", { i: -2147483648 }, "valid"],
  ["integer: -2147483649", { i: -2147483649 }, expected("a 32-bit integer", "i", "an integer")],
  ["long: -2^63", { l: -(2 ** 63) }, "valid"],
  ["long: 2^63 - 1024, the highest double under 2^63", { l: 2 ** 63 - 1024 }, "valid"],
  ["long: 2^63", { l: 2 ** 63 }, expected("a 64-bit integer", "l", "an integer")],
  ["integer: a string of digits", { i: "1" }, expected("a 32-bit integer", "i", "a string")],

  // @range on an integer: each side inclusive.
  ["range: at the minimum", { percent: 0 }, "valid"],
  ["range: one under the minimum", { percent: -1 }, [constraint("-1", "percent", lowest(0))]],
  ["range: at the maximum", { percent: 100 }, "valid"],
  ["range: one over the maximum", { percent: 101 }, [constraint("101", "percent", highest(100))]],
  // @range on a double; NaN is in no range, and travels as the string "NaN".
  ["double range: at the minimum", { ratio: 0.5 }, "valid"],
  ["double range: just under it", { ratio: 0.49 }, [constraint("0.49", "ratio", lowest(0.5))]],
  ["double range: at the maximum", { ratio: 1.5 }, "valid"],
  ["double range: just over it", { ratio: 1.51 }, [constraint("1.51", "ratio", highest(1.5))]],
  ["double range: NaN", { ratio: "NaN" }, [constraint("'NaN'", "ratio", lowest(0.5)), constraint("'NaN'", "ratio", highest(1.5))]],
  ["double: Infinity, spelled as the protocol spells it", { anyDouble: "-Infinity" }, "valid"],
  ["double: another string", { anyDouble: "1.5" }, expected("a number", "anyDouble", "a string")],
  // A bigInteger's @range, compared exactly.
  ["bigInteger range: at the maximum", { big: 10 }, "valid"],
  ["bigInteger range: over it", { big: 11 }, [constraint("11", "big", highest(10))]],

  // A blob's @length counts decoded bytes.
  ["blob: 3 bytes", { data: "AAAA" }, "valid"],
  ["blob: 4 bytes", { data: "AAAAAA==" }, [constraint("'AAAAAA=='", "data", longest(3))]],
  ["blob: not base64", { data: "AAA" }, expected("a base64-encoded string", "data", "a string")],
  ["boolean: a string", { flag: "true" }, expected("a boolean", "flag", "a string")],
  ["timestamp: epoch seconds", { at: 1_700_000_000.5 }, "valid"],
  ["timestamp: a date-time string", { at: "2024-01-01T00:00:00Z" }, expected("a timestamp in epoch seconds (a number)", "at", "a string")],

  // Enums: the value set.
  ["enum: one of its values", { colour: "green" }, "valid"],
  ["enum: another string", { colour: "blue" }, [constraint("'blue'", "colour", "Member must satisfy enum value set: [red, green]")]],
  ["intEnum: one of its values", { level: 2 }, "valid"],
  ["intEnum: another integer", { level: 3 }, [constraint("3", "level", "Member must satisfy enum value set: [1, 2]")]],

  // A union: exactly one member set.
  ["union: one member", { choice: { count: 1 } }, "valid"],
  ["union: none", { choice: {} }, { unreadable: "Expected exactly one member of Choice to be set at 'choice', but found 0." }],
  ["union: two", { choice: { text: "a", count: 1 } }, { unreadable: "Expected exactly one member of Choice to be set at 'choice', but found 2." }],
  ["union: its member's own rules", { choice: { count: 1.5 } }, expected("a 32-bit integer", "choice.count", "a number")],

  // A list of structures: its @length in items, each item's members, numbered from 1.
  ["list: at its maximum", { entries: [{ key: "abc" }, { key: "" }] }, "valid"],
  ["list: under its minimum", { entries: [] }, [constraint("'[0 items]'", "entries", shortest(1))]],
  ["list: over its maximum", { entries: [{ key: "a" }, { key: "b" }, { key: "c" }] }, [constraint("'[3 items]'", "entries", longest(2))]],
  ["list: an item's member over its length", { entries: [{ key: "a" }, { key: "abcd" }] }, [constraint("'abcd'", "entries.2.member.key", longest(3))]],
  ["list: an item's required member missing", { entries: [{}] }, [constraint("null", "entries.1.member.key", "Member must not be null")]],
  ["list: a null item in a dense list", { entries: [null] }, [constraint("null", "entries.1.member", "Member must not be null")]],
  ["list: an item of the wrong type", { entries: ["a"] }, expected("an object", "entries.1.member", "a string")],
  ["sparse list: null items", { holes: [null, "a", null] }, "valid"],
  ["sparse list: an item under its length", { holes: [null, ""] }, [constraint("''", "holes.2.member", shortest(1))]],

  // A map: its @length in entries, each key's and each value's rules.
  ["map: at its maximum", { tags: { a: 10, abc: -5 } }, "valid"],
  ["map: over its maximum", { tags: { a: 1, b: 2, c: 3 } }, [constraint("'[3 items]'", "tags", longest(2))]],
  ["map: a key over its length", { tags: { abcd: 1 } }, [constraint("'abcd'", "tags", longest(3))]],
  ["map: an empty key", { tags: { "": 1 } }, [constraint("''", "tags", shortest(1))]],
  ["map: a value over its range", { tags: { a: 11 } }, [constraint("11", "tags.a", highest(10))]],
  ["map: a null value in a dense map", { tags: { a: null } }, [constraint("null", "tags.a", "Member must not be null")]],

  // A member's own @length on a list or map takes the place of the list's or map's own, as
  // a member's trait takes its target's place in Smithy: the target's bounds no longer apply.
  ["member @length of a list: at its maximum", { fewEntries: [{ key: "a" }] }, "valid"],
  ["member @length of a list: over it", { fewEntries: [{ key: "a" }, { key: "b" }] }, [constraint("'[2 items]'", "fewEntries", longest(1))]],
  ["member @length of a list: the list's own minimum is replaced", { fewEntries: [] }, "valid"],
  ["member @length of a list: the size before the items, as the list's own", { fewEntries: [{ key: "abcd" }, { key: "b" }] }, [constraint("'[2 items]'", "fewEntries", longest(1)), constraint("'abcd'", "fewEntries.1.member.key", longest(3))]],
  ["member @length wider than the list's: 15 items", { moreNumbers: numbers(15) }, "valid"],
  ["member @length wider than the list's: 20 items", { moreNumbers: numbers(20) }, "valid"],
  ["member @length wider than the list's: 21 items", { moreNumbers: numbers(21) }, [constraint("'[21 items]'", "moreNumbers", longest(20))]],
  ["member @length wider than the list's: its items still checked", { moreNumbers: [...numbers(14), 1.5] }, expected("a 32-bit integer", "moreNumbers.15.member", "a number")],
  ["the same list without a member's @length: 10 items", { numbers: numbers(10) }, "valid"],
  ["the same list without a member's @length: 11 items", { numbers: numbers(11) }, [constraint("'[11 items]'", "numbers", longest(10))]],
  ["member @length of a map: at its minimum", { fewTags: { a: 1 } }, "valid"],
  ["member @length of a map: under it", { fewTags: {} }, [constraint("'[0 items]'", "fewTags", shortest(1))]],
  ["member @length of a map: the map's own maximum is replaced", { fewTags: { a: 1, b: 2, c: 3 } }, "valid"],
  ["member @length of a map: its values still checked", { fewTags: { a: 1, b: 2, c: 11 } }, [constraint("11", "fewTags.c", highest(10))]],

  // @sensitive: the member's map, or the structure, and everything inside them, are never echoed.
  ["a @sensitive member's map: a value breaking a constraint", { secretTags: { a: 11 } }, [`Value at 'secretTags.a' failed to satisfy constraint: ${highest(10)}`]],
  ["a @sensitive structure: its member breaking a pattern", { credentials: { user: "Bob" } }, [`Value at 'credentials.user' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z]+$`]],
  ["a @sensitive structure: an item of its list", { credentials: { hints: ["abcd"] } }, [`Value at 'credentials.hints.1.member' failed to satisfy constraint: ${longest(3)}`]],
  ["a @sensitive structure: valid", { credentials: { user: "bob", hints: ["abc"] } }, "valid"],

  // Every violation is listed, in member order, across members.
  [
    "several violations at once",
    { id: null, name: "a", percent: 101, tags: { a: 11 } },
    [constraint("null", "id", "Member must not be null"), constraint("'a'", "name", shortest(2)), constraint("101", "percent", highest(100)), constraint("11", "tags.a", highest(10))],
  ],
];

describe("the emitted validators, run", () => {
  let validators: Module;
  beforeAll(async () => {
    validators = (await compile("every-rule", ir)).module;
  });

  it.each(CASES)("%s", (_, members, want) => {
    const value = { id: "x", ...members };
    const result = validators.validatePutEverythingInput!(value) as Result;
    expect(verdict(result)).toEqual(want);
    // The fast path agrees with the full one.
    expect(validators.isPutEverythingInput!(value)).toBe(result.ok);
  });

  // validate takes the fast path first, so a value it accepts never reaches the full path.
  // With `id` missing, the first member, the full path judges every case, and must say what
  // it said alone after that first issue.
  it.each(CASES.filter(([, members]) => !("id" in members)))("%s, on the full path", (_, members, want) => {
    const result = validators.validatePutEverythingInput!({ ...members, id: null }) as Result;
    const idMissing = constraint("null", "id", "Member must not be null");
    expect(verdict(result)).toEqual(want === "valid" ? [idMissing] : Array.isArray(want) ? [idMissing, ...want] : want);
  });

  it("a validation failure's message is AWS's, every issue in it", () => {
    const result = validators.validatePutEverythingInput!({ id: "x", name: "a", percent: 101 }) as Result;
    expect(result).toMatchObject({ ok: false, kind: "validation", message: `2 validation errors detected: ${constraint("'a'", "name", shortest(2))}; ${constraint("101", "percent", highest(100))}` });
  });

  it.each<[string, unknown, string]>([
    ["a string", "x", "a string"],
    ["an array", [], "an array"],
    ["null", null, "null"],
  ])("a top level that is %s is no object", (_, value, found) => {
    expect(verdict(validators.validatePutEverythingInput!(value) as Result)).toEqual({ unreadable: `Expected an object at the top level, but found ${found}.` });
    expect(validators.isPutEverythingInput!(value)).toBe(false);
  });

  it("lists and maps have is functions of their own, and no validate", () => {
    expect(validators.isEntries!([{ key: "a" }])).toBe(true);
    expect(validators.isEntries!([])).toBe(false);
    expect(validators.isTags!({ a: 11 })).toBe(false);
    expect(validators.validateEntries).toBeUndefined();
    // A list whose @length a member replaces keeps its own when judged alone.
    expect(validators.isNumbers!(numbers(10))).toBe(true);
    expect(validators.isNumbers!(numbers(11))).toBe(false);
  });
});

describe("timestamps follow the protocol's default format", () => {
  const at = model({ operations: [operation("Put", { input: "PutInput" })], shapes: [structure("PutInput", [member("at", smithy.Timestamp), member("seconds", smithy.Timestamp, { timestampFormat: "epoch-seconds" })], { isInput: true })] });

  it.each<[string, Protocol | undefined, Record<string, unknown>, Want]>([
    ["awsJson: a number", undefined, { at: 1_700_000_000 }, "valid"],
    ["awsJson: not a string", undefined, { at: "2024-01-01T00:00:00Z" }, expected("a timestamp in epoch seconds (a number)", "at", "a string")],
    ["date-time by default: a string", { ...awsJson1_1, defaultTimestampFormat: "date-time" }, { at: "2024-01-01T00:00:00Z" }, "valid"],
    ["date-time by default: not a number", { ...awsJson1_1, defaultTimestampFormat: "date-time" }, { at: 1_700_000_000 }, expected("an RFC 3339 date-time string", "at", "an integer")],
    ["date-time by default: @timestampFormat still wins", { ...awsJson1_1, defaultTimestampFormat: "date-time" }, { seconds: "2024-01-01T00:00:00Z" }, expected("a timestamp in epoch seconds (a number)", "seconds", "a string")],
  ])("%s", async (name, protocol, value, want) => {
    const { module } = await compile(`timestamps-${name.replace(/[^a-z]+/gi, "-")}`, at, protocol);
    const result = module.validatePutInput!(value) as Result;
    expect(verdict(result)).toEqual(want);
    expect(module.isPutInput!(value)).toBe(result.ok);
  });
});

describe("the file reads top-down", () => {
  it("every exported function comes before the private check functions they call", async () => {
    const { code } = await compile("order", ir);
    const file = ts.createSourceFile("validators.ts", code, ts.ScriptTarget.Latest);
    const functions = file.statements.filter(ts.isFunctionDeclaration).map((fn) => ({
      name: fn.name!.text,
      exported: fn.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false,
    }));
    const firstPrivate = functions.findIndex((fn) => !fn.exported);
    expect(firstPrivate).toBeGreaterThan(0);
    expect(functions.slice(firstPrivate).filter((fn) => fn.exported)).toEqual([]);
    // Public: is<Shape> for every aggregate, validate<Shape> for structures and unions; private: check<Shape>.
    expect(functions.slice(0, firstPrivate).map((fn) => fn.name)).toEqual([
      "isChoice", "validateChoice", "isCredentials", "validateCredentials", "isEntries", "isEntry", "validateEntry", "isHints", "isHoles", "isNumbers", "isPutEverythingInput", "validatePutEverythingInput", "isSecretTags", "isTags",
    ]);
    // fits<Shape>: the is function of a list or map some member gives a @length of its own, taking the bounds.
    expect(functions.slice(firstPrivate).map((fn) => fn.name)).toEqual([
      "checkChoice", "checkCredentials", "fitsEntries", "checkEntries", "checkEntry", "checkHints", "checkHoles", "fitsNumbers", "checkNumbers", "checkPutEverythingInput", "checkSecretTags", "fitsTags", "checkTags",
    ]);
  });
});
