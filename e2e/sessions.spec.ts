import { spawnSync } from "node:child_process";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { sha256 } from "@/lib/crypto";
import { db } from "@/lib/db";
import { expect, loginThroughForm, test } from "./support/fixtures";
import { PASSWORD } from "./support/seed";
import { signUpWorker } from "./support/worker-accounts";

/**
 * Sessions end on the server: a copy of a session cookie, taken before sign-out, a password
 * change, a reset or a removal, is refused afterwards (dashboard and worker site).
 */

// Each test signs in from several browsers and hashes passwords (deliberately slow) a few
// times: on a busy 2-core machine that can outlast the default minute.
test.describe.configure({ timeout: 150_000 });

const NEW_PASSWORD = "maple-orbit-candle-93";

/** A second browser holding only a copy of `page`'s session cookie, as a thief would. */
async function copySessionCookie(browser: Browser, page: Page, name: RegExp): Promise<BrowserContext> {
  const stolen = (await page.context().cookies()).filter((c) => name.test(c.name));
  expect(stolen).toHaveLength(1);
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  await context.addCookies(stolen);
  return context;
}
const DASHBOARD_COOKIE = /session-token$/;

/** Another browser (its own cookies), with one page open. */
async function otherBrowser(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  return context.newPage();
}

async function expectSignedIn(context: BrowserContext) {
  expect((await context.request.get("/api/team/balance")).status()).toBe(200);
  const page = await context.newPage();
  await page.goto("/settings");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.close();
}

async function expectSignedOut(context: BrowserContext) {
  expect((await context.request.get("/api/team/balance")).status()).toBe(401);
  const page = await context.newPage();
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await page.close();
}

/** `npm run cli -- ...` against the app's database, as an operator would run it. */
function cli(...args: string[]) {
  const env = { ...process.env, NODE_OPTIONS: "", HITDESK_URL: test.info().project.use.baseURL };
  const r = spawnSync("npm", ["run", "-s", "cli", "--", ...args], { env, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function setNewPassword(page: Page, url: string, password: string) {
  await page.goto(url);
  await page.getByLabel("New password", { exact: true }).fill("aaaaaaaaaa");
  await page.getByLabel("Confirm new password").fill("aaaaaaaaaa");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("This password is too easy to guess. Repeated characters")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Confirm new password").fill(password);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Your password was changed and every session of yours ended. Sign in with the new password.")).toBeVisible();
}

test("signing out ends the session for a copied cookie too", async ({ page, browser, team }) => {
  await loginThroughForm(page, team.users.reviewer);
  const copy = await copySessionCookie(browser, page, DASHBOARD_COOKIE);
  await expectSignedIn(copy);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expectSignedOut(copy);
  await copy.close();
});

test("sign out everywhere ends every session of the user", async ({ page, browser, team }) => {
  await loginThroughForm(page, team.users.admin);
  const other = (await otherBrowser(browser)).context();
  await loginThroughForm(other.pages()[0]!, team.users.admin);
  const copy = await copySessionCookie(browser, page, DASHBOARD_COOKIE);

  await page.getByRole("link", { name: "Account", exact: true }).click();
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page.getByText("You were signed out on every browser.")).toBeVisible();
  await page.screenshot({ path: "test-results/auth-signed-out-everywhere.png" });
  await expectSignedOut(page.context());
  await expectSignedOut(other);
  await expectSignedOut(copy);
  await Promise.all([other.close(), copy.close()]);
});

test("changing the password needs the current one and ends the other sessions", async ({ page, browser, team }) => {
  const user = team.users.viewer;
  await loginThroughForm(page, user);
  const other = (await otherBrowser(browser)).context();
  await loginThroughForm(other.pages()[0]!, user);

  await page.goto("/account");
  await page.getByLabel("Current password").fill("not-my-password-at-all");
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();

  await page.getByLabel("Current password").fill(user.password);
  await page.getByLabel("New password", { exact: true }).fill("password123");
  await page.getByLabel("Confirm new password").fill("password123");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("This password is too easy to guess. This is a commonly used password.")).toBeVisible();

  await page.getByLabel("Current password").fill(user.password);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed. Every other browser signed in as you was signed out.")).toBeVisible();
  await page.screenshot({ path: "test-results/auth-account.png", fullPage: true });

  await expectSignedIn(page.context());
  await expectSignedOut(other);
  const fresh = await otherBrowser(browser);
  await loginThroughForm(fresh, { email: user.email, password: NEW_PASSWORD });
  await Promise.all([other.close(), fresh.context().close()]);
});

test("an operator's one-time reset link from the CLI sets a new password and ends every session", async ({ page, browser, team }) => {
  const user = team.users.reviewer;
  await loginThroughForm(page, user);

  const printed = cli("reset-password", "--email", user.email);
  expect(printed.stderr).toBe("");
  expect(printed.code).toBe(0);
  const url = printed.stdout.match(/(http\S+\/reset-password\/\S+)/)![1]!;
  const token = url.split("/").at(-1)!;
  expect(await db.passwordReset.count({ where: { tokenHash: token } })).toBe(0);
  expect(await db.passwordReset.count({ where: { tokenHash: sha256(token) } })).toBe(1);

  const visitor = await otherBrowser(browser);
  await setNewPassword(visitor, url, NEW_PASSWORD);
  await visitor.screenshot({ path: "test-results/auth-reset-done.png" });
  await expectSignedOut(page.context());
  await loginThroughForm(visitor, { email: user.email, password: NEW_PASSWORD });

  // Used once only.
  await visitor.goto(url);
  await expect(visitor.getByText("This password reset link was already used. Ask for a new one if you still need it.")).toBeVisible();
  await visitor.context().close();

  expect(cli("reset-password", "--email", "nobody-here@example.com").stderr).toContain("No user with email nobody-here@example.com");
});

test("an owner hands a member a one-time reset link from the members list", async ({ page, browser, team }) => {
  const member = team.users.viewer;
  const memberPage = await otherBrowser(browser);
  await loginThroughForm(memberPage, member);

  await loginThroughForm(page, team.users.owner);
  await page.goto("/settings");
  await page.getByRole("button", { name: `Reset password of ${member.email}` }).click();
  const url = await page.getByRole("textbox", { name: "Password reset link" }).inputValue();
  expect(url).toMatch(/\/reset-password\/[A-Za-z0-9_-]+$/);
  await page.screenshot({ path: "test-results/auth-owner-reset.png", fullPage: true });
  // Not for oneself: that is what the Account page is for.
  await expect(page.getByRole("button", { name: `Reset password of ${team.users.owner.email}` })).toHaveCount(0);

  const fresh = await otherBrowser(browser);
  await setNewPassword(fresh, url, NEW_PASSWORD);
  await expectSignedOut(memberPage.context());
  await loginThroughForm(fresh, { email: member.email, password: NEW_PASSWORD });
  await Promise.all([memberPage.context().close(), fresh.context().close()]);
});

test("an expired reset link is refused and changes nothing", async ({ page, team }) => {
  const user = team.users.admin;
  const url = cli("reset-password", "--email", user.email).stdout.match(/(http\S+\/reset-password\/\S+)/)![1]!;
  await db.passwordReset.updateMany({ where: { user: { email: user.email } }, data: { expiresAt: new Date(Date.now() - 1000) } });
  await page.goto(url);
  await expect(page.getByText("This password reset link has expired. Ask for a new one.")).toBeVisible();
  await loginThroughForm(page, user);
});

test("removing a member or lowering their role takes effect on their next request", async ({ page, browser, team }) => {
  const admin = await otherBrowser(browser);
  await loginThroughForm(admin, team.users.admin);
  expect((await admin.request.patch("/api/team", { data: { reviewerBonusLimitCents: 600 } })).status()).toBe(200);
  const reviewer = await otherBrowser(browser);
  await loginThroughForm(reviewer, team.users.reviewer);

  await loginThroughForm(page, team.users.owner);
  await page.goto("/settings");
  await page.getByLabel(`Role of ${team.users.admin.email}`).selectOption("viewer");
  await expect(page.getByTestId(`member-${team.users.admin.email}`)).toBeVisible();
  await expect(async () => expect((await admin.request.patch("/api/team", { data: { reviewerBonusLimitCents: 700 } })).status()).toBe(403)).toPass();

  page.once("dialog", (d) => void d.accept());
  await page.getByTestId(`member-${team.users.reviewer.email}`).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByTestId(`member-${team.users.reviewer.email}`)).toHaveCount(0);
  // Their only team: the session itself ended.
  await expectSignedOut(reviewer.context());
  await Promise.all([admin.context().close(), reviewer.context().close()]);
});

test("a worker's sign-out, password change and sign-out everywhere end their sessions", async ({ page, browser }) => {
  const { email } = await signUpWorker(page, { name: "Sam Sessions" });
  const workerCookie = /^hitdesk_worker$/;
  const expectWorkerSignedOut = async (context: BrowserContext) => {
    const p = await context.newPage();
    await p.goto("/worker/messages");
    await expect(p).toHaveURL(/\/worker\/sign-in/);
    await p.close();
  };
  const signIn = async (p: Page, password: string) => {
    await p.goto("/worker/sign-in");
    await p.getByLabel("Email").fill(email);
    await p.getByLabel("Password").fill(password);
    await p.getByRole("button", { name: "Sign in" }).click();
    await expect(p.getByRole("heading", { name: "Find work" })).toBeVisible();
  };

  // Sign-out: a copied cookie stops working.
  const copy = await copySessionCookie(browser, page, workerCookie);
  const copied = await copy.newPage();
  await copied.goto("/worker/messages");
  await expect(copied.getByRole("heading", { name: "Messages" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/worker\/sign-in/);
  await expectWorkerSignedOut(copy);

  // Password change: this browser stays, the other one is signed out.
  await signIn(page, PASSWORD);
  const other = (await otherBrowser(browser)).context();
  await signIn(other.pages()[0]!, PASSWORD);
  await page.getByRole("link", { name: "Account", exact: true }).click();
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("qwertyuiop");
  await page.getByLabel("Confirm new password").fill("qwertyuiop");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("This password is too easy to guess. This is a frequently used password.")).toBeVisible();
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed. Every other browser signed in to your account was signed out.")).toBeVisible();
  await page.screenshot({ path: "test-results/auth-worker-account.png", fullPage: true });
  await expectWorkerSignedOut(other);

  // Sign out everywhere: this browser too, and a copy of its cookie.
  const copy2 = await copySessionCookie(browser, page, workerCookie);
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page.getByText("You were signed out on every browser.")).toBeVisible();
  await expectWorkerSignedOut(copy2);
  await signIn(page, NEW_PASSWORD);
  await Promise.all([copy.close(), other.close(), copy2.close()]);
});
