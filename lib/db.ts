import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrl } from "@/lib/db/url";
import { PrismaClient } from "@/lib/generated/prisma/client";

function createClient() {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl(), max: 10 }),
    // Password hashes and secrets leave the database only where a query asks for them.
    omit: {
      user: { passwordHash: true },
      marketplaceConnection: { secretCiphertext: true },
      mkWorkerAccount: { passwordHash: true },
    },
  });
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { hitdeskDb?: Db };

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
