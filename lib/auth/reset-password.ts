import "server-only";
import type { z } from "zod";
import { forget } from "@/lib/auth/login-throttle";
import { hashPassword } from "@/lib/auth/password";
import type { ResetPasswordInput } from "@/lib/auth/schemas";
import { endUserSessions } from "@/lib/auth/user-sessions";
import { sha256 } from "@/lib/crypto";
import { db } from "@/lib/db";
import { Gone } from "@/lib/errors";

export type ResetStatus = "valid" | "used" | "expired" | "unknown";

export const RESET_PROBLEMS: Record<Exclude<ResetStatus, "valid">, string> = {
  unknown: "This password reset link is not valid. Check that you copied all of it, or ask for a new one.",
  used: "This password reset link was already used. Ask for a new one if you still need it.",
  expired: "This password reset link has expired. Ask for a new one.",
};

const statusOf = (reset: { usedAt: Date | null; expiresAt: Date } | null, now = new Date()): ResetStatus => (!reset ? "unknown" : reset.usedAt ? "used" : reset.expiresAt <= now ? "expired" : "valid");

const SELECT = { id: true, userId: true, usedAt: true, expiresAt: true, user: { select: { email: true } } } as const;

export async function findPasswordReset(token: string): Promise<{ status: ResetStatus; email?: string }> {
  const reset = await db.passwordReset.findUnique({ where: { tokenHash: sha256(token) }, select: SELECT });
  return { status: statusOf(reset), email: reset?.user.email };
}

/**
 * Sets the new password and uses the link up, once even under double submits; every session
 * of the user ends, and the sign-in throttle forgets the account (the owner proved who they are).
 */
export async function resetPassword(token: string, input: z.infer<typeof ResetPasswordInput>): Promise<{ email: string }> {
  const hash = await hashPassword(input.password);
  const now = new Date();
  const email = await db.$transaction(async (tx) => {
    const reset = await tx.passwordReset.findUnique({ where: { tokenHash: sha256(token) }, select: SELECT });
    const status = statusOf(reset, now);
    if (!reset || status !== "valid") throw new Gone(RESET_PROBLEMS[status === "valid" ? "unknown" : status]);
    // Conditional, so of two submits at once only one uses the link.
    const claimed = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) throw new Gone(RESET_PROBLEMS.used);
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash: hash } });
    await endUserSessions(reset.userId, { tx });
    await tx.passwordReset.deleteMany({ where: { userId: reset.userId, usedAt: null } });
    return reset.user.email;
  });
  await forget(`team-account:${email}`);
  return { email };
}
