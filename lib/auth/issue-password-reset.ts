import "server-only";
import { randomToken, sha256 } from "@/lib/crypto";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";

export const RESET_TTL_MINUTES = 60;

/**
 * A one-time link that sets a new password for the user, valid RESET_TTL_MINUTES. Only the
 * token's hash is stored, and a new link voids the user's earlier unused ones.
 */
export async function issuePasswordReset(userId: string): Promise<{ url: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + RESET_TTL_MINUTES * 60_000);
  await db.$transaction([db.passwordReset.deleteMany({ where: { userId, usedAt: null } }), db.passwordReset.create({ data: { userId, tokenHash: sha256(token), expiresAt } })]);
  return { url: `${appUrl()}/reset-password/${token}`, expiresAt };
}
