// Ordinary float and integer members in an operation read by the exact JSON reader: a
// number a double cannot hold arrives as a JsonNumber, and the validators' float and
// integer rules judge it as JSON.parse reads it, an integer's width on its exact digits.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromJsonNumber, parseExactJson } from "../../../../packages/protocol-aws-json/src/big-numbers.js";
import { INT_BOUNDS, type IntegerWidth } from "../../../../packages/validators/src/runtime/limits.js";
import { mismatch, violation } from "../../../../packages/validators/src/runtime/result.js";
import { isExactFloat, isExactIntegerOf, isIntegerOf } from "../../../../packages/validators/src/runtime/values.js";

/** The value the exact reader gives for a JSON number's text. */
const read = (text: string): unknown => (parseExactJson(`[${text}]`) as unknown[])[0];

/** What the integer rule accepts: a plain number that fits, or a kept text that fits exactly. */
const integerRule = (value: unknown, width: IntegerWidth) => isIntegerOf(value, width) || isExactIntegerOf(value, width);

describe("float rule", () => {
  it.each(["0.1234567890123456789012345", "1.00000000000000000000001", "-12345678901234567890123.5", "1e-400"])("accepts %s, kept as text, as the finite number JSON.parse reads", (text) => {
    const value = read(text);
    expect(typeof value).toBe("object");
    expect(isExactFloat(value)).toBe(true);
    expect(Number(value)).toBe(JSON.parse(text));
  });

  it.each(["1e400", "-1e400"])("refuses %s, which JSON.parse reads as an infinity, as it refuses Infinity", (text) => {
    expect(isExactFloat(read(text))).toBe(false);
  });

  it("takes no plain value: numbers, strings and objects keep their own rules", () => {
    for (const value of [1.5, "1.5", {}, null, [1]]) expect(isExactFloat(value)).toBe(false);
  });
});

describe("integer rule", () => {
  it("a long's width on the exact digits: 2^63 - 1 and -2^63 fit, 2^63 and -2^63 - 1 do not", () => {
    expect(integerRule(read("9223372036854775807"), "long")).toBe(true);
    expect(integerRule(read("-9223372036854775808"), "long")).toBe(true);
    expect(integerRule(read("9223372036854775808"), "long")).toBe(false);
    expect(integerRule(read("-9223372036854775809"), "long")).toBe(false);
    expect(integerRule(read("9223372036854775808.5"), "long")).toBe(false);
  });

  it("accepts what JSON.parse reads as a whole number within the width, and reads it as JSON.parse does", () => {
    for (const text of ["9007199254740993", "3.00000000000000000001", "-9007199254740993e0"]) {
      const value = read(text);
      expect(integerRule(value, "long")).toBe(true);
      expect(fromJsonNumber(value)).toBe(JSON.parse(text));
    }
    // JSON.parse reads this as 1.0000000000000002: not whole.
    expect(integerRule(read("1.0000000000000002000001"), "long")).toBe(false);
  });

  it("for every width, a kept number fits exactly when its digits lie in [min, 2^(bits-1))", () => {
    fc.assert(
      fc.property(fc.constantFrom<IntegerWidth>("byte", "short", "integer", "long"), fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), (width, whole) => {
        // A hair past whole, away from zero: more digits than a double holds, so it stays text.
        const text = `${whole}.000000000000000000001`;
        const [min, end] = INT_BOUNDS[width].map((bound) => BigInt(bound)) as [bigint, bigint];
        const within = whole >= 0n ? whole < end : whole > min;
        expect(isExactIntegerOf(read(text), width)).toBe(within && Number.isInteger(JSON.parse(text)));
      }),
      // The edges, which random bigints seldom reach.
      { examples: [["long", 2n ** 63n - 1n], ["long", 2n ** 63n], ["long", -(2n ** 63n)], ["long", 1n - 2n ** 63n], ["byte", 127n], ["byte", 128n], ["byte", -128n], ["integer", -(2n ** 31n)]] },
    );
  });

  it("fromJsonNumber leaves a plain number as it is", () => {
    expect(fromJsonNumber(42)).toBe(42);
  });
});

describe("messages", () => {
  it("name a number kept as text as a number and echo its digits, never as the object that holds them", () => {
    expect(mismatch("count", "a 64-bit integer", read("9223372036854775808")).message).toBe("Expected a 64-bit integer at 'count', but found an integer.");
    expect(mismatch("count", "a 64-bit integer", read("0.1234567890123456789012345")).message).toContain("but found a number.");
    expect(violation("ratio", read("0.1234567890123456789012345"), "Member must have value less than or equal to 0").message).toBe(
      "Value 0.1234567890123456789012345 at 'ratio' failed to satisfy constraint: Member must have value less than or equal to 0",
    );
  });
});
