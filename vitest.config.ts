import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests that run the Smithy toolchain start a JVM; the first one may also fetch jars.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
