import type { APIRequestContext } from "@playwright/test";
import { hasRole, ROLES } from "@/lib/auth/roles";
import { routeHandlers } from "./support/entry-points";
import { eventStreamAnswer } from "./support/event-stream";
import { expect, login, test } from "./support/fixtures";
import { CASES, OTHERWISE_GUARDED, TOKEN_ROUTES, type RouteCase } from "./support/route-cases";
import { seedTeam } from "./support/seed";
import { teamFingerprint } from "./support/tenant-fingerprint";
import { signUpWorker } from "./support/worker-accounts";

/**
 * The authorization matrix: every server entry point (route handlers here, server actions in
 * e2e/server-actions.spec.ts) × anonymous, a worker-site worker, each team role, and another
 * team's owner using this team's ids. The server itself must refuse: 401 without a dashboard
 * session, 403 below the row's role, 403/404 and no change at all across teams.
 * The rows are in e2e/support/route-cases.ts.
 */

test("every route handler has a row in the matrix", () => {
  const covered = (method: string, route: string) =>
    OTHERWISE_GUARDED.some((re) => re.test(route)) || CASES.some((c) => c.method === method && c.route === route) || TOKEN_ROUTES.some((c) => c.method === method && c.route === route);
  const handlers = routeHandlers();
  // The discovery itself: both export forms and routes outside /api are found.
  expect(handlers).toContainEqual(expect.objectContaining({ method: "GET", route: "/task/[token]" })); // export async function
  expect(handlers).toContainEqual(expect.objectContaining({ method: "POST", route: "/task-preview" })); // export const
  expect(handlers.filter((h) => !covered(h.method, h.route)).map((h) => `${h.method} ${h.route} (${h.file})`)).toEqual([]);
  // And no row for a handler that is gone.
  const stale = [...CASES, ...TOKEN_ROUTES].filter((c) => !handlers.some((h) => h.method === c.method && h.route === c.route));
  expect(stale.map((c) => `${c.method} ${c.route}`)).toEqual([]);
});

async function call(request: APIRequestContext, c: { method: string; stream?: true }, target: { path: string; body?: unknown; form?: Record<string, string> }) {
  if (c.stream) return (await eventStreamAnswer(request, new URL(target.path, test.info().project.use.baseURL))).status;
  const res = await request.fetch(target.path, { method: c.method, data: target.body, form: target.form, maxRedirects: 0 });
  return res.status();
}

const label = (who: string, c: RouteCase) => `${who}: ${c.method} ${c.route} (needs ${c.role})`;

test("anonymous clients are refused everywhere", async ({ playwright, team, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const c of CASES) {
    expect(await call(anonymous, c, await c.prepare(team)), label("anonymous", c)).toBe(401);
  }
  await anonymous.dispose();
});

test("a worker signed in on the worker site is no team member: refused everywhere", async ({ page, team }) => {
  await signUpWorker(page, { name: "Matrix Worker" });
  for (const c of CASES) {
    expect(await call(page.request, c, await c.prepare(team)), label("worker", c)).toBe(401);
  }
});

for (const role of ROLES) {
  test(`a ${role} is allowed exactly what the role permits`, async ({ page, team }) => {
    await login(page, team.users[role]);
    for (const c of CASES) {
      const status = await call(page.request, c, await c.prepare(team));
      if (hasRole(role, c.role)) expect.soft(status, label(role, c)).toBeLessThan(300);
      else expect.soft(status, label(role, c)).toBe(403);
    }
  });
}

test("another team's owner using this team's ids is refused and changes nothing of this team", async ({ page, team }) => {
  test.setTimeout(180_000);
  const other = await seedTeam();
  await login(page, other.users.owner);
  for (const c of CASES) {
    const target = await c.prepare(team);
    const before = await teamFingerprint(team.id);
    const status = await call(page.request, c, target);
    if (c.ownTeam) expect.soft(status, label("other team's owner (own team)", c)).toBeLessThan(300);
    else if (c.crossTenantStatus) expect.soft(status, label("other team's owner", c)).toBe(c.crossTenantStatus);
    else expect.soft([403, 404], label("other team's owner", c)).toContain(status);
    expect.soft(await teamFingerprint(team.id), label("other team's owner changed this team", c)).toEqual(before);
  }
});

test("task content routes refuse a forged task token, whoever calls", async ({ playwright, page, team, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const worker = await (await page.context().browser()!.newContext({ baseURL })).newPage();
  await signUpWorker(worker, { name: "Token Worker" });
  await login(page, team.users.owner);
  for (const [who, request] of [
    ["anonymous", anonymous],
    ["worker", worker.request],
    ["owner", page.request],
  ] as const) {
    for (const c of TOKEN_ROUTES) {
      expect(await call(request, c, c), `${who}: ${c.method} ${c.route}`).toBe(c.status);
    }
  }
  await anonymous.dispose();
  await worker.context().close();
});

test("a viewer sees settings read-only, without the admin controls", async ({ page, team }) => {
  await login(page, team.users.viewer);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create invitation" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Test connection" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Change" })).toHaveCount(0);
  await expect(page.getByLabel("Team name", { exact: true })).toBeDisabled();
});
