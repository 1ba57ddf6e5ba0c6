import { db } from "@/lib/db";
import { expect, login, test } from "./support/fixtures";
import { seedUser, uniqueEmail } from "./support/seed";

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

test("someone else signed in cannot use up an invitation; the invitee still joins", async ({ page, browser, team }) => {
  const invitee = await seedUser("invited");
  await login(page, team.users.owner);
  await page.goto("/settings");
  await page.getByLabel("Email", { exact: true }).fill(invitee.email);
  await page.getByLabel("Role", { exact: true }).selectOption("reviewer");
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();

  // A shared computer: the team's viewer is still signed in when the invitee opens the link.
  const shared = await browser.newPage();
  await login(shared, team.users.viewer);
  await shared.goto(link);
  await expect(shared.getByRole("alert").filter({ hasText: "This invitation is for" })).toHaveText(
    `This invitation is for ${invitee.email}, and you are signed in as ${team.users.viewer.email}. Sign out, then open the link again as ${invitee.email}.`,
  );
  await expect(shared.getByRole("button", { name: "Join the team" })).toHaveCount(0);
  await shared.screenshot({ path: "test-results/auth-invite-wrong-person.png" });
  expect((await db.invite.findFirstOrThrow({ where: { email: invitee.email } })).acceptedAt).toBeNull();

  await shared.getByRole("button", { name: `Sign out and continue as ${invitee.email}` }).click();
  await shared.getByRole("link", { name: `Sign in as ${invitee.email}` }).click();
  await shared.getByLabel("Email").fill(invitee.email);
  await shared.getByLabel("Password").fill(invitee.password);
  await shared.getByRole("button", { name: "Sign in" }).click();
  await shared.getByRole("button", { name: "Join the team" }).click();
  await expect(shared.getByRole("heading", { name: team.name })).toBeVisible();
  await expect(shared.getByTestId("current-role")).toHaveText("Reviewer");
  await shared.close();
});
