// The exact JSON reader and writer of operations with big numbers, and the conversions of
// bigInteger and bigDecimal. For ordinary JSON they must agree with JSON.parse and
// JSON.stringify; for numbers a double cannot hold, keep every digit.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  JsonNumber,
  fromJsonBigDecimal,
  fromJsonBigInteger,
  isJsonNumber,
  parseExactJson,
  stringifyExactJson,
  toJsonBigDecimal,
  toJsonBigInteger,
} from "../../../../packages/protocol-aws-json/src/wire.js";
import { compareDecimal } from "../../../../packages/validators/src/runtime/values.js";

/** The text of a JSON number: sign, integer part, fraction and exponent in every spelling JSON allows. */
const numberText = fc
  .tuple(
    fc.constantFrom("", "-"),
    fc.oneof(fc.constant("0"), fc.tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{0,40}$/)).map(([lead, rest]) => `${lead}${rest}`)),
    fc.option(fc.stringMatching(/^\d{1,40}$/), { nil: undefined }),
    fc.option(fc.tuple(fc.constantFrom("e", "E"), fc.constantFrom("", "+", "-"), fc.integer({ min: 0, max: 500 })), { nil: undefined }),
  )
  .map(([sign, whole, fraction, exponent]) => `${sign}${whole}${fraction === undefined ? "" : `.${fraction}`}${exponent === undefined ? "" : exponent.join("")}`);

describe("parseExactJson and stringifyExactJson agree with JSON.parse and JSON.stringify on ordinary JSON", () => {
  it("parses what JSON.stringify writes to what JSON.parse reads", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        expect(parseExactJson(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it("writes what JSON.stringify writes", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(stringifyExactJson(value)).toBe(JSON.stringify(value));
      }),
      { numRuns: 500 },
    );
  });

  it("refuses what JSON.parse refuses, with a SyntaxError", () => {
    for (const text of ["{", '{"a":}', "[1,]", "01", "1.", "NaN", '{"a":1} x', "'a'"]) {
      expect(() => JSON.parse(text), text).toThrow(SyntaxError);
      expect(() => parseExactJson(text), text).toThrow(SyntaxError);
    }
  });

  it("keeps the last of a repeated key, and a __proto__ key as an own member, as JSON.parse does", () => {
    const text = '{"a":1,"a":2,"__proto__":{"polluted":true}}';
    const parsed = parseExactJson(text) as Record<string, unknown>;
    expect(parsed).toEqual(JSON.parse(text));
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed, "__proto__")).toBe(true);
  });
});

describe("a number a double cannot hold keeps its digits", () => {
  it("any JSON number: a double when the double is the same number, its text otherwise; written back, the same number", () => {
    fc.assert(
      fc.property(numberText, (text) => {
        const parsed = parseExactJson(`[${text}]`) as unknown[];
        const value = parsed[0];
        if (isJsonNumber(value)) expect(String(value)).toBe(text);
        else expect(value).toBe(JSON.parse(text));
        // Read back and written again, exactly the number that was sent.
        const written = stringifyExactJson(parsed).slice(1, -1);
        expect(compareDecimal(written, text)).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["an integer beyond 2^53", "123456789012345678901234567890"],
    ["2^53 + 1, which a double rounds to 2^53", "9007199254740993"],
    ["more decimal digits than a double holds", "3.14159265358979323846264338327950288"],
    ["beyond a double's range (Infinity to JSON.parse)", "1e400"],
    ["below a double's smallest (0 to JSON.parse)", "-1e-400"],
  ])("%s: %s", (_, text) => {
    const value = (parseExactJson(`{"n":${text}}`) as { n: unknown }).n;
    expect(value).toBeInstanceOf(JsonNumber);
    expect(stringifyExactJson({ n: value })).toBe(`{"n":${text}}`);
  });
});

describe("bigInteger and bigDecimal conversions", () => {
  it("a bigint goes out as its digits and comes back as the same bigint", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n }), (value) => {
        const text = stringifyExactJson({ v: toJsonBigInteger(value, "S.v") });
        expect(text).toBe(`{"v":${value}}`);
        expect(fromJsonBigInteger((parseExactJson(text) as { v: unknown }).v)).toBe(value);
      }),
    );
  });

  it.each([
    ["an exponent", "1.5e30", 1_500_000_000_000_000_000_000_000_000_000n],
    ["a fraction of zeros", "-12.000", -12n],
    ["a negative exponent that stays whole", "1200e-2", 12n],
  ])("a bigInteger written with %s: %s", (_, text, want) => {
    expect(fromJsonBigInteger((parseExactJson(`[${text}]`) as unknown[])[0])).toBe(want);
  });

  it("a bigInteger of more than 10,000 digits is refused, not expanded (as the validators bound it)", () => {
    expect(fromJsonBigInteger(new JsonNumber("1e9999"))).toBe(10n ** 9999n);
    expect(() => fromJsonBigInteger(new JsonNumber("1e999999999"))).toThrow(RangeError);
  });

  it("a bigInteger from the wire with a fraction is refused, not truncated", () => {
    expect(() => fromJsonBigInteger(1.5)).toThrow("1.5 is not a whole number");
    expect(() => fromJsonBigInteger(new JsonNumber("12.0000000000000000000001"))).toThrow(TypeError);
  });

  it("a bigDecimal goes out as its text, which must be a JSON number", () => {
    expect(stringifyExactJson([toJsonBigDecimal("-0.000000000000000000001", "S.d")])).toBe("[-0.000000000000000000001]");
    expect(fromJsonBigDecimal(new JsonNumber("1e400"))).toBe("1e400");
    for (const bad of ["12,5", "1.", ".5", "+1", "0x10", "NaN", "Infinity", " 1", ""]) {
      expect(() => toJsonBigDecimal(bad, "S.d"), bad).toThrow(new RegExp(`^S\\.d: ${JSON.stringify(bad).replace(/[.+]/g, "\\$&")} is not a bigDecimal`));
    }
  });

  it("a bigInteger must be a bigint (or a safe integer), named in the refusal", () => {
    expect(() => toJsonBigInteger(1.5, "S.v")).toThrow("S.v: 1.5 is not a bigInteger (a bigint)");
    expect(() => toJsonBigInteger(2 ** 60, "S.v")).toThrow(/^S\.v: /);
    expect(() => toJsonBigInteger("12", "S.v")).toThrow('S.v: "12" is not a bigInteger');
    expect(String(toJsonBigInteger(42, "S.v"))).toBe("42");
  });
});
