import "server-only";
import { ListWorkerBlocksCommand } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import { listAll, type SyncContext } from "@/lib/sync/sync-context";
import { LIST_PAGE_SIZE } from "@/lib/mturk/pages";

/**
 * The full block list: one call per 100 blocks, written only where something changed. A block
 * no longer listed was lifted; its row stays, marked forgotten, until the worker is blocked again.
 */
export async function syncWorkerBlocks(ctx: SyncContext): Promise<{ listed: number; forgotten: number }> {
  const { teamId, environment } = ctx;
  const listed = await listAll(async (token) => {
    const page = await ctx.send(new ListWorkerBlocksCommand({ MaxResults: LIST_PAGE_SIZE, NextToken: token }));
    return { items: page.WorkerBlocks, next: page.NextToken };
  });
  const cached = new Map((await db.cachedWorkerBlock.findMany({ where: { teamId, environment } })).map((b) => [b.workerId, b]));
  const now = new Date();
  const writes = [];
  const seen = new Set<string>();
  for (const block of listed) {
    const workerId = block.WorkerId!;
    const reason = block.Reason ?? "";
    seen.add(workerId);
    const before = cached.get(workerId);
    if (!before) writes.push(db.cachedWorkerBlock.create({ data: { teamId, environment, workerId, reason, firstSeenAt: now, syncedAt: now } }));
    else if (before.forgottenAt || before.reason !== reason) {
      writes.push(
        db.cachedWorkerBlock.update({
          where: { teamId_environment_workerId: { teamId, environment, workerId } },
          // Blocked again after being lifted: a new block, seen from now.
          data: { reason, forgottenAt: null, syncedAt: now, ...(before.forgottenAt ? { firstSeenAt: now } : {}) },
        }),
      );
    }
  }
  const lifted = [...cached.values()].filter((b) => !b.forgottenAt && !seen.has(b.workerId)).map((b) => b.workerId);
  if (lifted.length) writes.push(db.cachedWorkerBlock.updateMany({ where: { teamId, environment, workerId: { in: lifted } }, data: { forgottenAt: now } }));
  if (writes.length) await db.$transaction(writes);
  return { listed: listed.length, forgotten: lifted.length };
}
