import { defaultServerConditions } from "vite";
import { configDefaults, defineConfig } from "vitest/config";

// The workspace packages' sources, not their builds: the first condition of their exports
// (tsconfig.json's customConditions says the same to tsc; processes the tests start on the
// repository's code pass SOURCE_CONDITION from test/support/repo.ts).
const SOURCE = "@codepipeline-partner/source";

// Two projects; `vitest run` runs both, `vitest run --project unit` the fast one.
export default defineConfig({
  // Vitest's own default for Node, with the source condition first.
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions.filter((condition) => condition !== "module")] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          // test/unit/ mirrors the source tree (test/unit/codegen/writer.test.ts tests
          // codegen/src/writer.ts): no JVM, no Maven, no network beyond 127.0.0.1, seconds.
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          testTimeout: 15_000,
          // Every core: these are CPU-bound and independent (vitest's default leaves one
          // core idle, which on a 2-core machine means one file at a time).
          maxWorkers: "100%",
          // One module graph per worker, not per file: typescript, ts-morph, oxfmt and the
          // AWS SDK load once instead of in most files (a third of the tier's CPU time).
          // So a test must undo what it changes outside its own module: vi.stubEnv with
          // vi.unstubAllEnvs, globals and SDK settings restored in a finally or afterEach,
          // fake timers switched back (vi.useRealTimers), servers closed, and a generated
          // workspace of its own (behaviourTraitsWorkspace).
          isolate: false,
          // And a stub or spy a test forgets to undo is undone before the next one.
          unstubEnvs: true,
          unstubGlobals: true,
          restoreMocks: true,
          sequence: { groupOrder: 0 },
          // The type-level tests (test/types/*.test-d.ts) run as test/unit/types.test.ts:
          // vitest's typecheck starts tsc only after every other test has finished.
        },
      },
      {
        extends: true,
        test: {
          // Everything else: the Smithy toolchain, the CLI and servers as processes, the
          // committed artifacts against the AWS SDK, Ajv and the public reference.
          name: "integration",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "test/unit/**", "test/consumer/**"],
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
