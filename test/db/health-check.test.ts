import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { useDatabaseUrl } from "@/lib/db/url";
import { checkDatabase } from "@/lib/health/check-database";

/** The health check reports a database that does not answer, instead of waiting with it. */

let embedded: EmbeddedDatabase;
beforeAll(async () => {
  // Holders are closed only after a minute here: long enough to see the stall.
  embedded = await startEmbeddedDatabase(undefined, 0, { queue: { warnAfterMs: 60_000, closeIdleHolderAfterMs: 60_000, log: () => {} } });
  useDatabaseUrl(embedded.url);
});
afterAll(async () => {
  await embedded?.stop();
});

it("answers ok when the database answers, and not ok within its timeout when the database is stalled", async () => {
  expect(await checkDatabase(2000)).toMatchObject({ ok: true });

  // A connection idle inside a transaction holds the embedded database: everyone else waits.
  const holder = new pg.Client({ connectionString: embedded.url });
  await holder.connect();
  await holder.query("BEGIN");
  const started = Date.now();
  const stalled = await checkDatabase(1000);
  expect(Date.now() - started).toBeLessThan(2500);
  expect(stalled).toEqual({ ok: false, ms: expect.any(Number), error: "The database did not answer select 1 within 1 s." });

  await holder.query("COMMIT");
  await holder.end();
  // The abandoned check's connection left nothing behind.
  expect(await checkDatabase(2000)).toMatchObject({ ok: true });
});
