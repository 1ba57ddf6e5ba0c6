import { dataDir } from "@/lib/data-dir";
import { runningEmbeddedDatabase } from "@/lib/db/embedded";
import { env } from "@/lib/env";

let override: string | undefined;

/** For processes that open the database themselves (CLI, tests) before the first query. */
export function useDatabaseUrl(url: string): void {
  override = url;
}

/** DATABASE_URL, else the embedded database served by the running HITdesk. */
export function databaseUrl(): string {
  if (override) return override;
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const embedded = runningEmbeddedDatabase(dataDir());
  if (embedded) return embedded;
  throw new Error("No database: set DATABASE_URL, or start HITdesk with `npm start` to serve the embedded database.");
}

/** The error for a database server that does not answer, naming the URL without its password. */
export function unreachableDatabase(url: string, cause: unknown): Error {
  const safeUrl = url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
  return new Error(`Cannot reach the database at ${safeUrl}: ${(cause as Error).message}. Check DATABASE_URL.`);
}
