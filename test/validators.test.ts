// The generated validators: Smithy's constraint semantics at every boundary, the two
// kinds of failure, AWS-format messages, and the fast path agreeing with the full one.
import * as validators from "@codepipeline-partner/validators";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ECHO_LIMIT, violation } from "../packages/validators/src/runtime/result.js";
import { generatePackages } from "./support/generated.js";
import { REPO_ROOT } from "./support/repo.js";

type Validate = (value: unknown) => validators.ValidationResult;
type Is = (value: unknown) => boolean;
let sink: Record<string, Validate | Is>;

beforeAll(async () => {
  const fixtures = path.join(REPO_ROOT, "test", "fixtures");
  const generated = await generatePackages("kitchen-sink", path.join(fixtures, "kitchen-sink"), { configPath: path.join(fixtures, "kitchen-sink.smithy-build.json") });
  sink = await import(path.join(generated.dir, "validators", "src", "generated", "validators.ts"));
});

const astral = (count: number) => "😀".repeat(count); // each is 2 UTF-16 units, 1 code point
const VALID = { jobId: "job-1", clientToken: "token" };

/** The outcome in one comparable word: ok, deserialization, or the joined messages. */
function outcome(result: validators.ValidationResult): string {
  if (result.ok) return "ok";
  return result.kind === "deserialization" ? `deserialization: ${result.message}` : result.message;
}

describe("PutThirdPartyJobSuccessResultInput (the real model)", () => {
  const check = (input: unknown) => {
    const full = validators.validatePutThirdPartyJobSuccessResultInput(input);
    // The fast path must always agree with the full one.
    expect(validators.isPutThirdPartyJobSuccessResultInput(input), JSON.stringify(input)).toBe(full.ok);
    return outcome(full);
  };

  const lengthCases = (member: string, min: number, max: number, wrap: (value: string) => object) => [
    [`${member} at ${min - 1} code points`, wrap("x".repeat(min - 1)), `Member must have length greater than or equal to ${min}`],
    [`${member} at ${min} code points`, wrap("x".repeat(min)), "ok"],
    [`${member} at ${max} code points`, wrap("x".repeat(max)), "ok"],
    [`${member} at ${max + 1} code points`, wrap("x".repeat(max + 1)), `Member must have length less than or equal to ${max}`],
    [`${member} at ${max} astral code points (${2 * max} UTF-16 units)`, wrap(astral(max)), "ok"],
    [`${member} at ${max + 1} astral code points`, wrap(astral(max + 1)), `Member must have length less than or equal to ${max}`],
  ] as const;

  it.each([
    ...lengthCases("jobId", 1, 512, (jobId) => ({ ...VALID, jobId })),
    ...lengthCases("clientToken", 1, 256, (clientToken) => ({ ...VALID, clientToken })),
    ...lengthCases("continuationToken", 1, 2048, (continuationToken) => ({ ...VALID, continuationToken })),
    ...lengthCases("currentRevision.revision", 1, 1500, (revision) => ({ ...VALID, currentRevision: { revision, changeIdentifier: "c" } })),
    ...lengthCases("currentRevision.changeIdentifier", 1, 100, (changeIdentifier) => ({ ...VALID, currentRevision: { revision: "r", changeIdentifier } })),
    ...lengthCases("currentRevision.revisionSummary", 1, 2048, (revisionSummary) => ({ ...VALID, currentRevision: { revision: "r", changeIdentifier: "c", revisionSummary } })),
    ...lengthCases("executionDetails.summary", 1, 2048, (summary) => ({ ...VALID, executionDetails: { summary } })),
    ...lengthCases("executionDetails.externalExecutionId", 1, 1500, (externalExecutionId) => ({ ...VALID, executionDetails: { externalExecutionId } })),
    ["percentComplete -1", { ...VALID, executionDetails: { percentComplete: -1 } }, "Member must have value greater than or equal to 0"],
    ["percentComplete 0", { ...VALID, executionDetails: { percentComplete: 0 } }, "ok"],
    ["percentComplete 100", { ...VALID, executionDetails: { percentComplete: 100 } }, "ok"],
    ["percentComplete 101", { ...VALID, executionDetails: { percentComplete: 101 } }, "Member must have value less than or equal to 100"],
    ["a lone surrogate counts as one code point", { ...VALID, jobId: "\ud800" }, "ok"],
    ["unknown members are ignored", { ...VALID, somethingNew: { deeply: [1, 2] } }, "ok"],
    ["null optional members are absent", { ...VALID, currentRevision: null, continuationToken: null }, "ok"],
    ["created with milliseconds", { ...VALID, currentRevision: { revision: "r", changeIdentifier: "c", created: 1700000000.123 } }, "ok"],
  ] as const)("%s", (_, input, expected) => {
    const result = check(input);
    if (expected === "ok") expect(result).toBe("ok");
    else expect(result).toMatch(new RegExp(`^1 validation error detected: Value .* failed to satisfy constraint: ${expected}$`));
  });

  it("words a validation failure exactly as AWS services do", () => {
    const result = validators.validatePutThirdPartyJobSuccessResultInput({ jobId: "j", clientToken: "", currentRevision: { revision: "r" } });
    expect(result).toEqual({
      ok: false,
      kind: "validation",
      issues: [
        { path: "clientToken", message: "Value '' at 'clientToken' failed to satisfy constraint: Member must have length greater than or equal to 1" },
        {
          path: "currentRevision.changeIdentifier",
          message: "Value null at 'currentRevision.changeIdentifier' failed to satisfy constraint: Member must not be null",
        },
      ],
      message:
        "2 validation errors detected: Value '' at 'clientToken' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value null at 'currentRevision.changeIdentifier' failed to satisfy constraint: Member must not be null",
    });
  });

  it("reports every missing required member", () => {
    expect(check({})).toBe(
      "2 validation errors detected: Value null at 'jobId' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'clientToken' failed to satisfy constraint: Member must not be null",
    );
  });

  it.each([
    ["a number where a string belongs", { ...VALID, jobId: 5 }, "Expected a string at 'jobId', but found an integer."],
    ["a string where a timestamp belongs", { ...VALID, currentRevision: { revision: "r", changeIdentifier: "c", created: "2023-01-01" } }, "Expected a timestamp in epoch seconds (a number) at 'currentRevision.created', but found a string."],
    ["a fraction where an integer belongs", { ...VALID, executionDetails: { percentComplete: 1.5 } }, "Expected a 32-bit integer at 'executionDetails.percentComplete', but found a number."],
    ["an integer beyond 32 bits", { ...VALID, executionDetails: { percentComplete: 2 ** 31 } }, "Expected a 32-bit integer at 'executionDetails.percentComplete', but found an integer."],
    ["an array where a structure belongs", { ...VALID, executionDetails: [] }, "Expected an object at 'executionDetails', but found an array."],
    ["a string as the whole input", "{}", "Expected an object at the top level, but found a string."],
    ["null as the whole input", null, "Expected an object at the top level, but found null."],
  ] as const)("%s is a deserialization failure", (_, input, message) => {
    const result = validators.validatePutThirdPartyJobSuccessResultInput(input);
    expect(result).toMatchObject({ ok: false, kind: "deserialization", message });
    expect(validators.isPutThirdPartyJobSuccessResultInput(input)).toBe(false);
  });

  it("does not read members from Object.prototype, and is not polluted by __proto__ keys", () => {
    const hostile = JSON.parse('{"jobId":"j","clientToken":"t","__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}');
    expect(check(hostile)).toBe("ok");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("every constraint kind (kitchen-sink model)", () => {
  const BASE = { name: "abc", flag: true };
  const run = (name: string, input: unknown) => {
    const full = (sink[`validate${name}`] as Validate)(input);
    expect((sink[`is${name}`] as Is)(input), JSON.stringify(input)).toBe(full.ok);
    return outcome(full);
  };
  const input = (extra: object) => run("PutEverythingInput", { ...BASE, ...extra });

  it.each([
    // @pattern: anchored, and not anchored (matches in the middle of a string)
    ["anchored pattern matches", { name: "ab-1" }, "ok"],
    ["anchored pattern rejects a leading digit", { name: "1abc" }, "Member must satisfy regular expression pattern: ^[a-z][a-z0-9-]*$"],
    ["unanchored pattern matches in the middle", { digits: "abc123def" }, "ok"],
    ["unanchored pattern needs one match somewhere", { digits: "abcdef" }, "Member must satisfy regular expression pattern: [0-9]+"],
    // member-level @length narrows the target's
    ["member length 2 (target allows 1)", { shortLabel: "ab" }, "ok"],
    ["member length 1 is below the member's bound", { shortLabel: "a" }, "Member must have length greater than or equal to 2"],
    ["member length 5 is above the member's bound", { shortLabel: "abcde" }, "Member must have length less than or equal to 4"],
    ["target length still applies elsewhere", { label: "x".repeat(11) }, "Member must have length less than or equal to 10"],
    // integer widths and @range
    ["byte range bound", { tiny: 5 }, "ok"],
    ["byte above its range", { tiny: 6 }, "Member must have value less than or equal to 5"],
    ["short at its width", { small: 32767 }, "ok"],
    ["long at 2^53", { big: 2 ** 53 }, "ok"],
    ["float in range", { ratio: 0.5 }, "ok"],
    ["float below range", { ratio: 0.25 }, "Member must have value greater than or equal to 0.5"],
    ["float NaN is a number on the wire", { precise: "NaN" }, "ok"],
    ["Infinity is above a finite maximum", { ratio: "Infinity" }, "Member must have value less than or equal to 2.5"],
    ["-Infinity is below a finite minimum", { ratio: "-Infinity" }, "Member must have value greater than or equal to 0.5"],
    ["a list's size, not its contents, is what the message shows", { tags: ["a", "b", "c", "d"] }, "Value '[4 items]' at 'tags' failed to satisfy constraint"],
    ["bigInteger", { huge: 12345678901234567890 }, "ok"],
    // timestamps in each format
    ["epoch seconds", { when: 1700000000 }, "ok"],
    ["date-time", { isoWhen: "2024-02-29T12:00:00.5Z" }, "ok"],
    ["http-date", { httpWhen: "Tue, 29 Oct 2024 16:56:32 GMT" }, "ok"],
    // blobs are base64, their length counts bytes
    ["blob of 4 bytes", { payload: "AQIDBA==" }, "ok"],
    ["blob of 5 bytes", { payload: "AQIDBAU=" }, "Member must have length less than or equal to 4"],
    // enums
    ["enum value (not its name)", { color: "green" }, "ok"],
    ["enum name that is not a value", { color: "GREEN" }, "Member must satisfy enum value set: [RED, green, BLUE]"],
    ["intEnum value", { level: 10 }, "ok"],
    ["intEnum outsider", { level: 5 }, "Member must satisfy enum value set: [1, 10]"],
    // lists: length, items, uniqueItems, sparse
    ["list at max length", { tags: ["a", "b", "c"] }, "ok"],
    ["list over max length", { tags: ["a", "b", "c", "d"] }, "Member must have length less than or equal to 3"],
    ["list empty under min length", { tags: [] }, "Member must have length greater than or equal to 1"],
    ["list item breaks its bound", { tags: ["a", ""] }, "Value '' at 'tags.2.member' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ["null in a dense list", { tags: ["a", null] }, "Value null at 'tags.2.member' failed to satisfy constraint: Member must not be null"],
    ["null in a sparse list", { sparseNames: ["a", null] }, "ok"],
    ["unique items", { uniqueTags: ["a", "b"] }, "ok"],
    ["repeated items", { uniqueTags: ["a", "b", "a"] }, "Member must have unique items"],
    // maps: size, keys, values
    ["map at max size", { attributes: { a: 1, b: 2 } }, "ok"],
    ["map over max size", { attributes: { a: 1, b: 2, c: 3 } }, "Member must have length less than or equal to 2"],
    ["map key too long", { attributes: { abcdef: 1 } }, "Value 'abcdef' at 'attributes' failed to satisfy constraint: Member must have length less than or equal to 5"],
    ["map value out of range", { attributes: { a: 1001 } }, "Value 1001 at 'attributes.a' failed to satisfy constraint: Member must have value less than or equal to 1000"],
    ["enum-keyed map", { colorCounts: { RED: 1, green: 2 } }, "ok"],
    ["enum-keyed map with an outsider key", { colorCounts: { PINK: 1 } }, "Member must satisfy enum value set: [RED, green, BLUE]"],
    // unions
    ["union with one member", { choice: { byNumber: 3 } }, "ok"],
    ["union with a unit member", { choice: { nothing: {} } }, "ok"],
    ["union member breaks its bound", { choice: { byName: "" } }, "Member must have length greater than or equal to 1"],
    // sensitive values are never echoed
    ["sensitive value too short", { secret: "abc" }, "Value at 'secret' failed to satisfy constraint: Member must have length greater than or equal to 4"],
    // recursion through a list
    ["nested structures", { nested: { depth: 1, children: [{ depth: 2, children: [{ depth: 3 }] }] } }, "ok"],
    ["a deep child breaks its range", { nested: { depth: 1, children: [{ depth: 2, children: [{ depth: 0 }] }] } }, "Value 0 at 'nested.children.1.member.children.1.member.depth' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    ["a member named constructor", { constructor: "fine" }, "ok"],
    ["documents take any JSON", { anything: { a: [1, null, "x"] } }, "ok"],
  ] as const)("%s", (_, extra, expected) => {
    const result = input(extra);
    if (expected === "ok") expect(result).toBe("ok");
    else expect(result).toContain(expected);
    if (expected !== "ok") expect(result).toMatch(/^1 validation error detected: /);
  });

  it("never echoes a sensitive value, whatever the constraint", () => {
    expect(input({ secret: "abc" })).not.toContain("abc");
  });

  it.each([
    ["a byte beyond 8 bits", { tiny: 128 }, "Expected an 8-bit integer at 'tiny', but found an integer."],
    ["a short beyond 16 bits", { small: 32768 }, "Expected a 16-bit integer at 'small', but found an integer."],
    ["a long of 2^63, one past its width", { big: 2 ** 63 }, "Expected a 64-bit integer at 'big', but found an integer."],
    ["a malformed date-time", { isoWhen: "yesterday" }, "Expected an RFC 3339 date-time string at 'isoWhen', but found a string."],
    ["a date-time as a number", { isoWhen: 1700000000 }, "Expected an RFC 3339 date-time string at 'isoWhen', but found an integer."],
    ["an http-date in the wrong form", { httpWhen: "2024-10-29" }, "Expected an HTTP date string at 'httpWhen', but found a string."],
    ["malformed base64", { payload: "***" }, "Expected a base64-encoded string at 'payload', but found a string."],
    ["a boolean as a string", { flag: "true" }, "Expected a boolean at 'flag', but found a string."],
    ["an enum as a number", { color: 1 }, "Expected a string at 'color', but found an integer."],
    ["a union with two members set", { choice: { byName: "a", byNumber: 1 } }, "Expected exactly one member of Choice to be set at 'choice', but found 2."],
    ["a union with none set", { choice: {} }, "Expected exactly one member of Choice to be set at 'choice', but found 0."],
    ["a list as an object", { tags: { 0: "a" } }, "Expected an array at 'tags', but found an object."],
  ] as const)("%s is a deserialization failure", (_, extra, message) => {
    expect(input(extra)).toBe(`deserialization: ${message}`);
  });

  it("a required member breaks the output structure too", () => {
    expect(run("PutEverythingOutput", {})).toBe("1 validation error detected: Value null at 'id' failed to satisfy constraint: Member must not be null");
  });
});

describe("timestamps a Date cannot hold", () => {
  // ECMA-262 limits a Date to ±8.64e15 ms: beyond ±8.64e12 epoch seconds, `new Date` is Invalid.
  const LIMIT = 8.64e12;
  const created = (value: unknown) => ({ ...VALID, currentRevision: { revision: "r", changeIdentifier: "c", created: value } });
  const outOfRange = (path: string) =>
    `Expected a timestamp in epoch seconds between -8640000000000 and 8640000000000 (the range of a date) at '${path}', but found a number outside that range.`;

  it.each([
    ["the latest a Date holds", LIMIT],
    ["the earliest a Date holds", -LIMIT],
    ["a fraction of a second", 1700000000.5],
  ])("%s is accepted, and is a valid Date", (_, seconds) => {
    expect(validators.validatePutThirdPartyJobSuccessResultInput(created(seconds))).toEqual({ ok: true });
    expect(validators.isPutThirdPartyJobSuccessResultInput(created(seconds))).toBe(true);
    expect(Number.isNaN(new Date(Math.round(seconds * 1000)).getTime())).toBe(false);
  });

  it.each([
    ["1e300", 1e300],
    ["one second past the latest", LIMIT + 1],
    ["one second before the earliest", -LIMIT - 1],
    ["Infinity (JSON.parse gives it for 1e400)", JSON.parse("1e400") as number],
    ["NaN from a JavaScript caller", Number.NaN],
  ])("%s is a deserialization failure naming the member", (_, seconds) => {
    expect(Number.isNaN(new Date(Math.round(seconds * 1000)).getTime())).toBe(true);
    expect(validators.validatePutThirdPartyJobSuccessResultInput(created(seconds))).toEqual({
      ok: false,
      kind: "deserialization",
      path: "currentRevision.created",
      message: outOfRange("currentRevision.created"),
    });
    expect(validators.isPutThirdPartyJobSuccessResultInput(created(seconds))).toBe(false);
  });

  it.each([
    ["its mixin's required member", {}, "Value null at 'widgetId' failed to satisfy constraint: Member must not be null"],
    ["the @length applied to that member", { widgetId: "w-" }, "Value 'w-' at 'widgetId' failed to satisfy constraint: Member must have length greater than or equal to 3"],
    ["the member's target's @pattern", { widgetId: "widget" }, "Value 'widget' at 'widgetId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^w-"],
    ["a valid ID", { widgetId: "w-1" }, "ok"],
  ])("kitchen sink, GetWidget (bound through a resource): %s", (_, given, want) => {
    const result = (sink.validateGetWidgetInput as Validate)(given);
    expect((sink.isGetWidgetInput as Is)(given)).toBe(result.ok);
    expect(outcome(result)).toBe(want === "ok" ? "ok" : `1 validation error detected: ${want}`);
  });

  it.each([
    ["epoch seconds beyond a Date", { when: 1e300 }, outOfRange("when")],
    ["a date-time of a minute that does not exist", { isoWhen: "2024-01-01T23:60:00Z" }, "Expected an RFC 3339 date-time string at 'isoWhen', but found a string."],
    ["an http-date of an hour that does not exist", { httpWhen: "Tue, 29 Oct 2024 25:56:32 GMT" }, "Expected an HTTP date string at 'httpWhen', but found a string."],
  ])("kitchen sink: %s is a deserialization failure", (_, extra, message) => {
    const input = { name: "abc", flag: true, ...extra };
    expect((sink.validatePutEverythingInput as Validate)(input)).toMatchObject({ ok: false, kind: "deserialization", message });
    expect((sink.isPutEverythingInput as Is)(input)).toBe(false);
  });
});

describe("echoed values are cut to a readable length", () => {
  const messageFor = (jobId: string) => {
    const result = validators.validatePutThirdPartyJobSuccessResultInput({ ...VALID, jobId });
    if (result.ok || result.kind !== "validation") throw new Error(`expected a validation failure, got ${JSON.stringify(result)}`);
    return result.issues[0]!.message;
  };

  it("a 1 MB value is echoed as its first characters and its length", () => {
    const message = messageFor("x".repeat(2 ** 20));
    expect(message).toBe(`Value '${"x".repeat(ECHO_LIMIT)}...' (1048576 characters) at 'jobId' failed to satisfy constraint: Member must have length less than or equal to 512`);
    expect(message.length).toBeLessThan(300);
  });

  it("counts and cuts by code point, never splitting a surrogate pair", () => {
    expect(messageFor(astral(513))).toBe(`Value '${astral(ECHO_LIMIT)}...' (513 characters) at 'jobId' failed to satisfy constraint: Member must have length less than or equal to 512`);
  });

  it("a value of the limit's length is echoed whole", () => {
    expect(messageFor("")).toBe("Value '' at 'jobId' failed to satisfy constraint: Member must have length greater than or equal to 1");
    expect(violation("p", astral(ECHO_LIMIT), "C").message).toBe(`Value '${astral(ECHO_LIMIT)}' at 'p' failed to satisfy constraint: C`);
    expect(violation("p", "y".repeat(ECHO_LIMIT + 1), "C").message).toBe(`Value '${"y".repeat(ECHO_LIMIT)}...' (129 characters) at 'p' failed to satisfy constraint: C`);
  });

  it("cuts an object's JSON the same way, and still never echoes a sensitive value", () => {
    const message = violation("p", { big: "z".repeat(1000) }, "C").message;
    expect(message).toBe(`Value '{"big":"${"z".repeat(ECHO_LIMIT - 8)}...' (1010 characters) at 'p' failed to satisfy constraint: C`);
    expect(violation("p", "s".repeat(1000), "C", true).message).toBe("Value at 'p' failed to satisfy constraint: C");
  });
});
