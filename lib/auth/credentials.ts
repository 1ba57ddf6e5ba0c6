import "server-only";
import { dummyVerify, verifyPassword } from "@/lib/auth/password";
import { LoginInput } from "@/lib/auth/schemas";
import { throttledSignIn, type LoginClient, type SignInOutcome } from "@/lib/auth/throttled-sign-in";
import { db } from "@/lib/db";

export type CredentialsResult = SignInOutcome<{ id: string; email: string; name: string | null }>;

/** Checks a team member's email/password pair, throttled. Never tells whether the email exists. */
export async function checkCredentials(input: unknown, client: LoginClient): Promise<CredentialsResult> {
  const parsed = LoginInput.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  return throttledSignIn("team", email, client, async () => {
    const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
    const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await dummyVerify(password);
    return user && valid ? { id: user.id, email: user.email, name: user.name } : null;
  });
}
