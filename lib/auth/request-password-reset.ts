import "server-only";
import { issuePasswordReset, RESET_TTL_MINUTES } from "@/lib/auth/issue-password-reset";
import { reserveAttempt } from "@/lib/auth/login-throttle";
import { db } from "@/lib/db";
import { mailConfigured, sendMail } from "@/lib/mail";

/**
 * "Forgot your password?" with SMTP configured: e-mails a reset link when the address has a
 * login. Answers the same whether it has one or not, and sends at most 3 links per address
 * and 10 requests per client address every 15 minutes, so it cannot flood a mailbox.
 */
export async function requestPasswordReset(email: string, clientAddress: string): Promise<void> {
  if (!mailConfigured()) return;
  const allowed = await reserveAttempt([
    { key: `reset-mail:${email}`, limit: 3 },
    { key: `reset-address:${clientAddress}`, limit: 10 },
  ]);
  if (!allowed.ok) return;
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return;
  const { url } = await issuePasswordReset(user.id);
  await sendMail(
    email,
    "Reset your HITdesk password",
    `Someone (hopefully you) asked to reset the password of your HITdesk login.\n\nSet a new password within ${RESET_TTL_MINUTES} minutes: ${url}\n\nThe link works once. Setting a new password signs you out everywhere. If you did not ask, ignore this message: your password stays as it is.\n`,
  );
}
