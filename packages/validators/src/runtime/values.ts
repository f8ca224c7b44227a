// Small checks the generated validators call. Straight-line code, no dependencies.
import { EPOCH_SECONDS_LIMIT, INT_BOUNDS, type IntegerWidth } from "./limits.js";

/** Unicode code points in a string; a lone surrogate counts as one, as in `for...of`. */
export function codePointLength(value: string): number {
  let count = value.length;
  for (let i = 0; i < value.length - 1; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/**
 * True when the string's code-point length lies in [min, max]. A string of n UTF-16
 * units has between ceil(n / 2) and n code points, so most strings need no counting.
 */
export function lengthWithin(value: string, min: number, max: number): boolean {
  const units = value.length;
  if (units <= max && units >= 2 * min) return true;
  const points = codePointLength(value);
  return points >= min && points <= max;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A member read only when the object itself has it, never from Object.prototype. */
export function own(value: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

/** A JSON number that is whole and fits the shape's bit width. */
export function isIntegerOf(value: unknown, kind: IntegerWidth): value is number {
  if (typeof value !== "number" || !Number.isInteger(value)) return false;
  const [min, end] = INT_BOUNDS[kind];
  return value >= min && value < end;
}


const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isBase64(value: unknown): value is string {
  return typeof value === "string" && value.length % 4 === 0 && BASE64.test(value);
}

/** Bytes a well-formed base64 string decodes to. */
export function base64ByteLength(value: string): number {
  const padding = value.endsWith("==") ? 2 : value.endsWith("=") ? 1 : 0;
  return (value.length / 4) * 3 - padding;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const HTTP_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** A timestamp as its format puts it on the wire, that a Date can hold (no Invalid Date). */
export function isTimestamp(value: unknown, format: "epoch-seconds" | "date-time" | "http-date"): boolean {
  switch (format) {
    case "epoch-seconds":
      return typeof value === "number" && Math.abs(value) <= EPOCH_SECONDS_LIMIT;
    case "date-time":
      return typeof value === "string" && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
    case "http-date":
      return typeof value === "string" && HTTP_DATE.test(value) && !Number.isNaN(Date.parse(value));
  }
}

/** True when no two items are equal as JSON values (key order ignored). */
export function hasUniqueItems(items: readonly unknown[]): boolean {
  const seen = new Set<unknown>();
  for (const value of items) {
    const key = typeof value === "object" && value !== null ? canonicalJson(value) : `${typeof value}:${String(value)}`;
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

// bigInteger and bigDecimal: in the wire form a number, or, when a double cannot hold it,
// an object keeping its JSON text under this symbol (the awsJson runtime's JsonNumber).
// Their type and @range are judged on that text, exactly, never on a rounded double.
const JSON_NUMBER_TEXT = Symbol.for("@codepipeline-partner/json-number");
const JSON_NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
/** Most digits a bigInteger may expand to (`1e9999`): BigInt work grows with them. */
const BIG_INTEGER_DIGITS = 10_000;

/** The JSON text of a number in the wire form, or undefined when it is none. */
function numberText(value: unknown): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  const text = (value as { [JSON_NUMBER_TEXT]?: unknown })[JSON_NUMBER_TEXT];
  return typeof text === "string" && JSON_NUMBER.test(text) ? text : undefined;
}

/** A number as sign, digits without leading or trailing zeros, and the power of ten of the last digit. */
function decimalParts(text: string): { negative: boolean; digits: string; exponent: number } {
  const [, sign, whole, fraction = "", exponent = "0"] = JSON_NUMBER.exec(text)!;
  let digits = (whole! + fraction).replace(/^0+/, "");
  let power = Number(exponent) - fraction.length;
  const trailing = digits.length - digits.replace(/0+$/, "").length;
  digits = digits.slice(0, digits.length - trailing);
  power += trailing;
  return { negative: sign === "-" && digits !== "", digits, exponent: digits === "" ? 0 : power };
}

/** -1, 0 or 1 as the first JSON number is less than, equal to or greater than the second, exactly. */
export function compareDecimal(left: string, right: string): number {
  const a = decimalParts(left);
  const b = decimalParts(right);
  if (a.negative !== b.negative) return a.negative ? -1 : 1;
  const sign = a.negative ? -1 : 1;
  if (a.digits === "" || b.digits === "") return a.digits === b.digits ? 0 : a.digits === "" ? -sign : sign;
  // The power of ten of the leading digit orders magnitudes; then the digits, left to right.
  const leadA = a.exponent + a.digits.length;
  const leadB = b.exponent + b.digits.length;
  if (leadA !== leadB) return leadA < leadB ? -sign : sign;
  const width = Math.max(a.digits.length, b.digits.length);
  const da = a.digits.padEnd(width, "0");
  const db = b.digits.padEnd(width, "0");
  return da === db ? 0 : da < db ? -sign : sign;
}

/** A bigDecimal: any JSON number, however many digits or however large its exponent. */
export function isBigDecimal(value: unknown): boolean {
  return numberText(value) !== undefined;
}

/** A bigInteger: a whole JSON number (`1e30` is one, `1.5` is not) of at most 10,000 digits. */
export function isBigInteger(value: unknown): boolean {
  if (typeof value === "number") return Number.isInteger(value);
  const text = numberText(value);
  if (text === undefined) return false;
  const { digits, exponent } = decimalParts(text);
  return exponent >= 0 && digits.length + exponent <= BIG_INTEGER_DIGITS;
}

/** A bigInteger's or bigDecimal's @range side: `value >= bound` (`atLeast`) or `value <= bound`. */
export function decimalAtLeast(value: unknown, bound: string): boolean {
  return compareDecimal(numberText(value)!, bound) >= 0;
}

export function decimalAtMost(value: unknown, bound: string): boolean {
  return compareDecimal(numberText(value)!, bound) <= 0;
}

// An ordinary float or integer member in an operation read by the exact JSON reader: a
// number a double cannot hold exactly arrives as its text. Such a value is judged as
// JSON.parse would have read it (the nearest double), as in every other operation, except
// that an integer's width is checked on the exact text: 2^63 - 1 fits a long, 2^63 does not.

/** The text of a number the exact reader kept as text; undefined for any other value. */
export function exactNumberText(value: unknown): string | undefined {
  return typeof value === "object" ? numberText(value) : undefined;
}

/** A float or double kept as text by the exact reader, that JSON.parse reads as a finite number. */
export function isExactFloat(value: unknown): boolean {
  if (typeof value !== "object") return false;
  const text = numberText(value);
  return text !== undefined && Number.isFinite(Number(text));
}

/** An integer kept as text by the exact reader: JSON.parse reads it as a whole number, and its exact value fits the width. */
export function isExactIntegerOf(value: unknown, kind: IntegerWidth): boolean {
  if (typeof value !== "object") return false;
  const text = numberText(value);
  if (text === undefined || !Number.isInteger(Number(text))) return false;
  const [min, end] = INT_BOUNDS[kind];
  // BigInt writes every digit of the bounds; String(2 ** 63) is "9223372036854776000".
  return compareDecimal(text, BigInt(min).toString()) >= 0 && compareDecimal(text, BigInt(end).toString()) < 0;
}
