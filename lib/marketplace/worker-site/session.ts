import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { signToken, verifyToken } from "@/lib/marketplace/worker-site/signed-token";

/**
 * Worker-site sessions: a signed cookie of their own, unrelated to the dashboard's Auth.js
 * session, so a worker account can never act as a team member. SameSite=Lax keeps it off
 * requests made by task content (an opaque origin, hence cross-site).
 */
const COOKIE = "hitdesk_worker";
const MAX_AGE_SEC = 30 * 24 * 3600;

interface SessionPayload {
  a: string;
  v: number;
  e: number;
}

export interface SignedInWorker {
  accountId: string;
  workerId: string;
  displayName: string;
  email: string;
}

export async function startWorkerSession(account: { id: string; sessionVersion: number }): Promise<void> {
  const token = signToken("session", { a: account.id, v: account.sessionVersion, e: Math.floor(Date.now() / 1000) + MAX_AGE_SEC } satisfies SessionPayload);
  (await cookies()).set(COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: appUrl().startsWith("https://"),
    path: "/",
    maxAge: MAX_AGE_SEC,
  });
}

export async function endWorkerSession(): Promise<void> {
  (await cookies()).delete(COOKIE);
}

/** The signed-in worker, checked against the database on every request (sign-out everywhere works). */
export async function currentWorker(): Promise<SignedInWorker | null> {
  const payload = verifyToken<SessionPayload>("session", (await cookies()).get(COOKIE)?.value);
  if (!payload || payload.e * 1000 < Date.now()) return null;
  const account = await db.mkWorkerAccount.findUnique({ where: { id: payload.a } });
  if (!account || account.sessionVersion !== payload.v) return null;
  const worker = await db.mkWorker.findUnique({ where: { accountRef: account.id }, select: { id: true } });
  if (!worker) return null;
  return { accountId: account.id, workerId: worker.id, displayName: account.displayName, email: account.email };
}

/** For worker pages and actions: the worker, or a redirect to sign-in that comes back here. */
export async function requireWorker(returnTo = "/worker"): Promise<SignedInWorker> {
  const worker = await currentWorker();
  if (!worker) redirect(`/worker/sign-in?next=${encodeURIComponent(returnTo)}`);
  return worker;
}
