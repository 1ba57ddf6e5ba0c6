import "server-only";
import { db } from "@/lib/db";
import { agreementOfWorker } from "@/lib/review/worker-agreement";
import type { Scope } from "@/lib/scope";
import { refreshWorkerStats } from "@/lib/workers/refresh-worker-stats";

/** One worker as the team knows them: totals, recent assignments, scores, blocks and messages. */
export async function getWorkerProfile(scope: Scope, workerId: string) {
  await refreshWorkerStats(scope.teamId, scope.environment);
  const [stat, assignments, scores, block, blockHistory, messages, agreement] = await Promise.all([
    db.workerStat.findUnique({ where: { teamId_environment_workerId: { ...scope, workerId } } }),
    db.cachedAssignment.findMany({ where: { ...scope, workerId }, orderBy: { submitTime: { sort: "desc", nulls: "last" } }, take: 100 }),
    db.cachedQualificationScore.findMany({ where: { ...scope, workerId }, orderBy: { grantTime: "desc" } }),
    db.cachedWorkerBlock.findUnique({ where: { teamId_environment_workerId: { ...scope, workerId } } }),
    db.auditLog.findMany({
      where: { teamId: scope.teamId, environment: scope.environment, target: workerId, action: { in: ["worker.block", "worker.unblock"] } },
      orderBy: { createdAt: "desc" },
      take: 50,
    }),
    db.workerMessage.findMany({ where: { ...scope, workerIds: { has: workerId } }, orderBy: { createdAt: "desc" }, take: 50 }),
    agreementOfWorker(scope, workerId),
  ]);
  const [hits, types] = await Promise.all([
    db.cachedHit.findMany({ where: { ...scope, hitId: { in: [...new Set(assignments.map((a) => a.hitId))] } }, select: { hitId: true, title: true, rewardCents: true } }),
    db.cachedQualificationType.findMany({ where: { ...scope, qualificationTypeId: { in: scores.map((s) => s.qualificationTypeId) } }, select: { qualificationTypeId: true, name: true } }),
  ]);
  const hitBy = new Map(hits.map((h) => [h.hitId, h]));
  const typeBy = new Map(types.map((t) => [t.qualificationTypeId, t.name]));
  return {
    workerId,
    stat,
    /** How often their answers match the other workers' majority on the same HIT. */
    agreement,
    blocked: !!block && !block.forgottenAt,
    blockReason: block && !block.forgottenAt ? block.reason : null,
    blockHistory: blockHistory.map((a) => ({
      action: a.action === "worker.block" ? "Blocked" : "Unblocked",
      by: a.actorEmail,
      at: a.createdAt.toISOString(),
      reason: (a.detail as { reason?: string } | null)?.reason ?? "",
    })),
    assignments: assignments.map((a) => ({
      assignmentId: a.assignmentId,
      hitId: a.hitId,
      title: hitBy.get(a.hitId)?.title ?? a.hitId,
      rewardCents: hitBy.get(a.hitId)?.rewardCents ?? null,
      status: a.status,
      submitTime: a.submitTime?.toISOString() ?? null,
      seconds: a.submitTime && a.acceptTime ? Math.round((a.submitTime.getTime() - a.acceptTime.getTime()) / 1000) : null,
    })),
    scores: scores.map((s) => ({
      qualificationTypeId: s.qualificationTypeId,
      name: typeBy.get(s.qualificationTypeId) ?? s.qualificationTypeId,
      value: s.integerValue,
      status: s.forgottenAt ? "Revoked" : s.status,
      own: typeBy.has(s.qualificationTypeId),
    })),
    messages: messages.map((m) => ({
      id: m.id,
      subject: m.subject,
      body: m.body,
      at: m.createdAt.toISOString(),
      by: m.sentByEmail,
      failed: (m.failures as { workerId: string }[]).some((f) => f.workerId === workerId),
    })),
  };
}
