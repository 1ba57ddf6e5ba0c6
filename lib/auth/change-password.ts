import "server-only";
import type { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import type { ChangePasswordInput } from "@/lib/auth/schemas";
import { endUserSessions } from "@/lib/auth/user-sessions";
import { verifyCurrentPassword } from "@/lib/auth/verify-current-password";
import { db } from "@/lib/db";

/**
 * A team member's new password, after their current one. Every other session of theirs ends;
 * the browser that asked stays signed in. Returns the current-password field's error, if any.
 */
export async function changePassword(user: { id: string }, sessionId: string, input: z.infer<typeof ChangePasswordInput>): Promise<string | null> {
  const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  const wrong = await verifyCurrentPassword(`team:${user.id}`, passwordHash, input.current);
  if (wrong) return wrong;
  const hash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash: hash } });
    await endUserSessions(user.id, { keep: sessionId, tx });
    // A reset link issued before is for the old password's owner: it must not outlive the change.
    await tx.passwordReset.deleteMany({ where: { userId: user.id, usedAt: null } });
  });
  return null;
}
