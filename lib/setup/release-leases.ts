import "server-only";
import { db } from "@/lib/db";

/**
 * The embedded database serves one HITdesk server at a time (its folder lock sees to that), so at
 * start-up any lease still held on a job or a sync was held by a server that died with it:
 * release them, so interrupted work resumes at once instead of when the lease runs out. On a
 * shared Postgres another live instance may hold them; there the leases expire on their own.
 */
/** Returns how many jobs were interrupted (the ones worth telling the person who starts HITdesk). */
export async function releaseLeasesOfDeadServer(): Promise<number> {
  const [jobs] = await db.$transaction([
    db.job.updateMany({ where: { lockedUntil: { not: null } }, data: { lockedBy: null, lockedUntil: null } }),
    db.syncState.updateMany({ where: { lockedUntil: { not: null } }, data: { lockedBy: null, lockedUntil: null } }),
  ]);
  return jobs.count;
}
