import "server-only";
import { clearFailedLogins, isLoginRateLimited, recordFailedLogin } from "@/lib/auth/login-rate-limit";
import { dummyVerify, verifyPassword } from "@/lib/auth/password";
import { LoginInput } from "@/lib/auth/schemas";
import { db } from "@/lib/db";

export type CredentialsResult =
  | { ok: true; user: { id: string; email: string; name: string | null; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "rate_limited" };

/** Checks an email/password pair. Never tells whether the email exists. */
export async function checkCredentials(input: unknown, ip: string): Promise<CredentialsResult> {
  const parsed = LoginInput.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  if (await isLoginRateLimited(email, ip)) return { ok: false, reason: "rate_limited" };
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, sessionVersion: true, passwordHash: true },
  });
  const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await dummyVerify(password);
  if (!user || !valid) {
    await recordFailedLogin(email, ip);
    return { ok: false, reason: "invalid" };
  }
  await clearFailedLogins(email);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}
