import { db } from "@/lib/db";
import { expect, login, test } from "./support/fixtures";
import { uniqueEmail } from "./support/seed";

test("an admin invites someone, who sets a password and joins with that role", async ({ page, browser, team }) => {
  await login(page, team.users.admin);
  await page.goto("/settings");
  const email = uniqueEmail("invitee");

  await page.getByLabel("Email", { exact: true }).fill("not an email");
  await page.getByRole("button", { name: "Create invitation" }).click();
  await expect(page.getByText("email: Enter a valid email address")).toBeVisible();

  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("reviewer");
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
  await expect(page.getByText(`${email} · Reviewer`)).toBeVisible();

  const invitee = await browser.newPage();
  await invitee.goto(link);
  await expect(invitee.getByText(`Join ${team.name} as Reviewer`)).toBeVisible();
  await invitee.getByLabel("Your name").fill("Ines Invitee");
  await invitee.getByLabel("Password", { exact: true }).fill("invitee-password-1");
  await invitee.getByLabel("Confirm password").fill("invitee-password-2");
  await invitee.getByRole("button", { name: "Set password and join" }).click();
  await expect(invitee.getByText("Passwords do not match")).toBeVisible();
  await expect(invitee.getByLabel("Your name")).toHaveValue("Ines Invitee");
  await invitee.getByLabel("Password", { exact: true }).fill("invitee-password-1");
  await invitee.getByLabel("Confirm password").fill("invitee-password-1");
  await invitee.getByRole("button", { name: "Set password and join" }).click();
  await expect(invitee.getByRole("heading", { name: team.name })).toBeVisible();
  await expect(invitee.getByTestId("current-role")).toHaveText("Reviewer");

  // Used once only.
  await invitee.goto(link);
  await expect(invitee.getByText("This invitation was already used. Sign in instead.")).toBeVisible();
  await invitee.close();

  await page.reload();
  await expect(page.getByTestId(`member-${email}`)).toContainText("Ines Invitee");
});

test("an expired invitation says so and creates nothing", async ({ page, team }) => {
  await login(page, team.users.owner);
  await page.goto("/settings");
  const email = uniqueEmail("late");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  await db.invite.updateMany({ where: { email }, data: { expiresAt: new Date(Date.now() - 1000) } });

  await page.context().clearCookies();
  await page.goto(link);
  await expect(page.getByText("This invitation has expired. Ask whoever invited you for a new one.")).toBeVisible();
  expect(await db.user.findUnique({ where: { email } })).toBeNull();
});

test("only owners can invite owners", async ({ page, team }) => {
  await login(page, team.users.admin);
  const res = await page.request.post("/api/team/invites", { data: { email: uniqueEmail("boss"), role: "owner" } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error).toBe("Only an owner can invite another owner");
});
