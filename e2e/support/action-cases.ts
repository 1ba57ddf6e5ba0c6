import { expect } from "@playwright/test";
import type { ActionOutcome } from "./server-actions";
import { formData } from "./server-actions";
import { uniqueEmail, type SeededTeam } from "./seed";

/**
 * The server-action rows of the authorization matrix (e2e/server-actions.spec.ts): every
 * `"use server"` function, keyed "file#exportedName" ("file#$$RSC_SERVER_ACTION_n" for an
 * inline one), with the session it needs:
 * - "dashboard": a team member's session; anyone else is sent to /login and nothing happens;
 * - "worker": a worker-site session; anyone else is sent to /worker/sign-in;
 * - "public": needs none by design (`why` says why); the row's call shows what it does with a
 *   forged token or a wrong password, for every principal alike.
 * `allowed` checks what a call that passes the guard did with the row's (harmless) arguments.
 */
export type Guard = { kind: "dashboard" } | { kind: "worker" } | { kind: "public"; why: string };

export interface ActionCase {
  action: string;
  page: string;
  guard: Guard;
  args(team: SeededTeam): unknown[];
  allowed(o: ActionOutcome): void;
  /** Worker rows: the page the action itself sends a signed-out caller back to, after sign-in. */
  returnTo?: string;
  /** It ends the caller's session: run after the others. */
  last?: true;
}

const NEW_PASSWORD = "matrix-new-horse-77";
const hasText = (text: string) => (o: ActionOutcome) => {
  expect(o.redirect, `no redirect expected (status ${o.status})`).toBeUndefined();
  expect(o.body).toContain(text);
};

export const ACTION_CASES: ActionCase[] = [
  // Dashboard sign-in and recovery: public by design.
  {
    action: "app/(auth)/login/actions.ts#login",
    page: "/login",
    guard: { kind: "public", why: "signing in" },
    args: () => [{}, formData({ email: uniqueEmail("nobody"), password: "not-the-password-1" })],
    allowed: hasText("do not match an account"),
  },
  {
    action: "app/(auth)/forgot-password/actions.ts#forgotPassword",
    page: "/forgot-password",
    guard: { kind: "public", why: "asking for a reset link; the answer is the same whether the account exists" },
    args: () => [{}, formData({ email: "nobody-matrix@example.com" })],
    allowed: hasText("nobody-matrix@example.com"),
  },
  {
    action: "app/(auth)/reset-password/[token]/actions.ts#resetPasswordAction",
    page: "/reset-password/forged",
    guard: { kind: "public", why: "authorised by the emailed reset token" },
    args: () => ["forged", {}, formData({ password: NEW_PASSWORD, confirm: NEW_PASSWORD })],
    allowed: hasText('"error"'),
  },
  {
    action: "app/(auth)/setup/actions.ts#setup",
    page: "/setup",
    guard: { kind: "public", why: "authorised by the one-time setup token printed at first start" },
    args: () => [{}, formData({ token: "forged", email: uniqueEmail("setup"), teamName: "Forged team", name: "Forger", password: NEW_PASSWORD, confirm: NEW_PASSWORD })],
    allowed: hasText("setup link has expired or was already used"),
  },
  {
    action: "app/(auth)/invite/[token]/actions.ts#acceptAsNewUser",
    page: "/invite/forged",
    guard: { kind: "public", why: "authorised by the emailed invitation token" },
    args: () => ["forged", {}, formData({ name: "Forger", password: NEW_PASSWORD, confirm: NEW_PASSWORD })],
    allowed: hasText('"error"'),
  },
  {
    action: "app/(auth)/invite/[token]/actions.ts#acceptAsSignedInUser",
    page: "/invite/forged",
    guard: { kind: "dashboard" },
    args: () => ["forged"],
    allowed: hasText('"error"'),
  },
  {
    action: "app/(dashboard)/account/actions.ts#changePasswordAction",
    page: "/account",
    guard: { kind: "dashboard" },
    args: () => [{}, formData({ current: "not-the-password-1", password: NEW_PASSWORD, confirm: NEW_PASSWORD })],
    allowed: hasText('"current"'),
  },
  // Worker site.
  {
    action: "app/worker/actions.ts#signUpAction",
    page: "/worker/sign-up",
    guard: { kind: "public", why: "anyone may become a worker" },
    args: () => [{}, formData({ displayName: "", email: "not-an-email", password: "x", confirm: "y" })],
    allowed: hasText("fieldErrors"),
  },
  {
    action: "app/worker/actions.ts#signInAction",
    page: "/worker/sign-in",
    guard: { kind: "public", why: "signing in" },
    args: () => [{}, formData({ email: uniqueEmail("noworker"), password: "not-the-password-1" })],
    allowed: hasText("do not match a worker account"),
  },
  {
    action: "app/worker/actions.ts#changePasswordAction",
    page: "/worker/account",
    guard: { kind: "worker" },
    returnTo: "/worker/account",
    args: () => [{}, formData({ current: "not-the-password-1", password: NEW_PASSWORD, confirm: NEW_PASSWORD })],
    allowed: hasText('"current"'),
  },
  { action: "app/worker/actions.ts#joinAction", page: "/worker", guard: { kind: "worker" }, returnTo: "/worker/join/forged", args: () => ["forged"], allowed: hasText("invitation link is invalid") },
  {
    action: "app/worker/actions.ts#acceptAction",
    page: "/worker",
    guard: { kind: "worker" },
    returnTo: "/worker/groups/NOSUCHGROUP0000000000000000000",
    args: () => ["NOSUCHGROUP0000000000000000000"],
    allowed: hasText("not available to you"),
  },
  {
    action: "app/worker/actions.ts#returnAction",
    page: "/worker",
    guard: { kind: "worker" },
    returnTo: "/worker/tasks/NOSUCHASSIGNMENT00000000000000",
    args: () => ["NOSUCHASSIGNMENT00000000000000"],
    allowed: hasText('"error"'),
  },
  {
    action: "app/worker/actions.ts#submissionConfirmedAction",
    page: "/worker",
    guard: { kind: "worker" },
    returnTo: "/worker/tasks/NOSUCHASSIGNMENT00000000000000",
    args: () => ["NOSUCHASSIGNMENT00000000000000"],
    // The action's value is the last row of the Flight payload: not submitted by this worker.
    allowed: (o) => {
      expect(o.redirect, `no redirect expected (status ${o.status})`).toBeUndefined();
      expect(o.body).toMatch(/^\d+:false$/m);
    },
  },
  {
    action: "app/worker/actions.ts#requestQualificationAction",
    page: "/worker",
    guard: { kind: "worker" },
    returnTo: "/worker/qualifications",
    args: () => ["NOSUCHTYPE0000000000000000000"],
    allowed: hasText("not available to you"),
  },
  // Last: these end the caller's session.
  {
    action: "app/worker/actions.ts#signOutEverywhereAction",
    page: "/worker/account",
    guard: { kind: "worker" },
    returnTo: "/worker/account",
    args: () => [],
    allowed: (o) => expect(o.redirect).toBe("/worker/sign-in?notice=signed-out-everywhere"),
    last: true,
  },
  {
    action: "app/(dashboard)/account/actions.ts#signOutEverywhereAction",
    page: "/account",
    guard: { kind: "dashboard" },
    args: () => [],
    allowed: (o) => expect(o.redirect).toContain("signed-out-everywhere"),
    last: true,
  },
  {
    action: "app/worker/actions.ts#signOutAction",
    page: "/worker",
    guard: { kind: "public", why: "ends only this browser's own worker session" },
    args: () => [],
    allowed: (o) => expect(o.redirect).toBe("/worker/sign-in"),
    last: true,
  },
];

/**
 * Inline actions of components: public by design, each bound by Next.js to its (encrypted)
 * closure, so a call can only replay what a page rendered for the caller. Covered by their pages'
 * own tests (e2e/auth.spec.ts signs out; OAuth buttons exist only with a provider configured).
 */
export const INLINE_PUBLIC_ACTIONS: Record<string, string> = {
  "components/shell/sign-out-button.tsx#$$RSC_SERVER_ACTION_0": "signs the caller's own dashboard session out",
  "app/(auth)/login/page.tsx#$$RSC_SERVER_ACTION_0": "starts an OAuth sign-in, as any visitor's click does",
};
