// bigInteger and bigDecimal on the awsJson wire: JSON numbers with every digit kept.
// JSON.parse and JSON.stringify round numbers to doubles, and Node 20 has neither
// JSON.rawJSON nor the source text in a reviver, so the operations whose messages reach a
// big number read and write them with lossless-json instead; every other operation keeps
// JSON.parse and JSON.stringify. Only code that imports these pulls lossless-json in.
import { isNumber, parse, stringify } from "lossless-json";

/**
 * The key under which a wire number keeps its source text. A symbol, so a JSON body can
 * never forge one; `Symbol.for`, so the validators package recognises it without
 * depending on this one.
 */
export const JSON_NUMBER_TEXT: unique symbol = Symbol.for("@codepipeline-partner/json-number") as never;

/**
 * A JSON number a double cannot hold exactly, as its source text. In the wire form it
 * stands where a number would; `Number(it)` is the nearest double.
 */
export class JsonNumber {
  readonly [JSON_NUMBER_TEXT]: string;
  constructor(text: string) {
    this[JSON_NUMBER_TEXT] = text;
  }
  valueOf(): number {
    return Number(this[JSON_NUMBER_TEXT]);
  }
  toString(): string {
    return this[JSON_NUMBER_TEXT];
  }
}

export function isJsonNumber(value: unknown): value is JsonNumber {
  return value instanceof JsonNumber;
}

/** The digits of a JSON number without sign, leading or trailing zeros, or the decimal point. */
function significantDigits(text: string): string {
  const mantissa = text.replace(/^-/, "").replace(/[eE].*$/, "").replace(".", "");
  return mantissa.replace(/^0+/, "").replace(/0+$/, "");
}

/** A number token: a double when the double is the same number, its text otherwise. */
function readNumber(text: string): number | JsonNumber {
  const value = Number(text);
  if (Number.isFinite(value) && (String(value) === text || significantDigits(String(value)) === significantDigits(text))) return value;
  return new JsonNumber(text);
}

/**
 * `JSON.parse` that keeps every digit: numbers a double holds exactly are numbers,
 * the others `JsonNumber`s. A repeated key keeps its last value, as with JSON.parse.
 */
export function parseExactJson(text: string): unknown {
  return parse(text, undefined, { parseNumber: readNumber, onDuplicateKey: ({ newValue }) => newValue });
}

const NUMBER_TEXT = [{ test: isJsonNumber, stringify: (value: unknown) => (value as JsonNumber)[JSON_NUMBER_TEXT] }];

/** `JSON.stringify` that writes `JsonNumber`s and bigints as their digits. */
export function stringifyExactJson(wire: unknown): string {
  return stringify(wire, undefined, undefined, NUMBER_TEXT)!;
}

/** A bigInteger for the wire; anything but a bigint (or a safe integer) is refused, naming the member. */
export function toJsonBigInteger(value: unknown, member: string): JsonNumber {
  if (typeof value === "bigint") return new JsonNumber(value.toString());
  if (Number.isSafeInteger(value)) return new JsonNumber(String(value));
  throw new TypeError(`${member}: ${describe(value)} is not a bigInteger (a bigint)`);
}

/** A bigDecimal for the wire: its text must be a JSON number, sent as it is written. */
export function toJsonBigDecimal(value: unknown, member: string): JsonNumber {
  if (typeof value === "string" && isNumber(value)) return new JsonNumber(value);
  if (typeof value === "number" && Number.isFinite(value)) return new JsonNumber(String(value));
  throw new TypeError(`${member}: ${describe(value)} is not a bigDecimal (a string holding a JSON number, such as "-12.5e3")`);
}

/** A bigInteger from the wire (a number or `JsonNumber` the validators judged whole). */
export function fromJsonBigInteger(value: unknown): bigint {
  // From the text even for a number: BigInt(1.5e30) is the double's value, 1499999999999999889089448902656n.
  return integerFromText(String(value));
}

/** A bigDecimal from the wire: its text as it was sent (a double's shortest text when a double held it). */
export function fromJsonBigDecimal(value: unknown): string {
  return String(value);
}

/**
 * An ordinary number member (byte to long, intEnum, an epoch-seconds timestamp) in a message
 * the exact reader read: a number a double cannot hold exactly arrives as its text and
 * becomes the number JSON.parse would have made of it, as in every other operation (the
 * validators judged it first).
 */
export function fromJsonNumber(value: unknown): number {
  return typeof value === "number" ? value : Number(value);
}

/** Most digits a bigInteger from the wire may have. */
const BIG_INTEGER_DIGITS = 10_000;

/** The whole number a JSON number's text stands for, exponent and fraction included ("1.5e3" is 1500n). */
function integerFromText(text: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) throw new TypeError(`${JSON.stringify(text)} is not a JSON number`);
  const [, sign, whole, fraction = "", exponent = "0"] = match;
  const digits = whole! + fraction;
  const shift = Number(exponent) - fraction.length;
  // As the validators bound it: `1e999999999` would take BigInt minutes and gigabytes.
  if (digits.length + shift > BIG_INTEGER_DIGITS) throw new RangeError(`${text.length > 40 ? `${text.slice(0, 40)}…` : text} has more than ${BIG_INTEGER_DIGITS} digits`);
  if (shift < 0 && /[1-9]/.test(digits.slice(shift))) throw new TypeError(`${text} is not a whole number`);
  const magnitude = shift >= 0 ? BigInt(digits) * 10n ** BigInt(shift) : BigInt(digits.slice(0, shift) || "0");
  return sign ? -magnitude : magnitude;
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "bigint") return `${value}n`;
  return value === null ? "null" : typeof value === "object" ? "an object" : String(value);
}
