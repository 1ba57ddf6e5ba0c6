import "server-only";
import { ListAssignmentsForHITCommand, ListHITsCommand, type Assignment, type HIT, type MTurkClient } from "@aws-sdk/client-mturk";
import type { EnvironmentName } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseQuestionFormAnswers } from "@/lib/marketplace/answers";
import { dollarsToCents } from "@/lib/money";
import { sendWith } from "@/lib/mturk/send";
import { releaseSyncLease, takeSyncLease } from "@/lib/sync/sync-lease";

/**
 * Copies a team's marketplace account into HITdesk's cache, incrementally: one ListHITs page
 * per 100 HITs, and assignments only for HITs whose status or counters changed since the last
 * sync. HITs the marketplace no longer lists are kept, marked forgotten.
 */
export interface SyncResult {
  skipped: boolean;
  calls: number;
  hits: number;
  changedHits: number;
  assignments: number;
  forgotten: number;
}

const ASSIGNMENT_CONCURRENCY = 4;

function hitRow(h: HIT, now: Date) {
  return {
    hitTypeId: h.HITTypeId!,
    title: h.Title ?? "",
    description: h.Description ?? "",
    keywords: h.Keywords ?? null,
    rewardCents: dollarsToCents(h.Reward ?? "0"),
    maxAssignments: h.MaxAssignments ?? 1,
    status: h.HITStatus ?? "Assignable",
    reviewStatus: h.HITReviewStatus ?? "NotReviewed",
    assignmentsPending: h.NumberOfAssignmentsPending ?? 0,
    assignmentsAvailable: h.NumberOfAssignmentsAvailable ?? 0,
    assignmentsCompleted: h.NumberOfAssignmentsCompleted ?? 0,
    createdAt: h.CreationTime ?? now,
    expiresAt: h.Expiration ?? now,
    requesterAnnotation: h.RequesterAnnotation ?? null,
    qualificationRequirements: (h.QualificationRequirements ?? []) as unknown as Prisma.InputJsonValue,
    forgottenAt: null,
    syncedAt: now,
  };
}

/** What tells us the HIT's assignments may have changed. */
const counters = (r: { status: string; assignmentsPending: number; assignmentsAvailable: number; assignmentsCompleted: number; maxAssignments: number }) =>
  `${r.status}:${r.assignmentsPending}:${r.assignmentsAvailable}:${r.assignmentsCompleted}:${r.maxAssignments}`;

function answersOf(xml: string | undefined): Prisma.InputJsonValue | undefined {
  if (!xml) return undefined;
  try {
    return Object.fromEntries(parseQuestionFormAnswers(xml).map((a) => [a.questionIdentifier, a.values.length === 1 ? a.values[0]! : a.values]));
  } catch {
    return undefined;
  }
}

async function mapLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export async function syncAccount(input: { teamId: string; environment: EnvironmentName; client: MTurkClient; force?: boolean }): Promise<SyncResult> {
  const { teamId, environment, client } = input;
  const result: SyncResult = { skipped: false, calls: 0, hits: 0, changedHits: 0, assignments: 0, forgotten: 0 };
  const holder = await takeSyncLease(teamId, environment);
  if (!holder) return { ...result, skipped: true };
  const send: typeof sendWith = (c, command) => {
    result.calls++;
    return sendWith(c, command);
  };
  const startedAt = new Date();
  try {
    const seen = new Set<string>();
    const changed: string[] = [];
    let token: string | undefined;
    do {
      const page = await send(client, new ListHITsCommand({ MaxResults: 100, NextToken: token }));
      token = page.NextToken;
      const hits = page.HITs ?? [];
      const cached = await db.cachedHit.findMany({ where: { teamId, environment, hitId: { in: hits.map((h) => h.HITId!) } } });
      const byId = new Map(cached.map((c) => [c.hitId, c]));
      const now = new Date();
      const writes: Prisma.PrismaPromise<unknown>[] = [];
      for (const h of hits) {
        seen.add(h.HITId!);
        const row = hitRow(h, now);
        const before = byId.get(h.HITId!);
        if (!before || counters(before) !== counters(row) || !before.assignmentsSyncedAt || input.force) changed.push(h.HITId!);
        if (!before) writes.push(db.cachedHit.create({ data: { teamId, environment, hitId: h.HITId!, ...row } }));
        else if (counters(before) !== counters(row) || before.forgottenAt || before.expiresAt.getTime() !== row.expiresAt.getTime() || before.hitTypeId !== row.hitTypeId) {
          writes.push(db.cachedHit.update({ where: { teamId_environment_hitId: { teamId, environment, hitId: h.HITId! } }, data: row }));
        }
      }
      if (writes.length) await db.$transaction(writes);
      result.hits += hits.length;
    } while (token);

    result.changedHits = changed.length;
    await mapLimited(changed, ASSIGNMENT_CONCURRENCY, async (hitId) => {
      let next: string | undefined;
      const rows: Assignment[] = [];
      do {
        const page = await send(client, new ListAssignmentsForHITCommand({ HITId: hitId, MaxResults: 100, NextToken: next }));
        rows.push(...(page.Assignments ?? []));
        next = page.NextToken;
      } while (next);
      const now = new Date();
      await db.$transaction([
        ...rows.map((a) => {
          const data = {
            hitId,
            workerId: a.WorkerId!,
            status: a.AssignmentStatus!,
            acceptTime: a.AcceptTime ?? null,
            submitTime: a.SubmitTime ?? null,
            autoApprovalTime: a.AutoApprovalTime ?? null,
            approvalTime: a.ApprovalTime ?? null,
            rejectionTime: a.RejectionTime ?? null,
            deadline: a.Deadline ?? null,
            answerXml: a.Answer ?? null,
            answers: answersOf(a.Answer),
            requesterFeedback: a.RequesterFeedback ?? null,
            syncedAt: now,
          };
          return db.cachedAssignment.upsert({
            where: { teamId_environment_assignmentId: { teamId, environment, assignmentId: a.AssignmentId! } },
            create: { teamId, environment, assignmentId: a.AssignmentId!, ...data },
            update: data,
          });
        }),
        db.cachedHit.update({ where: { teamId_environment_hitId: { teamId, environment, hitId } }, data: { assignmentsSyncedAt: now } }),
      ]);
      result.assignments += rows.length;
    });

    // Everything listed was seen in this pass; cached HITs not seen are gone from the marketplace.
    const forgotten = await db.cachedHit.updateMany({
      where: { teamId, environment, forgottenAt: null, syncedAt: { lt: startedAt }, hitId: { notIn: [...seen] } },
      data: { forgottenAt: new Date() },
    });
    result.forgotten = forgotten.count;
    await releaseSyncLease(teamId, environment, holder, { calls: result.calls, hitsSyncedAt: new Date() });
    return result;
  } catch (e) {
    await releaseSyncLease(teamId, environment, holder, { calls: result.calls, error: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}
