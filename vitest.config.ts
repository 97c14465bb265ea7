import { defineConfig } from "vitest/config";

export default defineConfig({
  // `@contract/…` in the page's code, as tsconfig.json `paths` says.
  resolve: { tsconfigPaths: true },
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests share the fixture model on disk and spawn servers; two cores are all CI has.
    maxWorkers: 2,
  },
});
