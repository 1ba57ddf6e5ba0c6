import { describe, expect, it } from "vitest";
import { changePassword } from "@/lib/auth/change-password";
import { issuePasswordReset } from "@/lib/auth/issue-password-reset";
import { verifyPassword } from "@/lib/auth/password";
import { findPasswordReset, resetPassword } from "@/lib/auth/reset-password";
import { liveSessionUser, startUserSession } from "@/lib/auth/user-sessions";
import { checkCredentials } from "@/lib/auth/credentials";
import { db } from "@/lib/db";
import { createUser } from "@/lib/users/create-user";

const OLD = "lantern-quiet-figs-7";
const NEW = "maple-orbit-candle-93";
let n = 0;

async function userWithSessions(count: number) {
  const email = `pw-${Date.now()}-${n++}@example.com`;
  const { id } = await createUser({ email, password: OLD, name: "Pat" });
  const sessions = [];
  for (let i = 0; i < count; i++) sessions.push(await startUserSession(id));
  return { id, email, sessions };
}

const passwordIs = async (userId: string, password: string) => verifyPassword((await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } })).passwordHash!, password);
const tokenOf = (url: string) => url.split("/").at(-1)!;

describe("password reset links", () => {
  it("set a new password once, end every session, and are refused afterwards", async () => {
    const user = await userWithSessions(2);
    const { url, expiresAt } = await issuePasswordReset(user.id);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(3_600_000);
    const token = tokenOf(url);
    expect(await findPasswordReset(token)).toEqual({ status: "valid", email: user.email });

    const outcomes = await Promise.allSettled([resetPassword(token, { password: NEW, confirm: NEW }), resetPassword(token, { password: "other-" + NEW, confirm: "other-" + NEW })]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect((await passwordIs(user.id, NEW)) || (await passwordIs(user.id, "other-" + NEW))).toBe(true);
    for (const s of user.sessions) expect(await liveSessionUser(s)).toBeNull();

    await expect(resetPassword(token, { password: NEW, confirm: NEW })).rejects.toThrow("This password reset link was already used");
    expect((await findPasswordReset(token)).status).toBe("used");
  });

  it("expire, and a newer link voids an older one", async () => {
    const user = await userWithSessions(1);
    const first = tokenOf((await issuePasswordReset(user.id)).url);
    const second = tokenOf((await issuePasswordReset(user.id)).url);
    expect((await findPasswordReset(first)).status).toBe("unknown");
    await db.passwordReset.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    await expect(resetPassword(second, { password: NEW, confirm: NEW })).rejects.toThrow("This password reset link has expired");
    expect(await passwordIs(user.id, OLD)).toBe(true);
    expect(await liveSessionUser(user.sessions[0]!)).not.toBeNull();
  });

  it("lets the account sign in again at once, even after a stranger's guesses", async () => {
    const user = await userWithSessions(0);
    const client = { address: `reset-${n++}`, deviceCookie: undefined };
    for (let i = 0; i < 6; i++) await checkCredentials({ email: user.email, password: `guess-${i}` }, client);
    expect(await checkCredentials({ email: user.email, password: OLD }, client)).toMatchObject({ ok: false, reason: "rate_limited" });
    await resetPassword(tokenOf((await issuePasswordReset(user.id)).url), { password: NEW, confirm: NEW });
    expect((await checkCredentials({ email: user.email, password: NEW }, client)).ok).toBe(true);
  });
});

describe("changing a password", () => {
  it("needs the current password and keeps only the session that asked", async () => {
    const user = await userWithSessions(3);
    const [mine, ...others] = user.sessions;
    expect(await changePassword(user, mine!, { current: "wrong-password-x", password: NEW, confirm: NEW })).toBe("That is not your current password.");
    expect(await passwordIs(user.id, OLD)).toBe(true);
    expect(await changePassword(user, mine!, { current: OLD, password: NEW, confirm: NEW })).toBeNull();
    expect(await passwordIs(user.id, NEW)).toBe(true);
    expect(await liveSessionUser(mine!)).not.toBeNull();
    for (const s of others) expect(await liveSessionUser(s)).toBeNull();
  });

  it("stops guessing the current password from an open session", async () => {
    const user = await userWithSessions(1);
    const tries = await Promise.all(Array.from({ length: 12 }, (_, i) => changePassword(user, user.sessions[0]!, { current: `guess-${i}-xyz`, password: NEW, confirm: NEW })));
    expect(tries.filter((t) => t === "That is not your current password.")).toHaveLength(5);
    expect(tries.filter((t) => t?.startsWith("Too many failed sign-ins."))).toHaveLength(7);
  });
});
