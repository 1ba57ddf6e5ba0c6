import { GetAccountBalanceCommand, MTurkClient } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import { expect, login, test } from "./support/fixtures";

/** Settings → API keys, through the UI, with the keys it hands out used by the real SDK. */
function balanceAt(baseURL: string, environment: "sandbox" | "production", credentials: { accessKeyId: string; secretAccessKey: string }) {
  const client = new MTurkClient({ endpoint: `${baseURL}/api/mturk/${environment}`, region: "us-east-1", credentials, maxAttempts: 1 });
  return client
    .send(new GetAccountBalanceCommand({}))
    .then(
      (r) => r.AvailableBalance!,
      (e: Error) => e.name,
    )
    .finally(() => client.destroy());
}

test("an admin creates, restricts, rotates and revokes a key; its secret is shown once and its last use is listed", async ({ page, team, baseURL }) => {
  await login(page, team.users.admin);
  await page.goto("/settings");
  const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "API keys" }) });
  await expect(card).toContainText(`${baseURL}/api/mturk/sandbox`);
  await expect(card).toContainText("No API keys yet.");

  await card.getByLabel("Key name").fill("psiTurk server");
  await card.getByRole("button", { name: "Create key" }).click();
  const secretBox = card.getByRole("region", { name: "New secret" });
  await expect(secretBox).toContainText("Copy the secret now: HITdesk will not show it again.");
  const first = { accessKeyId: await secretBox.getByLabel("Access key ID").inputValue(), secretAccessKey: await secretBox.getByLabel("Secret access key").inputValue() };
  expect(first.accessKeyId).toMatch(/^HDAK[A-Z0-9]{16}$/);
  expect(first.secretAccessKey).toMatch(/^\S{40}$/);
  await card.screenshot({ path: "test-results/api-keys-created.png" });

  // One key, both endpoints; the endpoint picks the environment.
  expect(await balanceAt(baseURL!, "sandbox", first)).toBe("10000.00");
  expect(await balanceAt(baseURL!, "production", first)).toBe("0.00");

  await secretBox.getByRole("button", { name: "I have saved it" }).click();
  await expect(secretBox).toHaveCount(0);
  await page.reload();
  const row = card.getByTestId("api-key-row").filter({ hasText: "psiTurk server" });
  await expect(row).toContainText(first.accessKeyId);
  // Never shown again; the last use is listed (the minute's first call, at the sandbox).
  expect(await page.content()).not.toContain(first.secretAccessKey);
  await expect(row.getByTestId("last-used")).toHaveText(/^[A-Z][a-z]{2} \d+, \d\d:\d\d · sandbox$/);

  // Restricted to the sandbox, the key is refused at the production endpoint.
  const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/api/team/api-keys/"));
  await row.getByLabel("Where psiTurk server works").selectOption("sandbox");
  expect((await saved).status()).toBe(200);
  await page.reload();
  await expect(row.getByLabel("Where psiTurk server works")).toHaveValue("sandbox");
  expect(await balanceAt(baseURL!, "production", first)).toBe("AccessDeniedException");
  expect(await balanceAt(baseURL!, "sandbox", first)).toBe("10000.00");

  // Rotation with a grace period: a new pair, and the old one keeps working for now.
  await row.getByRole("button", { name: "Rotate" }).click();
  await row.getByRole("button", { name: "New secret, old one works 24 h" }).click();
  await expect(secretBox).toContainText("New secret for “psiTurk server”.");
  const second = { accessKeyId: await secretBox.getByLabel("Access key ID").inputValue(), secretAccessKey: await secretBox.getByLabel("Secret access key").inputValue() };
  expect(second.accessKeyId).not.toBe(first.accessKeyId);
  await expect(row).toContainText(`old ${first.accessKeyId}, works until`);
  expect(await balanceAt(baseURL!, "sandbox", second)).toBe("10000.00");
  expect(await balanceAt(baseURL!, "sandbox", first)).toBe("10000.00");
  await card.screenshot({ path: "test-results/api-keys-rotated.png" });

  // Revoked: refused everywhere, at once, as AWS refuses a deleted key.
  await row.getByRole("button", { name: "Revoke" }).click();
  await row.getByRole("button", { name: "Revoke psiTurk server for good" }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: "Rotate" })).toHaveCount(0);
  expect(await balanceAt(baseURL!, "sandbox", second)).toBe("UnrecognizedClientException");
  expect(await balanceAt(baseURL!, "sandbox", first)).toBe("UnrecognizedClientException");

  const audit = await db.auditLog.findMany({ where: { teamId: team.id, action: { startsWith: "api_key." } }, orderBy: { id: "asc" } });
  expect(audit.map((a) => [a.action, a.target, a.actorEmail])).toEqual([
    ["api_key.create", "psiTurk server", team.users.admin.email],
    ["api_key.restrict", "psiTurk server", team.users.admin.email],
    ["api_key.rotate", "psiTurk server", team.users.admin.email],
    ["api_key.revoke", "psiTurk server", team.users.admin.email],
  ]);
  expect(JSON.stringify(audit.map((a) => a.detail))).not.toContain(first.secretAccessKey);
});

test("a key name is checked before anything is made", async ({ page, team }) => {
  await login(page, team.users.owner);
  await page.goto("/settings");
  const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "API keys" }) });
  await card.getByLabel("Key name").fill("Mephisto");
  await card.getByRole("button", { name: "Create key" }).click();
  await expect(card.getByRole("region", { name: "New secret" })).toBeVisible();
  await card.getByLabel("Key name").fill("mephisto");
  await card.getByRole("button", { name: "Create key" }).click();
  await expect(card.getByRole("alert")).toHaveText('A live key is already named "mephisto"');
  expect(await db.mkApiKey.count({ where: { ownerRef: team.id, purpose: "user" } })).toBe(1);
});

for (const role of ["reviewer", "viewer"] as const) {
  test(`a ${role} neither sees the key manager nor reaches its routes`, async ({ page, team }) => {
    await login(page, team.users[role]);
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "API keys" })).toHaveCount(0);
    expect((await page.request.get("/api/team/api-keys")).status()).toBe(403);
    expect((await page.request.post("/api/team/api-keys", { data: { name: "Sneaky", environment: "both" } })).status()).toBe(403);
    expect(await db.mkApiKey.count({ where: { ownerRef: team.id, purpose: "user" } })).toBe(0);
  });
}
