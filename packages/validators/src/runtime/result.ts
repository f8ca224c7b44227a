// What a validator returns, and the message formats AWS services use.
import { EPOCH_SECONDS_LIMIT } from "./limits.js";
import { codePointLength, exactNumberText } from "./values.js";

/** One broken constraint: where, and the whole sentence that says so. */
export interface ValidationIssue {
  /** Dotted member path, such as `currentRevision.changeIdentifier`; list items are `name.1.member`. */
  path: string;
  message: string;
}

/** A value of the wrong JSON type: it cannot even be read as the shape. */
export interface DeserializationFailure {
  path: string;
  message: string;
}

export type ValidationResult =
  | { ok: true }
  | { ok: false; kind: "deserialization"; path: string; message: string }
  | { ok: false; kind: "validation"; issues: ValidationIssue[]; message: string };

/** `2 validation errors detected: <issue>; <issue>`, as AWS services word it. */
export function formatValidationMessage(issues: readonly ValidationIssue[]): string {
  const count = issues.length;
  return `${count} validation error${count === 1 ? "" : "s"} detected: ${issues.map((issue) => issue.message).join("; ")}`;
}

export function toResult(failure: DeserializationFailure | undefined, issues: ValidationIssue[]): ValidationResult {
  if (failure) return { ok: false, kind: "deserialization", path: failure.path, message: failure.message };
  if (issues.length > 0) return { ok: false, kind: "validation", issues, message: formatValidationMessage(issues) };
  return VALID;
}

/** The one result every valid input gets. */
export const VALID: ValidationResult = Object.freeze({ ok: true });

/** The path of a member below `path` (the root is ""). */
export function at(path: string, member: string): string {
  return path === "" ? member : `${path}.${member}`;
}

/** The path of a list item, numbered from 1 as AWS services number them. */
export function item(path: string, index: number): string {
  return `${path}.${index + 1}.member`;
}

/**
 * A constraint violation. A sensitive value is never echoed: the sentence then reads
 * `Value at 'x' ...`.
 */
export function violation(path: string, value: unknown, constraint: string, sensitive = false): ValidationIssue {
  const shown = sensitive && value !== null ? "" : ` ${describe(value)}`;
  return { path, message: `Value${shown} at '${path}' failed to satisfy constraint: ${constraint}` };
}

export function missing(path: string): ValidationIssue {
  return violation(path, null, "Member must not be null");
}

export function mismatch(path: string, expected: string, value: unknown): DeserializationFailure {
  return { path, message: `Expected ${expected} at ${where(path)}, but found ${jsonType(value)}.` };
}

/**
 * An epoch-seconds timestamp no Date can hold. It is a number, but it cannot be read as
 * a timestamp, so it fails as a wrong type does (AWS answers SerializationException)
 * rather than reaching a handler as an Invalid Date.
 */
export function timestampOutOfRange(path: string): DeserializationFailure {
  return {
    path,
    message: `Expected a timestamp in epoch seconds between -${EPOCH_SECONDS_LIMIT} and ${EPOCH_SECONDS_LIMIT} (the range of a date) at ${where(path)}, but found a number outside that range.`,
  };
}

function where(path: string): string {
  return path === "" ? "the top level" : `'${path}'`;
}

/**
 * Code points of a value echoed in a message. Longer values are cut: a 1 MB `jobId` must
 * not make a 1 MB answer (or a 1 MB log line).
 */
export const ECHO_LIMIT = 128;

/** How a message shows a value; the one place values are echoed. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return quote(value);
  // A number the exact JSON reader kept as text is shown as its digits, like any number.
  const text = exactNumberText(value);
  if (text !== undefined) return text.length > ECHO_LIMIT ? quote(text) : text;
  if (typeof value === "object") return quote(JSON.stringify(value));
  return String(value);
}

/** `'text'`, or for text over ECHO_LIMIT code points `'its start...' (N characters)`. */
function quote(text: string): string {
  // Fewer UTF-16 units than the limit means fewer code points too: nothing to count.
  if (text.length <= ECHO_LIMIT) return `'${text}'`;
  const length = codePointLength(text);
  if (length <= ECHO_LIMIT) return `'${text}'`;
  // The first ECHO_LIMIT code points lie within the first 2 * ECHO_LIMIT units; cutting
  // by code point never splits a surrogate pair.
  const start = Array.from(text.slice(0, 2 * ECHO_LIMIT)).slice(0, ECHO_LIMIT).join("");
  return `'${start}...' (${length} characters)`;
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return Number.isInteger(value) ? "an integer" : "a number";
    case "boolean":
      return "a boolean";
    case "object": {
      // A number the exact JSON reader kept as text, named as JSON.parse's number would be.
      const text = exactNumberText(value);
      if (text === undefined) return "an object";
      return Number.isInteger(Number(text)) ? "an integer" : "a number";
    }
    default:
      return `a ${typeof value}`;
  }
}
