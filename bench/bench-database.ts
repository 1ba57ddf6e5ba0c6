import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { createFreshDatabase } from "@/lib/db/fresh-database";
import { applyMigrations } from "@/lib/db/schema-engine";
import { useDatabaseUrl } from "@/lib/db/url";
import { env } from "@/lib/env";

/**
 * The database a benchmark runs on: a fresh database on DATABASE_URL's server (dropped by
 * close()), else the embedded database in memory; migrated and made lib/db's database.
 */
export async function openBenchDatabase(): Promise<{ kind: "postgres" | "embedded"; close(): Promise<void> }> {
  const fresh = env.DATABASE_URL ? await createFreshDatabase(env.DATABASE_URL, "hitdesk_bench") : undefined;
  const embedded = fresh ? undefined : await startEmbeddedDatabase(undefined);
  const url = fresh?.url ?? embedded!.url;
  await applyMigrations(url);
  useDatabaseUrl(url);
  return {
    kind: fresh ? "postgres" : "embedded",
    async close() {
      await fresh?.drop();
      await embedded?.stop();
    },
  };
}
