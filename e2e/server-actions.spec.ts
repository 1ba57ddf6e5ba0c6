import type { APIRequestContext, Page } from "@playwright/test";
import { ROLES } from "@/lib/auth/roles";
import { ACTION_CASES, INLINE_PUBLIC_ACTIONS, type ActionCase } from "./support/action-cases";
import { serverActions } from "./support/entry-points";
import { expect, login, test } from "./support/fixtures";
import { seedTeam, type SeededTeam } from "./support/seed";
import { builtActions, callAction, findAction } from "./support/server-actions";
import { teamFingerprint } from "./support/tenant-fingerprint";
import { signUpWorker } from "./support/worker-accounts";

/**
 * The server-action half of the authorization matrix (route handlers: e2e/roles.spec.ts). Each
 * action is called over HTTP as React calls it, by anonymous, a worker, every role and another
 * team's owner: the server must send whoever lacks the session the action needs to sign-in,
 * and change nothing of the team. Rows: e2e/support/action-cases.ts.
 */

test("every server action has a row in the matrix, and the build has the same actions", () => {
  const rows = new Set([...ACTION_CASES.map((c) => c.action), ...Object.keys(INLINE_PUBLIC_ACTIONS)]);
  const source = serverActions().map((a) => a.key);
  expect(source.filter((k) => !rows.has(k))).toEqual([]);
  expect([...rows].filter((k) => !source.includes(k))).toEqual([]);
  expect(
    builtActions()
      .map((a) => `${a.file}#${a.name}`)
      .sort(),
  ).toEqual([...source].sort());
});

type Principal = "anonymous" | "worker" | (typeof ROLES)[number] | "another team's owner";
const PRINCIPALS: Principal[] = ["anonymous", "worker", ...ROLES, "another team's owner"];

async function signIn(who: Principal, page: Page, team: SeededTeam): Promise<void> {
  if (who === "anonymous") return;
  if (who === "worker") await signUpWorker(page, { name: "Matrix Worker" });
  else if (who === "another team's owner") await login(page, (await seedTeam()).users.owner);
  else await login(page, team.users[who]);
}

const passes = (c: ActionCase, who: Principal) => c.guard.kind === "public" || (c.guard.kind === "worker" ? who === "worker" : who !== "anonymous" && who !== "worker");

async function check(request: APIRequestContext, origin: string, c: ActionCase, who: Principal, team: SeededTeam) {
  const [file, name] = [c.action.slice(0, c.action.lastIndexOf("#")), c.action.slice(c.action.lastIndexOf("#") + 1)];
  const before = await teamFingerprint(team.id);
  const outcome = await callAction(request, origin, { id: findAction(file, name).id, page: c.page }, c.args(team));
  await test.step(`${who}: ${c.action}`, async () => {
    if (passes(c, who)) c.allowed(outcome);
    // Worker rows name the action's own return page: the refusal is the action's, not the page's.
    else if (c.guard.kind === "worker") expect(outcome.redirect, `${who}: ${c.action}`).toBe(`/worker/sign-in?next=${encodeURIComponent(c.returnTo!)}`);
    else expect(outcome.redirect, `${who}: ${c.action} must send to sign-in`).toMatch(/^\/login/);
    // Members' own visits may start a sync of their team; outsiders must leave it untouched.
    if (!(ROLES as readonly string[]).includes(who)) expect(await teamFingerprint(team.id), `${who}: ${c.action} changed the team`).toEqual(before);
  });
}

for (const who of PRINCIPALS) {
  test(`server actions called by ${who}`, async ({ page, team, baseURL }) => {
    await signIn(who, page, team);
    const ordered = [...ACTION_CASES.filter((c) => !c.last), ...ACTION_CASES.filter((c) => c.last)];
    for (const c of ordered) await check(page.request, baseURL!, c, who, team);
  });
}
