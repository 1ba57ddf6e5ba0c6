import "server-only";
import type { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import type { ChangePasswordInput } from "@/lib/auth/schemas";
import { verifyCurrentPassword } from "@/lib/auth/verify-current-password";
import { db } from "@/lib/db";
import { endWorkerSessions } from "@/lib/marketplace/worker-site/session";

/**
 * A worker's new password, after their current one; every other session of the account ends,
 * this browser's stays. Returns the current-password field's error, if any.
 */
export async function changeWorkerPassword(accountId: string, input: z.infer<typeof ChangePasswordInput>): Promise<string | null> {
  const { passwordHash } = await db.mkWorkerAccount.findUniqueOrThrow({ where: { id: accountId }, select: { passwordHash: true } });
  const wrong = await verifyCurrentPassword(`worker:${accountId}`, passwordHash, input.current);
  if (wrong) return wrong;
  await db.mkWorkerAccount.update({ where: { id: accountId }, data: { passwordHash: await hashPassword(input.password) } });
  await endWorkerSessions(accountId, true);
  return null;
}
