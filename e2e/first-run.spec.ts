import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "./support/axe";
import { shellExports, startFreshServer, type FreshServer } from "./support/server";

let server: FreshServer;

test.beforeAll(async () => {
  server = await startFreshServer(3291);
});

test.afterAll(async () => {
  await server?.stop();
});

test("a fresh install prints a one-time setup link that creates the first owner", async ({ page }) => {
  const [, token] = await server.waitForOutput(/\/setup\?token=([A-Za-z0-9_-]+)/);
  const setupUrl = `${server.url}/setup?token=${token}`;

  await page.goto(`${server.url}/`);
  await expect(page).toHaveURL(/\/login/);

  await page.goto(setupUrl);
  await expect(page.getByRole("heading", { name: "Welcome to HITdesk" })).toBeVisible();
  // Only a fresh database shows the setup form, so accessibility.spec.ts cannot reach it: it is checked here.
  await expectNoSeriousViolations(page, "setup form");
  await page.getByLabel("Your name").fill("Ada Owner");
  await page.getByLabel("Email").fill("bad-email");
  await page.getByLabel("Team name").fill("Vision Lab");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Confirm password").fill("different");
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Password must be at least 10 characters")).toBeVisible();
  await expectNoSeriousViolations(page, "setup form with errors");
  await page.screenshot({ path: "test-results/setup-errors.png", fullPage: true });

  await expect(page.getByLabel("Team name")).toHaveValue("Vision Lab");
  await page.getByLabel("Email").fill("ada@example.com");
  await page.getByLabel("Password", { exact: true }).fill("a-long-enough-password");
  await page.getByLabel("Confirm password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page.getByRole("heading", { name: "Vision Lab" })).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveText("Owner");

  // The link works once.
  await page.goto(setupUrl);
  await expect(page.getByRole("heading", { name: "This setup link does not work" })).toBeVisible();
  await expectNoSeriousViolations(page, "used setup link");

  // The CLI works while the server runs, through the server's embedded database.
  const keys = await server.cli("keys", "--env", "sandbox");
  expect(keys.stderr).not.toMatch(/error/i);
  expect(keys.code).toBe(0);
  const lines = shellExports(keys.stdout);
  expect(lines.HITDESK_MTURK_ENDPOINT).toBe(`http://localhost:${new URL(server.url).port}/api/mturk/sandbox`);
  expect(lines.AWS_ENDPOINT_URL_MTURK).toBe(lines.HITDESK_MTURK_ENDPOINT);
  expect(lines.AWS_SECRET_ACCESS_KEY).toMatch(/^\S{30,}$/);
  // The CLI's key is one of the team's API keys, managed in Settings like the others.
  await page.goto(`${server.url}/settings`);
  await expect(page.getByRole("table", { name: "API keys" }).getByTestId("api-key-row").filter({ hasText: "Command line" })).toContainText(lines.AWS_ACCESS_KEY_ID!);

  const created = await server.cli("create-user", "--email", "cli@example.com", "--password", "made-by-the-cli", "--team", "vision-lab", "--role", "reviewer");
  expect(created.stdout).toContain("Created cli@example.com in vision-lab as reviewer.");
  const bad = await server.cli("create-user", "--email", "nope", "--password", "made-by-the-cli");
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("--email: Enter a valid email address");
  await page.goto(`${server.url}/settings`);
  await expect(page.getByTestId("member-cli@example.com")).toBeVisible();
});
