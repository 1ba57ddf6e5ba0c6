import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { LeaderLock, withAdvisoryLock } from "@/lib/db/leader-lock";
import { databaseUrl } from "@/lib/db/url";

async function withClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The embedded database serves every connection from one session; a Postgres server does not. */
async function oneSession(): Promise<boolean> {
  const [x, y] = await Promise.all([withClient((c) => c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")), withClient((c) => c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid"))]);
  return x.rows[0]!.pid === y.rows[0]!.pid;
}

const locks: LeaderLock[] = [];
const contender = (name: string) => {
  const lock = new LeaderLock(name);
  locks.push(lock);
  return lock;
};
afterEach(async () => {
  await Promise.all(locks.splice(0).map((l) => l.release()));
});

describe("leadership among instances", () => {
  it("has one leader at a time; when the leader's connection dies (a killed process), another takes over", async () => {
    const name = `test-${randomUUID()}`;
    const first = contender(name);
    const second = contender(name);
    expect(await first.lead()).toBe(true);
    expect(await first.lead()).toBe(true);
    if (await oneSession()) {
      // Embedded: one HITdesk server per database, so whoever asks leads.
      expect(await second.lead()).toBe(true);
      return;
    }
    expect(await second.lead()).toBe(false);

    // As if the leader's process were killed: Postgres ends its session and with it the lock.
    const terminated = await withClient((c) =>
      c.query<{ ok: boolean }>(
        `SELECT pg_terminate_backend(s.pid) AS ok FROM pg_stat_activity s JOIN pg_locks l ON l.pid = s.pid
         WHERE l.locktype = 'advisory' AND l.granted AND s.application_name = $1 AND s.datname = current_database()`,
        [`hitdesk leader ${name}`],
      ),
    );
    expect(terminated.rows).toEqual([{ ok: true }]);
    await expect.poll(() => second.lead(), { timeout: 10_000, interval: 100 }).toBe(true);
    // The old leader learns it lost the lock: its connection broke, and the lock is taken.
    await expect.poll(() => first.lead().catch(() => "connection lost"), { timeout: 10_000, interval: 100 }).toBe(false);

    // A leader stopping politely hands over at once.
    await second.release();
    expect(await first.lead()).toBe(true);
  });

  it("runs start-up work under a lock one process at a time", async () => {
    const name = `start-${randomUUID()}`;
    const events: string[] = [];
    const step = (who: string) => async () => {
      events.push(`${who} in`);
      await new Promise((r) => setTimeout(r, 200));
      events.push(`${who} out`);
    };
    await Promise.all([withAdvisoryLock(databaseUrl(), name, step("a")), withAdvisoryLock(databaseUrl(), name, step("b"))]);
    if (await oneSession()) {
      expect(events.filter((e) => e.endsWith("in"))).toHaveLength(2);
      return;
    }
    // Never both inside: each one's "out" follows its own "in".
    const first = events[0]!.split(" ")[0]!;
    const second = first === "a" ? "b" : "a";
    expect(events).toEqual([`${first} in`, `${first} out`, `${second} in`, `${second} out`]);
  });
});
