import "server-only";
import { extendedEnd, sessionEnd } from "@/lib/auth/session-lifetime";
import { db, type Tx } from "@/lib/db";

/**
 * Server-side records of signed-in browsers. The session cookie (Auth.js's JWT) only names a
 * row; every request checks the row, so deleting it ends the session for whoever holds a
 * copy of the cookie.
 */
export async function startUserSession(userId: string): Promise<string> {
  // Sessions nobody used for SESSION_IDLE_DAYS are over: clear them as new ones start.
  await db.userSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return (await db.userSession.create({ data: { userId, expiresAt: sessionEnd() }, select: { id: true } })).id;
}

const USER_FIELDS = { id: true, email: true, name: true, environment: true, activeTeamId: true } as const;

/** The user of a live session, extending it while it is in use; null when it has ended. */
export async function liveSessionUser(sessionId: string) {
  const session = await db.userSession.findUnique({ where: { id: sessionId }, select: { expiresAt: true, user: { select: USER_FIELDS } } });
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  const extended = extendedEnd(session.expiresAt);
  if (extended) await db.userSession.updateMany({ where: { id: sessionId }, data: { expiresAt: extended } });
  return session.user;
}

export async function endUserSession(sessionId: string): Promise<void> {
  await db.userSession.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of the user, except `keep` (the browser that asked, after a password change). */
export async function endUserSessions(userId: string, options: { keep?: string; tx?: Tx } = {}): Promise<void> {
  await (options.tx ?? db).userSession.deleteMany({ where: { userId, ...(options.keep ? { id: { not: options.keep } } : {}) } });
}
