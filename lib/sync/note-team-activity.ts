import "server-only";
import { db } from "@/lib/db";
import type { EnvironmentName } from "@/lib/scope";

const NOTE_EVERY_MS = 60_000;
/** Per process: when this process last wrote lastSeenAt for a team and environment. */
const lastNoted = new Map<string, number>();

/**
 * Records that someone has the dashboard open on this team and environment, so the background
 * sync keeps its cache fresh. Called on every dashboard page view (the layout) and API request (the
 * guard: an open page that only polls is someone at work); writes at most once a minute per
 * process, and the SQL itself skips rows touched in the last minute (other processes).
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

/** Not awaited by callers: keeping the background sync informed must never slow or fail a request. */
export function noteTeamActivityInBackground(teamId: string, environment: EnvironmentName): void {
  noteTeamActivity(teamId, environment).catch((e: unknown) => console.error("[sync] noting team activity failed", e));
}
