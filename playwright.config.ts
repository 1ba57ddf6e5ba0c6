import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests in Debian's Chromium against a production build served by `npm start`.
 * scripts/test.ts sets E2E_* (a fresh database and data folder per run).
 */
// Seed helpers in the test processes reach the same database and secret as the server.
if (process.env.E2E_DATABASE_URL) process.env.DATABASE_URL = process.env.E2E_DATABASE_URL;
process.env.HITDESK_DATA_DIR = process.env.E2E_DATA_DIR ?? ".data/e2e";
// As in the server: teams seeded by tests start without simulated workers, unless a test adds them.
process.env.HITDESK_TEST_MODE = "1";

const port = Number(process.env.E2E_PORT ?? 3210) + Number(process.env.E2E_PORT_OFFSET ?? 0);
const baseURL = `http://127.0.0.1:${port}`;

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"];

/**
 * Playwright queues whole files (fullyParallel is off) project by project, each project's in path
 * order. The longest files (minutes each, from CI's timings) get the first project, so they start
 * at once instead of forming the tail of the run; the short ones fill in around them.
 */
const LONGEST_FILES = ["**/fuzz-routes.spec.ts", "**/review-reliability.spec.ts", "**/several-instances.spec.ts", "**/projects-batches.spec.ts"];

export default defineConfig({
  testDir: "e2e",
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Much of a run is waiting (simulated workers, leases, fresh installs starting): a third
  // worker fills that time on a 2-core machine (the suite grew past what two finish in CI's 30 minutes).
  workers: 3,
  retries: 0,
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/e2e.json" }]] : [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  projects: [
    { name: "longest", testMatch: LONGEST_FILES },
    { name: "rest", testIgnore: LONGEST_FILES },
  ],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
  },
  // E2E_NO_WEBSERVER=1 runs specs that need no app (page.setContent) without building it.
  webServer: process.env.E2E_NO_WEBSERVER
    ? undefined
    : {
        command: "npm start",
        url: `${baseURL}/api/health`,
        // A first build on a busy 2-core machine can take several minutes.
        timeout: 900_000,
        reuseExistingServer: false,
        stdout: "pipe",
        stderr: "pipe",
        env: {
          PORT: String(port),
          HITDESK_URL: baseURL,
          HITDESK_DATA_DIR: process.env.HITDESK_DATA_DIR,
          HITDESK_TEST_MODE: "1",
          // The test processes resolve lib/ with the react-server condition; the app must not.
          NODE_OPTIONS: "",
          ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
        },
      },
});
