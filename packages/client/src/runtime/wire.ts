// Conversions between typed values and their awsJson wire form.

/** Epoch seconds, with a fraction only when there are milliseconds (as the AWS SDKs send them). */
export function toEpochSeconds(value: Date | number): number {
  return typeof value === "number" ? value : value.getTime() / 1000;
}

export function toDateTime(value: Date): string {
  return value.toISOString();
}

export function toHttpDate(value: Date): string {
  return value.toUTCString();
}

/** A timestamp from the wire: epoch seconds, or a date-time or HTTP-date string. */
export function toDate(value: unknown): Date {
  return typeof value === "number" ? new Date(Math.round(value * 1000)) : new Date(String(value));
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
