import "server-only";
import pg from "pg";
import { databaseUrl } from "@/lib/db/url";

/** `error` is shown to anyone (the check needs no session): it names no host, user or database. */
export type DatabaseHealth = { ok: true; ms: number } | { ok: false; ms: number; error: string };

class Timeout extends Error {}

/**
 * Whether the database answers `select 1` within `timeoutMs`, on a connection of its own: the
 * app's pool may be the thing that is stuck, and a check must never wait behind it or add to it.
 */
export async function checkDatabase(timeoutMs = 2000): Promise<DatabaseHealth> {
  const started = Date.now();
  const client = new pg.Client({ connectionString: databaseUrl(), connectionTimeoutMillis: timeoutMs + 1000 });
  // A connection that fails after the check gave up must not crash the process.
  client.on("error", () => {});
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Timeout()), timeoutMs);
    });
    await Promise.race([
      (async () => {
        await client.connect();
        await client.query("select 1");
      })(),
      timeout,
    ]);
    return { ok: true, ms: Date.now() - started };
  } catch (e) {
    if (e instanceof Timeout) return { ok: false, ms: Date.now() - started, error: `The database did not answer select 1 within ${timeoutMs / 1000} s.` };
    console.error("[health] the database check failed", e);
    return { ok: false, ms: Date.now() - started, error: "The database refused the connection or the query; the server log has the details." };
  } finally {
    clearTimeout(timer);
    // Not awaited: closing a connection to a stalled database may itself wait.
    void client.end().catch(() => {});
  }
}
