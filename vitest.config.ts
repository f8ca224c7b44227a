import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests that run the Smithy toolchain start a JVM; the first one may also fetch jars.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Type-level tests: tsc checks every expectTypeOf, and each counts as a test.
    typecheck: {
      enabled: true,
      include: ["test/types/**/*.test-d.ts"],
      tsconfig: "test/types/tsconfig.json",
    },
  },
});
