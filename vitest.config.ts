import { configDefaults, defineConfig } from "vitest/config";

// Two projects; `vitest run` runs both, `vitest run --project unit` the fast one.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          // test/unit/ mirrors the source tree (test/unit/codegen/writer.test.ts tests
          // codegen/src/writer.ts): no JVM, no Maven, no network beyond 127.0.0.1, seconds.
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          testTimeout: 15_000,
          // Every core: these are CPU-bound and independent (vitest's default leaves one
          // core idle, which on a 2-core machine means one file at a time).
          maxWorkers: "100%",
          sequence: { groupOrder: 0 },
          // Type-level tests: tsc checks every expectTypeOf, and each counts as a test.
          typecheck: {
            enabled: true,
            include: ["test/types/**/*.test-d.ts"],
            tsconfig: "test/types/tsconfig.json",
          },
        },
      },
      {
        test: {
          // Everything else: the Smithy toolchain, the CLI and servers as processes, the
          // committed artifacts against the AWS SDK, Ajv and the public reference.
          name: "integration",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "test/unit/**"],
          // Tests that run the Smithy toolchain start a JVM; the first one may also fetch jars.
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // After the unit project, with vitest's default number of workers.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
