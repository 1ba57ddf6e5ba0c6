import "server-only";
import type { EnvironmentName } from "@/lib/auth/roles";
import { db } from "@/lib/db";

const NOTE_EVERY_MS = 60_000;
/** Per process: when this process last wrote lastSeenAt for a team and environment. */
const lastNoted = new Map<string, number>();

/**
 * Records that someone has the dashboard open on this team and environment, so the background
 * sync keeps its cache fresh. Called on every signed-in request; writes at most once a minute
 * per process, and the SQL itself skips rows touched in the last minute (other processes).
 */
export async function noteTeamActivity(teamId: string, environment: EnvironmentName): Promise<void> {
  const key = `${teamId}:${environment}`;
  const now = Date.now();
  if (now - (lastNoted.get(key) ?? 0) < NOTE_EVERY_MS) return;
  lastNoted.set(key, now);
  await db.$executeRaw`
    INSERT INTO "SyncState" ("teamId", environment, "lastSeenAt", "lastCalls")
    VALUES (${teamId}, ${environment}::"Environment", now(), 0)
    ON CONFLICT ("teamId", environment) DO UPDATE SET "lastSeenAt" = now()
    WHERE "SyncState"."lastSeenAt" IS NULL OR "SyncState"."lastSeenAt" < now() - interval '1 minute'`;
}
