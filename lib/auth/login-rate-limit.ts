import "server-only";
import { db } from "@/lib/db";

/**
 * Failed sign-ins are counted per account and per IP in the database, so the limit holds
 * across restarts and app instances. Unknown emails count the same as known ones.
 */
const WINDOW_MS = 15 * 60 * 1000;
const MAX_PER_ACCOUNT = 5;
const MAX_PER_IP = 30;

const accountKey = (email: string) => `email:${email}`;
const ipKey = (ip: string) => `ip:${ip}`;

export async function isLoginRateLimited(email: string, ip: string): Promise<boolean> {
  const since = new Date(Date.now() - WINDOW_MS);
  const [byAccount, byIp] = await Promise.all([
    db.loginAttempt.count({ where: { key: accountKey(email), createdAt: { gte: since } } }),
    db.loginAttempt.count({ where: { key: ipKey(ip), createdAt: { gte: since } } }),
  ]);
  return byAccount >= MAX_PER_ACCOUNT || byIp >= MAX_PER_IP;
}

export async function recordFailedLogin(email: string, ip: string): Promise<void> {
  await db.loginAttempt.createMany({ data: [{ key: accountKey(email) }, { key: ipKey(ip) }] });
  // Old rows are useless: drop them as we go instead of running a cleaner.
  await db.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - WINDOW_MS) } } });
}

export async function clearFailedLogins(email: string): Promise<void> {
  await db.loginAttempt.deleteMany({ where: { key: accountKey(email) } });
}
