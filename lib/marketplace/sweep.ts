import "server-only";
import { db } from "@/lib/db";
import { approveAssignmentInTx } from "@/lib/marketplace/assignment-decisions";
import { requesterNow } from "@/lib/marketplace/clock";
import { expireHitInTx } from "@/lib/marketplace/ops/hits";
import { releaseAssignmentInTx } from "@/lib/marketplace/work/return-assignment";

/**
 * What time does to a requester's work, applied from the database so nothing is lost on a
 * restart: assignments past their deadline are abandoned, HITs past their lifetime expire,
 * submitted work past its AutoApprovalTime is approved and paid. Every step is a conditional
 * update, so concurrent sweeps never apply one twice.
 */
const BATCH = 500;

export async function sweepRequester(requesterId: string): Promise<void> {
  const now = await requesterNow(requesterId);
  const late = await db.mkAssignment.findMany({ where: { requesterId, status: "Accepted", deadline: { lte: now } }, select: { id: true }, take: BATCH });
  for (const a of late) await db.$transaction((tx) => releaseAssignmentInTx(tx, a.id, "Abandoned", now));

  const expired = await db.mkHit.findMany({ where: { requesterId, status: "Assignable", expiresAt: { lte: now }, disposedAt: null }, take: BATCH });
  for (const hit of expired) await db.$transaction((tx) => expireHitInTx(tx, hit, now));

  const due = await db.mkAssignment.findMany({ where: { requesterId, status: "Submitted", autoApprovalTime: { lte: now } }, select: { id: true }, take: BATCH });
  for (const a of due) {
    try {
      await db.$transaction((tx) => approveAssignmentInTx(tx, { assignmentId: a.id, now }));
    } catch (e) {
      // Short of funds, or decided by someone else meanwhile: leave it; the next sweep retries.
      console.warn(`[marketplace] auto-approval of ${a.id} deferred: ${(e as Error).message}`);
    }
  }
}
