import "server-only";
import { db } from "@/lib/db";

export const MY_WORK_PAGE_SIZE = 25;
export const MY_WORK_STATUSES = ["all", "Accepted", "Submitted", "Approved", "Rejected"] as const;
export type MyWorkStatus = (typeof MY_WORK_STATUSES)[number];

/** The worker's assignments, newest first, with the HIT and the requester's feedback. */
export async function listMyAssignments(workerId: string, options: { status: MyWorkStatus; page: number }) {
  const where = { workerId, status: options.status === "all" ? { in: ["Accepted", "Submitted", "Approved", "Rejected"] } : options.status };
  const rows = await db.mkAssignment.findMany({
    where,
    orderBy: { seq: "desc" },
    skip: (options.page - 1) * MY_WORK_PAGE_SIZE,
    take: MY_WORK_PAGE_SIZE + 1,
    select: { id: true, hitId: true, requesterId: true, status: true, acceptTime: true, submitTime: true, approvalTime: true, rejectionTime: true, deadline: true, requesterFeedback: true },
  });
  const page = rows.slice(0, MY_WORK_PAGE_SIZE);
  const [hits, requesters] = await Promise.all([
    db.mkHit.findMany({ where: { id: { in: [...new Set(page.map((r) => r.hitId))] } }, select: { id: true, title: true, rewardCents: true } }),
    db.mkRequester.findMany({ where: { id: { in: [...new Set(page.map((r) => r.requesterId))] } }, select: { id: true, name: true, environment: true } }),
  ]);
  const hitById = new Map(hits.map((h) => [h.id, h]));
  const requesterById = new Map(requesters.map((r) => [r.id, r]));
  return {
    hasMore: rows.length > MY_WORK_PAGE_SIZE,
    assignments: page.map((a) => ({
      ...a,
      title: hitById.get(a.hitId)?.title ?? a.hitId,
      rewardCents: hitById.get(a.hitId)?.rewardCents ?? 0,
      requesterName: requesterById.get(a.requesterId)?.name ?? "",
      environment: requesterById.get(a.requesterId)?.environment ?? "sandbox",
    })),
  };
}

/** Earnings from the marketplace ledger (what was actually paid), and counts by status. */
export async function workerSummary(workerId: string) {
  const [paid, counts, unread, bonuses] = await Promise.all([
    db.mkLedgerEntry.groupBy({ by: ["kind"], where: { workerId, kind: { in: ["reward", "bonus"] } }, _sum: { amountCents: true } }),
    db.mkAssignment.groupBy({ by: ["status"], where: { workerId }, _count: { _all: true } }),
    db.mkWorkerMessage.count({ where: { workerId, readAt: null } }),
    db.mkBonusPayment.findMany({ where: { workerId }, orderBy: { seq: "desc" }, take: 10, select: { id: true, amountCents: true, reason: true, grantTime: true, requesterId: true } }),
  ]);
  const sum = (kind: string) => -(paid.find((p) => p.kind === kind)?._sum.amountCents ?? 0);
  const count = (status: string) => counts.find((c) => c.status === status)?._count._all ?? 0;
  const requesters = await db.mkRequester.findMany({ where: { id: { in: [...new Set(bonuses.map((b) => b.requesterId))] } }, select: { id: true, name: true } });
  const names = new Map(requesters.map((r) => [r.id, r.name]));
  return {
    rewardsCents: sum("reward"),
    bonusesCents: sum("bonus"),
    accepted: count("Accepted"),
    submitted: count("Submitted"),
    approved: count("Approved"),
    rejected: count("Rejected"),
    unreadMessages: unread,
    recentBonuses: bonuses.map((b) => ({ ...b, requesterName: names.get(b.requesterId) ?? "" })),
  };
}

/** Messages from requesters (NotifyWorkers), newest first; reading them marks them read. */
export async function readMyMessages(workerId: string, take = 50) {
  const messages = await db.mkWorkerMessage.findMany({ where: { workerId }, orderBy: { createdAt: "desc" }, take });
  const requesters = await db.mkRequester.findMany({ where: { id: { in: [...new Set(messages.map((m) => m.requesterId))] } }, select: { id: true, name: true } });
  const names = new Map(requesters.map((r) => [r.id, r.name]));
  const unread = messages.filter((m) => !m.readAt).map((m) => m.id);
  if (unread.length) await db.mkWorkerMessage.updateMany({ where: { id: { in: unread }, workerId }, data: { readAt: new Date() } });
  return messages.map((m) => ({ id: m.id, subject: m.subject, message: m.message, createdAt: m.createdAt, unread: !m.readAt, requesterName: names.get(m.requesterId) ?? "" }));
}
