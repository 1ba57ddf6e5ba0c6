import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { extendedEnd, SESSION_IDLE_DAYS, sessionEnd } from "@/lib/auth/session-lifetime";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { entityId } from "@/lib/marketplace/ids";
import { signToken, verifyToken } from "@/lib/marketplace/worker-site/signed-token";

/**
 * Worker-site sessions: a signed cookie of their own, unrelated to the dashboard's Auth.js
 * session, so a worker account can never act as a team member. SameSite=Lax keeps it off
 * requests made by task content (an opaque origin, hence cross-site).
 */
const COOKIE = "hitdesk_worker";
const MAX_AGE_SEC = SESSION_IDLE_DAYS * 24 * 3600;

/** The cookie names a session row (mk_worker_session); every request checks the row. */
interface SessionPayload {
  s: string;
}

export interface SignedInWorker {
  accountId: string;
  workerId: string;
  displayName: string;
  email: string;
}

export async function startWorkerSession(accountId: string): Promise<void> {
  await db.mkWorkerSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  const id = entityId();
  await db.mkWorkerSession.create({ data: { id, accountId, expiresAt: sessionEnd() } });
  const token = signToken("session", { s: id } satisfies SessionPayload);
  (await cookies()).set(COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: appUrl().startsWith("https://"),
    path: "/",
    maxAge: MAX_AGE_SEC,
  });
}

function cookieSessionId(value: string | undefined): string | null {
  return verifyToken<SessionPayload>("session", value)?.s ?? null;
}

/** Signs this browser out: its session ends on the server, so a copy of the cookie stops working too. */
export async function endWorkerSession(): Promise<void> {
  const jar = await cookies();
  const id = cookieSessionId(jar.get(COOKIE)?.value);
  if (id) await db.mkWorkerSession.deleteMany({ where: { id } });
  jar.delete(COOKIE);
}

/** Ends the account's sessions, except this browser's when `keepThisOne` (after a password change). */
export async function endWorkerSessions(accountId: string, keepThisOne: boolean): Promise<void> {
  const keep = keepThisOne ? cookieSessionId((await cookies()).get(COOKIE)?.value) : null;
  await db.mkWorkerSession.deleteMany({ where: { accountId, ...(keep ? { id: { not: keep } } : {}) } });
}

/** The signed-in worker, checked against the database on every request (sign-out everywhere works). */
export async function currentWorker(): Promise<SignedInWorker | null> {
  const id = cookieSessionId((await cookies()).get(COOKIE)?.value);
  if (!id) return null;
  const session = await db.mkWorkerSession.findUnique({ where: { id } });
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  const extended = extendedEnd(session.expiresAt);
  if (extended) await db.mkWorkerSession.updateMany({ where: { id }, data: { expiresAt: extended } });
  const account = await db.mkWorkerAccount.findUnique({ where: { id: session.accountId } });
  const worker = account && (await db.mkWorker.findUnique({ where: { accountRef: account.id }, select: { id: true } }));
  if (!account || !worker) return null;
  return { accountId: account.id, workerId: worker.id, displayName: account.displayName, email: account.email };
}

/** For worker pages and actions: the worker, or a redirect to sign-in that comes back here. */
export async function requireWorker(returnTo = "/worker"): Promise<SignedInWorker> {
  const worker = await currentWorker();
  if (!worker) redirect(`/worker/sign-in?next=${encodeURIComponent(returnTo)}`);
  return worker;
}
