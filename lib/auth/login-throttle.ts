import "server-only";
import { db } from "@/lib/db";

/**
 * Sign-in attempts counted in Postgres, per key, in fixed windows: an attempt is counted in
 * one statement (an upsert that locks the key's row) before any password is checked, so
 * parallel guesses, on one instance or several sharing the database, get at most `limit`
 * checks per window. A window ends WINDOW_SECONDS after its first attempt, whatever comes
 * after: a lock-out never outlasts it.
 */
export const WINDOW_SECONDS = 15 * 60;

/** Per window: guesses at one account from browsers it never signed in with, all together. */
export const ACCOUNT_LIMIT = 5;
/** Per window: failed sign-ins from one client address, at any accounts (password spraying). */
export const ADDRESS_LIMIT = 30;
/** Per window: guesses from one browser the account has signed in with before. */
export const DEVICE_LIMIT = 5;

export interface ThrottleKey {
  key: string;
  limit: number;
}

export type Reservation = { ok: true } | { ok: false; retryAfterSeconds: number };

interface CountedRow {
  key: string;
  attempts: number;
  retryAfterSeconds: number;
}

/** Counts one attempt on every key; refused (and not counted) when any key is over its limit. */
export async function reserveAttempt(keys: ThrottleKey[]): Promise<Reservation> {
  // One order for every caller: two attempts locking the same keys cannot deadlock.
  const names = [...new Set(keys.map((k) => k.key))].sort();
  const rows = await db.$queryRaw<CountedRow[]>`
    WITH now AS (SELECT (now() AT TIME ZONE 'UTC') AS t)
    INSERT INTO login_throttle AS l (key, attempts, "windowStart")
    SELECT k, 1, (SELECT t FROM now) FROM unnest(${names}::text[]) WITH ORDINALITY AS u(k, i) ORDER BY i
    ON CONFLICT (key) DO UPDATE SET
      attempts = CASE WHEN l."windowStart" <= (SELECT t FROM now) - make_interval(secs => ${WINDOW_SECONDS}) THEN 1 ELSE l.attempts + 1 END,
      "windowStart" = CASE WHEN l."windowStart" <= (SELECT t FROM now) - make_interval(secs => ${WINDOW_SECONDS}) THEN (SELECT t FROM now) ELSE l."windowStart" END
    RETURNING key, attempts,
      ceil(extract(epoch FROM l."windowStart" + make_interval(secs => ${WINDOW_SECONDS}) - (SELECT t FROM now)))::int AS "retryAfterSeconds"`;
  const limitOf = new Map(keys.map((k) => [k.key, k.limit]));
  const over = rows.filter((r) => r.attempts > limitOf.get(r.key)!);
  if (over.length === 0) return { ok: true };
  // A refused attempt checked no password: it must not count against the other keys.
  await giveBack(rows.map((r) => r.key));
  return { ok: false, retryAfterSeconds: Math.max(1, ...over.map((r) => r.retryAfterSeconds)) };
}

/**
 * Takes one counted attempt back (a successful sign-in is no guess). The rows are locked in
 * key order, as `reserveAttempt` locks them: a plain `UPDATE ... WHERE key = ANY(...)` locks
 * in scan order and deadlocked against a parallel attempt on the same keys.
 */
export async function giveBack(keys: string[]): Promise<void> {
  await db.$executeRaw`
    WITH locked AS (SELECT key FROM login_throttle WHERE key = ANY(${keys}::text[]) ORDER BY key FOR UPDATE)
    UPDATE login_throttle l SET attempts = l.attempts - 1 FROM locked WHERE l.key = locked.key AND l.attempts > 0`;
}

/** Forgets a key (a browser that proved itself starts afresh). */
export async function forget(key: string): Promise<void> {
  await db.$executeRaw`DELETE FROM login_throttle WHERE key = ${key}`;
}

/**
 * Drops windows that have ended; cheap with the index, run now and then. Rows an attempt holds
 * are skipped (that attempt is restarting their window), so this never waits on, or deadlocks
 * with, a sign-in.
 */
export async function dropEndedWindows(): Promise<void> {
  await db.$executeRaw`
    DELETE FROM login_throttle WHERE key IN (
      SELECT key FROM login_throttle WHERE "windowStart" < (now() AT TIME ZONE 'UTC') - make_interval(secs => ${WINDOW_SECONDS}) FOR UPDATE SKIP LOCKED)`;
}
