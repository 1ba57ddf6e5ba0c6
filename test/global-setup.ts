import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedDatabase } from "../lib/db/embedded";
import { createFreshDatabase } from "../lib/db/fresh-database";
import { applyMigrations } from "../lib/db/schema-engine";

/**
 * One migrated database for the run: a fresh database on the Postgres server named by
 * HITDESK_TEST_DATABASE_URL (CI), else an in-memory embedded one. Tests isolate themselves
 * by creating their own teams/requesters, never by truncating.
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "hitdesk-test-"));
  let url: string;
  let teardown: () => Promise<void>;
  const server = process.env.HITDESK_TEST_DATABASE_URL;
  if (server) {
    const database = await createFreshDatabase(server, "hitdesk_unit");
    url = database.url;
    teardown = () => database.drop();
  } else {
    const embedded = await startEmbeddedDatabase(undefined);
    url = embedded.url;
    teardown = () => embedded.stop();
  }
  await applyMigrations(url);
  project.provide("databaseUrl", url);
  project.provide("dataDir", dataDir);
  return async () => {
    await teardown();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    dataDir: string;
  }
}
