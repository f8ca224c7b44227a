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
