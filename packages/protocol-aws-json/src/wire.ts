// Conversions between typed values and their awsJson wire form, called by the generated
// serializers and deserializers of both the client and the server.

// A timestamp that is not one (an Invalid Date, NaN, an infinity) has no wire form:
// JSON.stringify would send it as null, which the service reads as absent. These throw a
// TypeError instead, so the call fails before anything is sent.

/** Epoch seconds, with a fraction only when there are milliseconds (as the AWS SDKs send them). */
export function toEpochSeconds(value: Date | number): number {
  const seconds = typeof value === "number" ? value : value.getTime() / 1000;
  if (!Number.isFinite(seconds)) throw invalidTimestamp(value);
  return seconds;
}

/**
 * RFC 3339 in UTC, with fractional seconds only when there are milliseconds:
 * `2024-05-06T07:08:09Z`, `2024-05-06T07:08:09.25Z`.
 */
export function toDateTime(value: Date): string {
  const time = value.getTime();
  if (Number.isNaN(time)) throw invalidTimestamp(value);
  const iso = value.toISOString();
  // Years outside 0000-9999 print as +YYYYYY, which RFC 3339 has no form for.
  if (iso.length !== 24) throw new TypeError(`${iso} is outside the years RFC 3339 can write`);
  const millis = time - Math.floor(time / 1000) * 1000;
  return millis === 0 ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 19)}.${String(millis).padStart(3, "0").replace(/0+$/, "")}Z`;
}

export function toHttpDate(value: Date): string {
  if (Number.isNaN(value.getTime())) throw invalidTimestamp(value);
  return value.toUTCString();
}

function invalidTimestamp(value: Date | number): TypeError {
  return new TypeError(`${typeof value === "number" ? String(value) : "Invalid Date"} is not a timestamp that can be sent`);
}

/** A timestamp from the wire: epoch seconds, or a date-time (any offset, any fraction) or HTTP-date string. */
export function toDate(value: unknown): Date {
  return typeof value === "number" ? new Date(Math.round(value * 1000)) : new Date(String(value));
}

/** JSON has no NaN or infinities: awsJson sends them as the strings "NaN", "Infinity" and "-Infinity". */
export function toJsonFloat(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

/** A float or double from the wire: a number, or one of the three strings of the non-finite values. */
export function fromJsonFloat(value: unknown): number {
  if (typeof value === "number") return value;
  if (value === "NaN") return Number.NaN;
  if (value === "Infinity") return Number.POSITIVE_INFINITY;
  if (value === "-Infinity") return Number.NEGATIVE_INFINITY;
  return Number(value);
}

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// The operations whose messages reach a bigInteger or bigDecimal read and write them exactly.
export * from "./big-numbers.js";
