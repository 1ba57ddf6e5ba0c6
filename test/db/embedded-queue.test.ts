import type { Socket } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";

/**
 * The embedded database shares one PGlite session between all its connections. These tests
 * drive it at the protocol level, the way the app's pool does, and leave connections in the
 * states that used to freeze it for good: closed in the middle of an extended query, closed
 * inside a transaction, idle inside a transaction while others wait.
 */

const logs: string[] = [];
let embedded: EmbeddedDatabase;

beforeAll(async () => {
  embedded = await startEmbeddedDatabase(undefined, 0, { queue: { warnAfterMs: 1000, closeIdleHolderAfterMs: 3000, log: (m) => logs.push(m) } });
  const c = await connect();
  await c.query("CREATE TABLE queue_test (id serial PRIMARY KEY, note text NOT NULL)");
  await c.end();
});

afterAll(async () => {
  await embedded?.stop();
});

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: embedded.url });
  client.on("error", () => {}); // the tests close sockets under clients on purpose
  await client.connect();
  return client;
}

/** The client's socket, to write protocol messages it would send mid-query and to cut it. */
const socketOf = (client: pg.Client) => (client as unknown as { connection: { stream: Socket } }).connection.stream;

function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}
// Parse of an unnamed statement, then Bind and Execute of the unnamed portal: a query without its Sync.
const parse = (sql: string) => message("P", Buffer.concat([Buffer.from(`\0${sql}\0`), Buffer.alloc(2)]));
const bind = () => message("B", Buffer.alloc(1 + 1 + 2 + 2 + 2));
const execute = () => message("E", Buffer.from([0, 0, 0, 0, 0]));

function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms (the database is frozen)`)), ms))]);
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("embedded database under connections that go away", () => {
  it("goes on when a connection closes in the middle of an extended query", async () => {
    const dying = await connect();
    const other = await connect();
    // Reserves the session for `dying` until a Sync that never comes.
    socketOf(dying).write(Buffer.concat([parse("INSERT INTO queue_test (note) VALUES ('half-done') RETURNING id"), bind()]));
    await pause(200);
    const waiting = other.query("SELECT 2 AS two");
    await pause(200);
    socketOf(dying).destroy();
    expect((await within(5000, "query after the holder closed", waiting)).rows).toEqual([{ two: 2 }]);
    // New connections and queries work, and the session carries nothing of the dead one.
    const fresh = await connect();
    expect((await within(5000, "new connection", fresh.query("SELECT count(*)::int AS n FROM queue_test WHERE note = 'half-done'"))).rows).toEqual([{ n: 0 }]);
    await Promise.all([fresh.end(), other.end()]);
  });

  it("rolls back the transaction of a connection that closes inside it, and answers nobody else with its ROLLBACK", async () => {
    const dying = await connect();
    const other = await connect();
    await dying.query("BEGIN");
    await dying.query("INSERT INTO queue_test (note) VALUES ('uncommitted')");
    // Executed but never synced, inside the transaction.
    socketOf(dying).write(Buffer.concat([parse("INSERT INTO queue_test (note) VALUES ('also uncommitted')"), bind(), execute()]));
    await pause(200);
    const waiting = Promise.all([other.query("SELECT 'a' AS x"), other.query("SELECT 'b' AS x")]);
    await pause(200);
    socketOf(dying).destroy();
    const [a, b] = await within(5000, "queries after the holder closed", waiting);
    // Each query got its own answer: no stray CommandComplete/ReadyForQuery shifted them.
    expect([a.rows, b.rows]).toEqual([[{ x: "a" }], [{ x: "b" }]]);
    expect((await other.query("SELECT count(*)::int AS n FROM queue_test WHERE note LIKE '%uncommitted'")).rows).toEqual([{ n: 0 }]);
    // Not inside the dead connection's transaction any more: this commits on its own.
    await other.query("INSERT INTO queue_test (note) VALUES ('committed')");
    const check = await connect();
    expect((await check.query("SELECT count(*)::int AS n FROM queue_test WHERE note = 'committed'")).rows).toEqual([{ n: 1 }]);
    await Promise.all([check.end(), other.end()]);
  });

  it("warns about a connection idle in a transaction while others wait, then closes it so they go on", async () => {
    logs.length = 0;
    const holder = await connect();
    const other = await connect();
    await holder.query("BEGIN");
    await holder.query("INSERT INTO queue_test (note) VALUES ('held')");
    const started = Date.now();
    const waiting = other.query("SELECT 3 AS three");
    expect((await within(10_000, "query behind an idle transaction", waiting)).rows).toEqual([{ three: 3 }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
    expect(logs.some((m) => /connection \d+ has held a transaction for \d+ s without sending anything while 1 message/.test(m))).toBe(true);
    expect(logs.some((m) => /closing connection \d+: it held the database/.test(m))).toBe(true);
    await expect(holder.query("COMMIT")).rejects.toThrow();
    expect((await other.query("SELECT count(*)::int AS n FROM queue_test WHERE note = 'held'")).rows).toEqual([{ n: 0 }]);
    await other.end();
  });

  it("serves many connections with interleaved queries, transactions and connections cut mid-query, and stays answering", async () => {
    const pool = new pg.Pool({ connectionString: embedded.url, max: 8, idleTimeoutMillis: 200 });
    pool.on("error", () => {});
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      work.push(pool.query("SELECT $1::int AS i, pg_sleep(0.002)", [i]).then((r) => expect(r.rows[0].i).toBe(i)));
      if (i % 5 === 0) {
        work.push(
          (async () => {
            const c = await pool.connect();
            try {
              await c.query("BEGIN");
              await c.query("INSERT INTO queue_test (note) VALUES ($1)", [`tx ${i}`]);
              await c.query("COMMIT");
            } finally {
              c.release();
            }
          })(),
        );
      }
      if (i % 8 === 0) {
        work.push(
          (async () => {
            const dying = await connect();
            socketOf(dying).write(Buffer.concat([parse("SELECT 1"), bind()]));
            await pause(5);
            socketOf(dying).destroy();
          })(),
        );
      }
    }
    await within(20_000, "mixed load", Promise.all(work));
    expect((await within(5000, "after the load", pool.query("SELECT count(*)::int AS n FROM queue_test WHERE note LIKE 'tx %'"))).rows).toEqual([{ n: 8 }]);
    await pool.end();
  });
});
