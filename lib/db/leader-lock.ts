import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import { databaseUrl, unreachableDatabase } from "@/lib/db/url";

/** The advisory-lock key of a name: the first 8 bytes of its SHA-256, as a signed bigint. */
export function advisoryKey(name: string): string {
  return createHash("sha256").update(`hitdesk:${name}`).digest().readBigInt64BE(0).toString();
}

/**
 * Leadership among several HITdesk processes on one Postgres, for work that must run in one of
 * them at a time (the marketplace's sweeps and simulated workers). The leader holds a
 * session-level advisory lock on a connection of its own, outside the Prisma pool: the lock
 * lives exactly as long as that connection, so a leader that crashes or is killed loses it the
 * moment Postgres sees the connection close, and another process takes over on its next try.
 *
 * On the embedded database every connection shares one session, so every contender leads;
 * that database serves a single HITdesk server anyway (its folder lock sees to that).
 */
export class LeaderLock {
  private client: pg.Client | undefined;
  private held = false;
  private readonly key: string;

  constructor(
    readonly name: string,
    private readonly url: () => string = databaseUrl,
  ) {
    this.key = advisoryKey(name);
  }

  /**
   * Whether this process leads now: takes the lock when it is free, and otherwise checks that
   * the connection holding it is still alive (a lost connection means a lost lock).
   */
  async lead(): Promise<boolean> {
    try {
      const client = await this.connection();
      if (this.held) {
        await client.query("SELECT 1");
        return true;
      }
      const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS ok", [this.key]);
      this.held = rows[0]?.ok === true;
      return this.held;
    } catch (e) {
      this.drop();
      throw e;
    }
  }

  /** Hands leadership over at once (on shutdown), instead of when the process is gone. */
  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.held = false;
    await client?.end().catch(() => undefined);
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({
      connectionString: this.url(),
      // A leader cut off by the network must notice, and Postgres must drop its lock, within minutes.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      application_name: `hitdesk leader ${this.name}`,
      connectionTimeoutMillis: 10_000,
    });
    // An idle connection that breaks reports it here; without a listener it would crash the process.
    client.on("error", () => {
      if (this.client === client) this.drop();
    });
    client.on("end", () => {
      if (this.client === client) this.drop();
    });
    this.client = client;
    try {
      await client.connect();
    } catch (e) {
      this.drop();
      throw e;
    }
    return client;
  }

  private drop(): void {
    const client = this.client;
    this.client = undefined;
    this.held = false;
    void client?.end().catch(() => undefined);
  }
}

/**
 * Runs `fn` while holding the advisory lock `name` on the Postgres at `url`, waiting for it if
 * another process holds it: instances started together migrate and set up the database one
 * after the other.
 */
export async function withAdvisoryLock<T>(url: string, name: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: `hitdesk lock ${name}`, connectionTimeoutMillis: 10_000 });
  client.on("error", () => undefined);
  await client.connect().catch((e: unknown) => {
    throw unreachableDatabase(url, e);
  });
  try {
    await client.query("SELECT pg_advisory_lock($1::bigint)", [advisoryKey(name)]);
    return await fn();
  } finally {
    // Ending the session releases the lock.
    await client.end().catch(() => undefined);
  }
}
