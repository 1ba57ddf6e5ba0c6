import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\/(.*)$/, replacement: path.resolve(__dirname, "$1") },
      // Tests are server code; the marker package only guards client bundles.
      { find: "server-only", replacement: path.resolve(__dirname, "test/server-only-stub.ts") },
    ],
  },
  test: {
    include: ["lib/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup-database.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Most tests wait on the database, the marketplace or a subprocess (one worker used about one
    // of two cores): three at once finish the suite in about two thirds of the time.
    maxWorkers: 3,
    minWorkers: 1,
    env: { HITDESK_TEST_MODE: "1" },
  },
});
