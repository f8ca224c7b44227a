// @endpoint(hostPrefix) with @hostLabel: an operation whose model says so is sent to
// `<prefix><host>`, the prefix's `{member}` labels filled from the input. A label becomes
// part of a host name, so it must be one: refused before anything is sent otherwise.
import { InputValidationError } from "./errors.js";

/** RFC 1123 host labels, as Smithy's endpoint rules check them: letters, digits, hyphens; 1 to 63; no hyphen at either end. */
const HOST_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/**
 * The value of the `@hostLabel` member `member`, lower-cased as a host name travels (so
 * the signed Host header is the one fetch sends); an InputValidationError when it is not
 * a valid host label.
 */
export function hostLabel(value: unknown, member: string): string {
  if (typeof value === "string" && HOST_LABEL.test(value)) return value.toLowerCase();
  const message =
    value === undefined || value === null
      ? `Value null at '${member}' failed to satisfy constraint: Member must not be null (it is part of the request's host name)`
      : `Value ${JSON.stringify(String(value).slice(0, 100))} at '${member}' failed to satisfy constraint: Member must be a valid host label (letters, digits and hyphens, 1 to 63 characters, neither starting nor ending with a hyphen), since it becomes part of the request's host name`;
  throw new InputValidationError(`${message}; nothing was sent.`, [{ path: member, message }]);
}
