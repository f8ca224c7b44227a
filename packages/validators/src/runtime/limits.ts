// The numeric limits of the wire forms, in one place: the runtime checks read them, and
// the validators generator (codegen/src/targets/validators.ts) inlines them into the
// fast `is` path. Change a limit here and both follow.

/**
 * [lowest, one past the highest] of Smithy's integer widths. One past, because 2^63 is
 * a JS number and 2^63 - 1 is not: `value < 2 ** 63` is the exact test for a long.
 */
export const INT_BOUNDS = {
  byte: [-128, 128],
  short: [-32768, 32768],
  integer: [-2147483648, 2147483648],
  long: [-(2 ** 63), 2 ** 63],
} as const;

export type IntegerWidth = keyof typeof INT_BOUNDS;

/**
 * The largest epoch-seconds timestamp, either side of 1970, that a JS Date can hold
 * (ECMA-262 limits a Date to ±8.64e15 ms). Beyond it `new Date()` is an Invalid Date.
 */
export const EPOCH_SECONDS_LIMIT = 8.64e12;
