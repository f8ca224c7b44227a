// The validators' checks of bigInteger and bigDecimal wire values: type and @range judged
// on the number's exact text, never on a double's rounding of it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonNumber } from "../../../../packages/protocol-aws-json/src/wire.js";
import { compareDecimal, decimalAtLeast, decimalAtMost, isBigDecimal, isBigInteger } from "../../../../packages/validators/src/runtime/values.js";

const exact = (text: string) => new JsonNumber(text);

describe("compareDecimal orders JSON numbers exactly", () => {
  it("as BigInt orders integers, whatever their size or spelling", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n }), fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n }), (a, b) => {
        expect(compareDecimal(String(a), `${b}.000`)).toBe(a < b ? -1 : a > b ? 1 : 0);
        // With trailing zeros moved into an exponent: 1200 is 12e2.
        const spelled = String(b).replace(/([1-9])(0+)$/, (_, digit: string, zeros: string) => `${digit}e${zeros.length}`);
        expect(compareDecimal(String(a), spelled)).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });

  it("as doubles order the doubles' texts", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), (a, b) => {
        expect(compareDecimal(String(a), String(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });

  it.each([
    ["digits past a double's precision", "100.00000000000000000001", "100", 1],
    ["zero however written", "-0.0e7", "0", 0],
    ["a vast exponent", "1e400", "9e399", 1],
    ["a tiny negative against zero", "-1e-400", "0", -1],
  ])("%s: %s against %s", (_, a, b, want) => {
    expect(compareDecimal(a, b)).toBe(want);
  });
});

describe("the type and @range of a bigInteger or bigDecimal", () => {
  it.each([
    ["a number", 12, true, true],
    ["an integer beyond 2^53 kept as text", exact("123456789012345678901234567890"), true, true],
    ["a whole number written with an exponent", exact("1.5e30"), true, true],
    ["a fraction", exact("0.1000000000000000000001"), false, true],
    ["a fractional number", 1.5, false, true],
    ["10,000 digits", exact("1e9999"), true, true],
    ["more than 10,000 digits", exact("1e10000"), false, true],
    ["a string of digits", "12", false, false],
    ["an object posing as a number", { value: "12" }, false, false],
    ["NaN", Number.NaN, false, false],
  ])("%s: bigInteger %s, bigDecimal %s", (_, value, integer, decimal) => {
    expect(isBigInteger(value)).toBe(integer);
    expect(isBigDecimal(value)).toBe(decimal);
  });

  it.each([
    ["at the maximum", exact("100.000000000000000000000"), true],
    ["past the maximum by 10^-20, which a double rounds away", exact("100.00000000000000000001"), false],
    ["2^53 + 1 against a maximum of 2^53", exact("9007199254740993"), false],
  ])("range, %s", (_, value, within) => {
    const max = value.toString().startsWith("9007") ? "9007199254740992" : "100";
    expect(decimalAtMost(value, max)).toBe(within);
  });

  it("a minimum is judged the same way", () => {
    expect(decimalAtLeast(exact("-100.00000000000000000001"), "-100")).toBe(false);
    expect(decimalAtLeast(-100, "-100")).toBe(true);
  });
});
