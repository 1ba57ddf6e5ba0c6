import pg from "pg";
import { dataDir } from "@/lib/data-dir";
import { runningEmbeddedDatabase, startEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/schema-engine";
import { unreachableDatabase, useDatabaseUrl } from "@/lib/db/url";
import { env } from "@/lib/env";

export interface OpenDatabase {
  url: string;
  /** embedded-owned: this process serves the embedded database; embedded-shared: another HITdesk does. */
  kind: "server" | "embedded-owned" | "embedded-shared";
  appliedMigrations: string[];
  close(): Promise<void>;
}

async function checkReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (e) {
    throw unreachableDatabase(url, e);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The database for this process, migrated: DATABASE_URL, the embedded database another
 * HITdesk process is serving, or the embedded database opened and served here.
 */
export async function openDatabase(options: { serveEmbedded?: boolean; port?: number } = {}): Promise<OpenDatabase> {
  let url: string;
  let kind: OpenDatabase["kind"];
  let stop = async () => {};
  if (env.DATABASE_URL) {
    url = env.DATABASE_URL;
    kind = "server";
    await checkReachable(url);
  } else {
    const shared = options.serveEmbedded ? undefined : runningEmbeddedDatabase(dataDir());
    if (shared) {
      url = shared;
      kind = "embedded-shared";
    } else {
      const embedded = await startEmbeddedDatabase(dataDir(), options.port ?? 0);
      url = embedded.url;
      kind = "embedded-owned";
      stop = () => embedded.stop();
    }
  }
  useDatabaseUrl(url);
  const appliedMigrations = await applyMigrations(url);
  return { url, kind, appliedMigrations, close: stop };
}
