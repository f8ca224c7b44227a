// The consumer tier (`npm run test:consumer`, after `npm run build`): the built packages,
// packed and installed into a fresh project. Not part of `npm test`, which runs on sources.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "consumer",
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["test/consumer/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
