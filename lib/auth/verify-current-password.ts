import "server-only";
import { giveBack, reserveAttempt } from "@/lib/auth/login-throttle";
import { dummyVerify, verifyPassword } from "@/lib/auth/password";
import { rateLimitedMessage } from "@/lib/auth/throttled-sign-in";

/** Tries per window at the current password from a signed-in session (a stolen one guessing). */
const LIMIT = 5;

/**
 * Checks the current password before it is changed, throttled per account like a sign-in:
 * a session left open on a shared computer cannot be used to guess the password. Returns
 * the message for the "Current password" field, or null when it is right.
 */
export async function verifyCurrentPassword(throttleKey: string, passwordHash: string | null, current: string): Promise<string | null> {
  const key = `current-password:${throttleKey}`;
  const reserved = await reserveAttempt([{ key, limit: LIMIT }]);
  if (!reserved.ok) return rateLimitedMessage(reserved.retryAfterSeconds);
  const valid = passwordHash ? await verifyPassword(passwordHash, current) : await dummyVerify(current);
  if (!valid) return passwordHash ? "That is not your current password." : "Your login has no password yet: ask an owner of your team for a password reset link.";
  await giveBack([key]);
  return null;
}
