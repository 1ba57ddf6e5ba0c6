import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { forwardPoolNotifications } from "@/lib/db/notifications";
import { databaseUrl } from "@/lib/db/url";
import { PrismaClient } from "@/lib/generated/prisma/client";

// Prisma writes DateTime columns (timestamp without time zone) as UTC; read them back as UTC
// too, whatever the process's time zone. Prisma's adapter sets its own parsers per query.
const TIMESTAMP_OID = 1114;
const parseUtcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const typeParsers = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === TIMESTAMP_OID ? parseUtcTimestamp : (pg.types.getTypeParser(oid, format) as unknown))) as typeof pg.types.getTypeParser,
};

function createPool() {
  const created = new pg.Pool({
    connectionString: databaseUrl(),
    max: 10,
    types: typeParsers,
  });
  forwardPoolNotifications(created);
  return created;
}

function createClient() {
  return new PrismaClient({
    // $disconnect ends the shared pool too, as it ended the adapter's own before.
    adapter: new PrismaPg(pool(), { disposeExternalPool: true }),
    // Prisma's defaults (2 s to get a connection, 5 s in all) turn a busy machine or a row lock
    // held by a concurrent change (members, payments) into a failed request; wait longer instead.
    transactionOptions: { maxWait: 10_000, timeout: 30_000 },
    // Password hashes and secrets leave the database only where a query asks for them.
    omit: {
      user: { passwordHash: true },
      marketplaceConnection: { secretCiphertext: true },
      mkWorkerAccount: { passwordHash: true },
      mkApiKeySecret: { secretCiphertext: true },
    },
  });
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { hitdeskDb?: Db; hitdeskPool?: pg.Pool };

function pool(): pg.Pool {
  return (globalForDb.hitdeskPool ??= createPool());
}

/**
 * The connection pool under the Prisma client, for the few hot paths that send SQL themselves
 * (lib/marketplace/sql.ts, and pages' reads through queryRows): same database, same
 * connections. Everything else goes through `db`.
 */
export function sqlPool(): pg.Pool {
  client();
  return pool();
}

/**
 * The rows of a `Prisma.sql` statement, sent through pg: for the hot reads of pages (the HIT
 * list, the review queue), where Prisma's own work on a small statement cost as much as the
 * query. Rows come as pg parses them: timestamps as UTC Dates, JSON as values, bigint as text.
 * Dates are sent as UTC text, as Prisma sends them (pg would send the process's local time).
 */
export async function queryRows<T>(statement: { text: string; values: unknown[] }): Promise<T[]> {
  const values = statement.values.map((v) => (v instanceof Date ? v.toISOString() : v));
  return (await sqlPool().query<T & pg.QueryResultRow>({ text: statement.text, values })).rows;
}

function client(): Db {
  // Kept on globalThis so dev reloads do not open new pools.
  return (globalForDb.hitdeskDb ??= createClient());
}

/**
 * The one Prisma client. Created on first use, so importing it (as `next build` does while
 * collecting pages) needs no database.
 */
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const c = client();
    const value: unknown = Reflect.get(c, prop);
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(c) : value;
  },
});
