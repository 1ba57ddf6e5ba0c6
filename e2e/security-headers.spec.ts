import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { db } from "@/lib/db";
import { deriveKey, masterSecret } from "@/lib/crypto";
import { createApiKey } from "@/lib/marketplace/admin";
import { findRequesterId } from "@/lib/marketplace/requesters";
import { expect, login, test } from "./support/fixtures";
import { signUpWorker } from "./support/worker-accounts";

/**
 * The HTTP boundary as a browser meets it: every page (discovered from app/**\/page.tsx) carries
 * the security headers for anonymous visitors, team members and workers; cross-site and
 * non-JSON writes are refused; and no page, API answer or client bundle holds a secret.
 */

function files(dir: string, name: (f: string) => boolean): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const p = path.join(dir, entry);
    return statSync(p).isDirectory() ? files(p, name) : name(entry) ? [p] : [];
  });
}

/** Every page route as a URL path; dynamic segments get a value that does not exist (a 404 page is a page too). */
function pagePaths(): string[] {
  const appDir = path.join(process.cwd(), "app");
  return files(appDir, (f) => f === "page.tsx").map((file) => {
    const segments = path
      .relative(appDir, path.dirname(file))
      .split(path.sep)
      .filter((s) => s && !/^\(.*\)$/.test(s));
    return "/" + segments.map((s) => (s.startsWith("[") ? "does-not-exist" : s)).join("/");
  });
}

function expectSecurityHeaders(res: APIResponse, label: string) {
  const h = res.headers();
  expect(res.status(), label).toBeLessThan(500);
  expect(h["content-security-policy"], label).toContain("frame-ancestors 'none'");
  expect(h["x-frame-options"], label).toBe("DENY");
  expect(h["x-content-type-options"], label).toBe("nosniff");
  expect(h["referrer-policy"], label).toBe("strict-origin-when-cross-origin");
  expect(h["strict-transport-security"], `${label}: no HSTS over plain http`).toBeUndefined();
}

async function crawl(request: APIRequestContext, who: string): Promise<string[]> {
  const bodies: string[] = [];
  const paths = pagePaths();
  expect(paths.length).toBeGreaterThanOrEqual(30);
  for (const p of paths) {
    // Redirects (to sign-in) are answers too: each must carry the headers.
    const res = await request.get(p, { maxRedirects: 0 });
    expectSecurityHeaders(res, `${who} GET ${p} → ${res.status()}`);
    if ((res.headers()["content-type"] ?? "").includes("text/html")) bodies.push(await res.text());
  }
  return bodies;
}

/** Secrets as they could leak: raw, and in the encodings they are used in. */
function secrets(extra: string[]): string[] {
  return [
    masterSecret(),
    deriveKey("auth-session").toString("base64url"),
    deriveKey("secrets-at-rest").toString("base64url"),
    deriveKey("secrets-at-rest").toString("hex"),
    deriveKey("login-device").toString("base64url"),
    ...extra,
  ];
}

function expectNoSecret(texts: string[], list: string[], label: string) {
  for (const secret of list) {
    for (const t of texts) expect(t.includes(secret), `${label} holds a secret`).toBe(false);
  }
}

const AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY-boundary";

test("every page carries the security headers for anonymous visitors, members and workers, and holds no secret", async ({ page, team, playwright, baseURL, browser }) => {
  test.setTimeout(180_000);
  // Secrets that exist in this install: an AWS key of a connection and a built-in API key.
  await login(page, team.users.owner);
  expect((await page.request.put("/api/team/connections/production", { data: { kind: "aws", accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: AWS_SECRET } })).status()).toBeLessThan(300);
  const requesterId = await findRequesterId(team.id, "sandbox");
  const apiKey = await createApiKey(requesterId ?? team.id, { name: `headers-${Date.now()}`, environment: null });
  const list = secrets([AWS_SECRET, apiKey.secretAccessKey]);

  const anonymous = await playwright.request.newContext({ baseURL });
  const anonymousPages = await crawl(anonymous, "anonymous");
  await anonymous.dispose();
  const ownerPages = await crawl(page.request, "owner");

  const workerContext = await browser.newContext({ baseURL });
  const workerPage = await workerContext.newPage();
  await signUpWorker(workerPage, { name: "Header Worker" });
  const workerPages = await crawl(workerPage.request, "worker");
  await workerContext.close();

  // The settings page and the API answers an owner reads never echo a secret back.
  const settings = await page.request.get("/settings");
  const apiAnswers = await Promise.all(["/api/team/api-keys", "/api/team/balance", "/api/team/workforce"].map(async (p) => (await page.request.get(p)).text()));
  expectNoSecret([...anonymousPages, ...ownerPages, ...workerPages, await settings.text(), ...apiAnswers], list, "a page or API answer");
});

test("no client bundle holds a secret or server-only configuration", () => {
  const bundles = files(path.join(process.cwd(), ".next", "static"), (f) => f.endsWith(".js"));
  expect(bundles.length).toBeGreaterThan(10);
  const texts = bundles.map((f) => readFileSync(f, "utf8"));
  expectNoSecret(texts, secrets([]), "a client bundle");
  for (const t of texts) {
    expect(t).not.toMatch(/postgres(?:ql)?:\/\/[^"'\s]*:[^"'\s]*@/);
    expect(t).not.toContain("BEGIN PRIVATE KEY");
  }
});

test("task documents, API answers and refusals carry their own headers; HSTS only over https", async ({ page, team, baseURL }) => {
  await login(page, team.users.owner);
  const api = await page.request.get("/api/team/balance");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["x-frame-options"]).toBe("DENY");
  // Task frames are framed by HITdesk itself: their policy names its origin, not 'none'.
  const preview = await page.request.post("/task-preview", { form: { payload: "{}" } });
  expect(preview.headers()["content-security-policy"]).toContain(`frame-ancestors ${baseURL}`);
  expect(preview.headers()["content-security-policy"]).toContain("sandbox allow-scripts allow-forms");
  // A TLS-terminating proxy says https: then browsers are told to stay on https.
  const https = await page.request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(https.headers()["strict-transport-security"]).toMatch(/max-age=\d+/);
  // A 400 for a control character in the URL is a page answer like any other.
  const nul = await page.request.get("/hits?q=%00");
  expect(nul.status()).toBe(400);
  expect(await nul.text()).toMatch(/Query parameter q contains a control character \(U\+0000\)/);
  expect(nul.headers()["x-frame-options"]).toBe("DENY");
});

test("writes from another site, and non-JSON bodies, are refused; the browser's own requests pass", async ({ page, team, baseURL }) => {
  await login(page, team.users.owner);
  const before = await db.team.findUniqueOrThrow({ where: { id: team.id } });
  const patch = (headers: Record<string, string>, data: string) => page.request.fetch("/api/team", { method: "PATCH", headers, data });
  const json = JSON.stringify({ reviewerBonusLimitCents: 4321 });

  const crossSite = await patch({ "content-type": "application/json", origin: "https://evil.example", "sec-fetch-site": "cross-site" }, json);
  expect(crossSite.status()).toBe(403);
  expect((await crossSite.json()).error).toMatch(/Cross-site request refused/);
  expect((await patch({ "content-type": "application/json", origin: "null" }, json)).status()).toBe(403);
  const plain = await patch({ "content-type": "text/plain" }, json);
  expect(plain.status()).toBe(415);
  expect((await plain.json()).error).toMatch(/application\/json/);
  expect((await patch({ "content-type": "application/x-www-form-urlencoded" }, "reviewerBonusLimitCents=4321")).status()).toBe(415);
  expect((await db.team.findUniqueOrThrow({ where: { id: team.id } })).reviewerBonusLimitCents).toBe(before.reviewerBonusLimitCents);

  // The same write from HITdesk's own page (its own Origin, same-origin fetch) goes through.
  await page.goto("/settings");
  const status = await page.evaluate(async (body) => (await fetch("/api/team", { method: "PATCH", headers: { "content-type": "application/json" }, body })).status, json);
  expect(status).toBe(200);
  expect((await db.team.findUniqueOrThrow({ where: { id: team.id } })).reviewerBonusLimitCents).toBe(4321);

  // A page on another site posting a "simple" (no-preflight) text/plain request with the
  // session: the browser sends it, HITdesk changes nothing.
  const other = baseURL!.replace("127.0.0.1", "localhost");
  const name = `CSRF team ${Date.now()}`;
  await page.goto(`${other}/login`);
  const fromOther = await page.evaluate(
    async ({ target, name }) => {
      const r = await fetch(`${target}/api/teams`, { method: "POST", credentials: "include", mode: "no-cors", headers: { "content-type": "text/plain" }, body: JSON.stringify({ name }) });
      return r.type;
    },
    { target: baseURL!, name },
  );
  expect(fromOther).toBe("opaque");
  expect(await db.team.count({ where: { name } })).toBe(0);
});

test("server actions from another site are refused before they run", async ({ page, baseURL }) => {
  // The sign-in form's server action, replayed with a foreign Origin: refused with 403, no session.
  await page.goto("/login");
  let action: { url: string; headers: Record<string, string>; body: string } | null = null;
  page.on("request", (r) => {
    if (r.method() === "POST" && r.headers()["next-action"] && !action) action = { url: r.url(), headers: r.headers(), body: r.postData() ?? "" };
  });
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("not-the-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/do not match an account/)).toBeVisible();
  expect(action).not.toBeNull();
  const a = action as unknown as { url: string; headers: Record<string, string>; body: string };
  const replay = (origin: string, site: string) => page.request.fetch(a.url, { method: "POST", headers: { ...a.headers, origin, "sec-fetch-site": site }, data: a.body, maxRedirects: 0 });
  const foreign = await replay("https://evil.example", "cross-site");
  expect(foreign.status()).toBe(403);
  expect(await foreign.text()).toMatch(/Cross-site request refused/);
  expect((await replay(baseURL!, "same-origin")).status()).toBeLessThan(500);
});
