// The compiler flags of the strictest consumer (issue 9): generated code and the published
// packages must compile under all of them. One list, for the unit tests that compile
// generated code in-process and the consumer tier's projects alike.
export const STRICT_FLAGS = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noPropertyAccessFromIndexSignature: true,
  noUncheckedIndexedAccess: true,
  erasableSyntaxOnly: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
} as const;
