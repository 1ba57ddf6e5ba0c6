import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ACCOUNT_LIMIT, ADDRESS_LIMIT } from "@/lib/auth/login-throttle";
import { startFreshServer, type FreshServer } from "./support/server";

/**
 * The sign-in throttle over HTTP, on fresh installs (a throttled address would lock the shared
 * test server's other sign-ins out): parallel guesses, X-Forwarded-For with and without a
 * configured proxy, and the owner of a guessed-at account still getting in.
 */

const ADMIN = { email: "throttle-admin@example.com", password: "throttle-admin-password-1" };
const LOCKED = /^Too many failed sign-ins\. Try again in 1[45] minutes, or from a browser you have signed in with before\.$/;

test.describe.configure({ mode: "serial" });

/** A script's HTTP client for Auth.js: its CSRF token is fetched once, then reused in parallel. */
async function scriptClient(playwright: { request: { newContext(): Promise<APIRequestContext> } }, base: string) {
  const request = await playwright.request.newContext();
  const { csrfToken } = (await (await request.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
  return { request, csrfToken };
}

/** One sign-in attempt straight at Auth.js, as a script would: "ok", "invalid" or "rate_limited". */
async function attempt({ request, csrfToken }: { request: APIRequestContext; csrfToken: string }, base: string, email: string, password: string, forwardedFor?: string): Promise<string> {
  const res = await request.post(`${base}/api/auth/callback/credentials`, {
    form: { email, password, csrfToken, callbackUrl: `${base}/` },
    // A socket of its own per guess: a kept-alive one left idle between bursts may be closed by
    // the server just as it is reused (ECONNRESET), which says nothing about the throttle.
    headers: { connection: "close", ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
    maxRedirects: 0,
  });
  const location = new URL(res.headers().location ?? "", base);
  return location.searchParams.get("code") ?? (location.pathname === "/" ? "ok" : `unexpected ${res.status()} ${location}`);
}

const tally = (codes: string[]) => Object.fromEntries([...new Set(codes)].map((c) => [c, codes.filter((x) => x === c).length]));

async function signIn(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.describe("without a configured proxy", () => {
  let server: FreshServer;
  test.beforeAll(async () => {
    // A fresh install migrates its embedded database first: slow on a busy machine.
    test.setTimeout(300_000);
    server = await startFreshServer(3294, { HITDESK_ADMIN_EMAIL: ADMIN.email, HITDESK_ADMIN_PASSWORD: ADMIN.password });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("40 parallel guesses with rotating X-Forwarded-For get the limit of checks; the owner's browser still gets in", async ({ page, browser, playwright }) => {
    // The owner has signed in from this browser before.
    await signIn(page, server.url, ADMIN.email, ADMIN.password);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);

    const attacker = await scriptClient(playwright, server.url);
    const codes = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(attacker, server.url, ADMIN.email, `guess-number-${i}`, `198.51.100.${i + 1}`)));
    expect(tally(codes)).toEqual({ invalid: ACCOUNT_LIMIT, rate_limited: 40 - ACCOUNT_LIMIT });

    // A browser the account never used is locked out for the window, right password or not.
    const stranger = await browser.newPage();
    await signIn(stranger, server.url, ADMIN.email, ADMIN.password);
    await expect(stranger.locator("form").getByRole("alert")).toHaveText(LOCKED);
    await stranger.screenshot({ path: "test-results/auth-locked.png" });
    await stranger.close();

    // The owner's own browser is not.
    await signIn(page, server.url, ADMIN.email, ADMIN.password);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

    // Spraying other accounts from the same connection: X-Forwarded-For is not believed, so the
    // address's budget (minus the guesses above) is all it gets.
    const sprayed = await Promise.all(Array.from({ length: ADDRESS_LIMIT + 10 }, (_, i) => attempt(attacker, server.url, `someone-${i}@example.com`, "Summer2024!", `203.0.113.${i + 1}`)));
    expect(tally(sprayed)).toEqual({ invalid: ADDRESS_LIMIT - ACCOUNT_LIMIT, rate_limited: 10 + ACCOUNT_LIMIT });
    await attacker.request.dispose();
  });
});

test.describe("behind a configured proxy", () => {
  let server: FreshServer;
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    // The test connects from the loopback address: it plays the proxy.
    server = await startFreshServer(3295, { HITDESK_ADMIN_EMAIL: ADMIN.email, HITDESK_ADMIN_PASSWORD: ADMIN.password, HITDESK_TRUSTED_PROXIES: "127.0.0.1, ::1" });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("the address the proxy forwards is the one throttled", async ({ playwright }) => {
    const proxy = await scriptClient(playwright, server.url);
    const fromOne = await Promise.all(Array.from({ length: ADDRESS_LIMIT + 5 }, (_, i) => attempt(proxy, server.url, `spray-${i}@example.com`, "Summer2024!", "198.51.100.1")));
    expect(tally(fromOne)).toEqual({ invalid: ADDRESS_LIMIT, rate_limited: 5 });
    // The client wrote its own X-Forwarded-For; the proxy appended the address it saw.
    expect(await attempt(proxy, server.url, "spray-x@example.com", "Summer2024!", "192.0.2.77, 198.51.100.1")).toBe("rate_limited");
    // Another client behind the same proxy is not held back.
    expect(await attempt(proxy, server.url, "spray-y@example.com", "Summer2024!", "198.51.100.2")).toBe("invalid");
    await proxy.request.dispose();
  });

  test("the worker site's sign-in is throttled the same way", async ({ page, browser }) => {
    const email = "throttled-worker@example.com";
    await page.goto(`${server.url}/worker/sign-up`);
    await page.getByLabel("Your name").fill("Tess Throttle");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
    await page.getByLabel("Confirm password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Find work" })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();

    const stranger = await browser.newPage({ extraHTTPHeaders: { "x-forwarded-for": "198.51.100.60" } });
    await stranger.goto(`${server.url}/worker/sign-in`);
    for (let i = 0; i <= ACCOUNT_LIMIT; i++) {
      await stranger.getByLabel("Email").fill(email);
      await stranger.getByLabel("Password").fill(i === ACCOUNT_LIMIT ? ADMIN.password : `wrong-${i}-guess`);
      await stranger.getByRole("button", { name: "Sign in" }).click();
      // The form resets once the server has answered.
      await expect(stranger.getByLabel("Password")).toHaveValue("");
      await expect(stranger.locator("form").getByRole("alert")).toHaveText(i === ACCOUNT_LIMIT ? LOCKED : "That email and password do not match a worker account.");
    }
    await stranger.close();

    // The worker's own browser signs in.
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Find work" })).toBeVisible();
  });
});
