import { expect, login, test } from "./support/fixtures";

const SECRET = "wJalrXUtnFEMIK7MDENGbPxRfiCYSECRETKEY42";

test("an owner points sandbox at AWS MTurk; the secret never reaches the browser", async ({ page, team }) => {
  const seen: string[] = [];
  page.on("response", async (res) => {
    const body = await res.body().catch(() => Buffer.alloc(0));
    seen.push(body.toString("utf8"));
  });
  await login(page, team.users.owner);
  await page.goto("/settings");
  const sandbox = page.getByTestId("connection-sandbox");
  await sandbox.getByRole("button", { name: "Change" }).click();
  await sandbox.getByLabel("AWS MTurk").check();
  await sandbox.getByLabel("Access key ID").fill("akia-bad");
  await sandbox.getByLabel("Secret access key").fill(SECRET);
  await sandbox.getByRole("button", { name: "Save connection" }).click();
  await expect(sandbox.getByRole("alert")).toContainText("Access key ID: 16–128 upper-case letters and digits");

  await sandbox.getByLabel("Access key ID").fill("AKIAIOSFODNN7EXAMPLE");
  await sandbox.getByRole("button", { name: "Save connection" }).click();
  await expect(sandbox.getByTestId("access-key-id")).toHaveText("AKIAIOSFODNN7EXAMPLE");
  await expect(sandbox).toContainText("https://mturk-requester-sandbox.us-east-1.amazonaws.com");

  await page.reload();
  seen.push(await page.content());
  expect(seen.join("\n")).not.toContain(SECRET);

  // Back to the built-in marketplace.
  await sandbox.getByRole("button", { name: "Change" }).click();
  await sandbox.getByLabel("HITdesk built-in marketplace").check();
  await sandbox.getByRole("button", { name: "Save connection" }).click();
  await expect(sandbox).toContainText("/api/mturk/sandbox");
  expect(seen.join("\n")).not.toContain(SECRET);
});

test("an admin cannot change the production connection; the server refuses", async ({ page, team }) => {
  await login(page, team.users.admin);
  await page.goto("/settings");
  await expect(page.getByTestId("connection-production").getByRole("button", { name: "Change" })).toHaveCount(0);
  const res = await page.request.put("/api/team/connections/production", { data: { kind: "aws", accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: SECRET } });
  expect(res.status()).toBe(403);
});
