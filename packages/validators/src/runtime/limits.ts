// The integer widths of the wire forms, in one place: the runtime checks read them, and
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
