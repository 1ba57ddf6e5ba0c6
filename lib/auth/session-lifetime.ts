/**
 * How long a signed-in browser stays signed in without being used, for the dashboard and the
 * worker site. A session in use moves its end forward, at most once a day (one write a day).
 */
export const SESSION_IDLE_DAYS = 14;
const DAY_MS = 24 * 3600 * 1000;

export const sessionEnd = (now = Date.now()) => new Date(now + SESSION_IDLE_DAYS * DAY_MS);

/** The new end when a session used now should be extended, or null when it is recent enough. */
export function extendedEnd(expiresAt: Date, now = Date.now()): Date | null {
  return expiresAt.getTime() - now < (SESSION_IDLE_DAYS - 1) * DAY_MS ? sessionEnd(now) : null;
}
