import "server-only";
import { mapLimited } from "@/lib/map-limited";
import { ListAssignmentsForHITCommand, ListHITsCommand, type Assignment, type HIT, type MTurkClient } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dollarsToCents } from "@/lib/money";
import { parseQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import type { EnvironmentName, Scope } from "@/lib/scope";
import { hitsDueForBonusCheck, listHitBonuses, refreshHitBonuses } from "@/lib/sync/sync-bonuses";
import { countedSend, listAll, writeBehind, type CallCounter, type SyncContext } from "@/lib/sync/sync-context";
import { LEASE_RENEW_MS, releaseSyncLease, renewSyncLease, takeSyncLease, type SyncPartTimes } from "@/lib/sync/sync-lease";
import { syncQualifications } from "@/lib/sync/sync-qualifications";
import { syncWorkerBlocks } from "@/lib/sync/sync-worker-blocks";
import { LIST_PAGE_SIZE, nextPageToken } from "@/lib/mturk/pages";
import { assignmentEvents, expiredSinceWritten, hitEvents } from "@/lib/webhooks/mturk-events";
import { webhookDeliveryWrites, type WebhookEvent } from "@/lib/webhooks/webhook-event";

/**
 * Copies a team's marketplace account into HITdesk's cache, incrementally: one ListHITs page
 * per 100 HITs; assignments and bonus payments only for HITs whose status or counters changed
 * since the last sync and that show submitted work; the worker block list (one call per 100
 * blocks). The slow parts refresh only when asked or when older than a few minutes:
 * qualification types, requests and scores (a call per 100 scores per type) and the bonuses of
 * HITs with recent work, which a bonus paid later does not change. Whatever the marketplace no longer lists is kept, marked.
 */
export interface SyncResult extends CallCounter {
  skipped: boolean;
  hits: number;
  changedHits: number;
  assignments: number;
  bonuses: number;
  workerBlocks: number;
  qualificationTypes: number;
  qualificationRequests: number;
  qualificationScores: number;
  /** HITs, blocks, qualification types, requests and scores newly marked forgotten. */
  forgotten: number;
}

/**
 * When to refresh the slow parts: "due" when older than the routine interval (background and
 * plain syncs), "now" when someone asked (still not more often than every half minute, so a
 * button pressed repeatedly does not list every score every time), "never" to skip them.
 */
export type QualificationRefresh = "due" | "now" | "never";
export const QUALIFICATIONS_EVERY_MS = 5 * 60 * 1000;
const QUALIFICATIONS_ON_DEMAND_MS = 30 * 1000;

const HIT_CONCURRENCY = 8;
/** HITs read and waiting to be written, at most: reading runs ahead of the cache's writes by this much. */
const WRITE_BACKLOG = 200;

/** A HIT's cache columns, from ListHITs or GetHIT (both return the same HIT shape). */
export function hitRow(h: HIT, now: Date) {
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
    assignmentDurationSeconds: h.AssignmentDurationInSeconds ?? null,
    autoApprovalDelaySeconds: h.AutoApprovalDelayInSeconds ?? null,
    forgottenAt: null,
    syncedAt: now,
  };
}

/** A HIT's columns when first cached: its lifetime is known only now, before an extension moves the expiration. */
export function newHitRow(h: HIT, now: Date) {
  const row = hitRow(h, now);
  return { ...row, lifetimeSeconds: Math.max(0, Math.round((row.expiresAt.getTime() - row.createdAt.getTime()) / 1000)) };
}

/**
 * No assignment was ever submitted: every slot is still open or being worked on and none was
 * decided, so the HIT has no assignments to list and no bonuses (a bonus needs an assignment).
 */
export const noWorkSubmitted = (r: { assignmentsPending: number; assignmentsAvailable: number; assignmentsCompleted: number; maxAssignments: number }) =>
  r.assignmentsCompleted === 0 && r.assignmentsAvailable + r.assignmentsPending >= r.maxAssignments;

/** What tells us the HIT's assignments may have changed. */
export const counters = (r: { status: string; assignmentsPending: number; assignmentsAvailable: number; assignmentsCompleted: number; maxAssignments: number }) =>
  `${r.status}:${r.assignmentsPending}:${r.assignmentsAvailable}:${r.assignmentsCompleted}:${r.maxAssignments}`;

function answersOf(xml: string | undefined): Prisma.InputJsonValue | undefined {
  if (!xml) return undefined;
  try {
    return Object.fromEntries(parseQuestionFormAnswers(xml).map((a) => [a.questionIdentifier, a.values.length === 1 ? a.values[0]! : a.values]));
  } catch {
    return undefined;
  }
}

const time = (d: Date | null | undefined) => d?.getTime() ?? null;

/**
 * The write that moves a HIT's cached assignments to the HIT type it now has (UpdateHITTypeOfHIT):
 * the review queue filters assignments by their own copy of it. Nothing when none differ.
 */
export const assignmentsFollowHitType = (scope: { teamId: string; environment: EnvironmentName }, hitId: string, hitTypeId: string) =>
  db.cachedAssignment.updateMany({ where: { teamId: scope.teamId, environment: scope.environment, hitId, hitTypeId: { not: hitTypeId } }, data: { hitTypeId } });

/** One HIT's assignments and bonus payments as read from the marketplace, for storeHitsWork. */
export interface HitWork {
  hitId: string;
  /** Its HIT type, stored with each assignment: the review queue filters by type without a join. */
  hitTypeId: string;
  /** False for a HIT never fetched before, which cannot have cached assignments. */
  known: boolean;
  /** The HIT's counters (see `counters`) as read before its assignments were listed. */
  readAgainst: string;
  rows: Assignment[];
  bonuses: Prisma.CachedBonusPaymentCreateManyInput[];
}

/**
 * Writes several HITs' assignments and bonus payments in one transaction: new assignments in
 * one insert, changed ones updated, the rest untouched; then marks the HITs' assignments synced,
 * each only if the cache still holds the counters its assignments were read against. A sync
 * that wrote newer counters meanwhile (and may have failed before listing the newer work) must
 * not be covered by these older rows, or no later sync would see the HIT as changed.
 */
export async function storeHitsWork(ctx: SyncContext, works: readonly HitWork[]): Promise<void> {
  const { teamId, environment } = ctx;
  const now = new Date();
  const knownIds = works.filter((w) => w.known).flatMap((w) => w.rows.map((a) => a.AssignmentId!));
  const existing = new Map(
    knownIds.length
      ? (
          await db.cachedAssignment.findMany({
            where: { teamId, environment, assignmentId: { in: knownIds } },
            select: { assignmentId: true, status: true, submitTime: true, autoApprovalTime: true, approvalTime: true, rejectionTime: true, deadline: true, requesterFeedback: true, answerXml: true },
          })
        ).map((a) => [a.assignmentId, a])
      : [],
  );
  const data = (hitId: string, a: Assignment) => ({
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
  });
  const rows = works.flatMap((w) => w.rows.map((a) => ({ hitId: w.hitId, a })));
  const typeOf = new Map(works.map((w) => [w.hitId, w.hitTypeId]));
  const fresh = rows.filter(({ a }) => !existing.has(a.AssignmentId!));
  const changed = rows.filter(({ a }) => {
    const b = existing.get(a.AssignmentId!);
    return (
      b &&
      (b.status !== a.AssignmentStatus ||
        time(b.submitTime) !== time(a.SubmitTime) ||
        time(b.autoApprovalTime) !== time(a.AutoApprovalTime) ||
        time(b.approvalTime) !== time(a.ApprovalTime) ||
        time(b.rejectionTime) !== time(a.RejectionTime) ||
        time(b.deadline) !== time(a.Deadline) ||
        b.requesterFeedback !== (a.RequesterFeedback ?? null) ||
        b.answerXml !== (a.Answer ?? null))
    );
  });
  const bonuses = works.flatMap((w) => w.bonuses);
  const events = [...fresh, ...changed].flatMap(({ hitId, a }) => assignmentEvents(hitId, a, existing.get(a.AssignmentId!), now));
  await db.$transaction([
    // MTurk's events name the HIT type; assignments do not carry it, their HITs do.
    ...(await webhookDeliveryWrites(
      ctx,
      events.map((e) => ({ ...e, data: { ...e.data, HITTypeId: typeOf.get(String(e.data.HITId)) ?? null } })),
    )),
    ...(fresh.length
      ? [
          insertAssignments(
            ctx,
            fresh.map(({ hitId, a }) => ({ assignmentId: a.AssignmentId!, hitTypeId: typeOf.get(hitId)!, ...data(hitId, a) })),
          ),
        ]
      : []),
    ...changed.map(({ hitId, a }) => db.cachedAssignment.update({ where: { teamId_environment_assignmentId: { teamId, environment, assignmentId: a.AssignmentId! } }, data: data(hitId, a) })),
    ...(bonuses.length ? [db.cachedBonusPayment.createMany({ data: bonuses, skipDuplicates: true })] : []),
    db.$executeRaw`
      UPDATE "CachedHit" h SET "assignmentsSyncedAt" = ${now}, "bonusesSyncedAt" = ${now}
      FROM unnest(${works.map((w) => w.hitId)}::text[], ${works.map((w) => w.readAgainst)}::text[]) AS read("hitId", counters)
      WHERE h."teamId" = ${teamId} AND h.environment = ${environment}::"Environment" AND h."hitId" = read."hitId"
        AND concat_ws(':', h.status, h."assignmentsPending", h."assignmentsAvailable", h."assignmentsCompleted", h."maxAssignments") = read.counters`,
  ]);
}

/**
 * New cached assignments in one statement with one parameter, skipping any already cached: a
 * first sync writes hundreds of thousands, and Prisma's createMany spends more CPU binding each
 * row's fields than the database spends storing them.
 */
function insertAssignments(scope: Scope, rows: Omit<Prisma.CachedAssignmentCreateManyInput, "teamId" | "environment">[]) {
  return db.$executeRaw`
    INSERT INTO "CachedAssignment" ("teamId", environment, "assignmentId", "hitId", "hitTypeId", "workerId", status, "acceptTime", "submitTime",
      "autoApprovalTime", "approvalTime", "rejectionTime", deadline, "answerXml", answers, "requesterFeedback", "syncedAt")
    SELECT ${scope.teamId}, ${scope.environment}::"Environment", r."assignmentId", r."hitId", r."hitTypeId", r."workerId", r.status, r."acceptTime", r."submitTime",
      r."autoApprovalTime", r."approvalTime", r."rejectionTime", r.deadline, r."answerXml", r.answers, r."requesterFeedback", r."syncedAt"
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS r("assignmentId" text, "hitId" text, "hitTypeId" text, "workerId" text, status text,
      "acceptTime" timestamp(3), "submitTime" timestamp(3), "autoApprovalTime" timestamp(3), "approvalTime" timestamp(3), "rejectionTime" timestamp(3),
      deadline timestamp(3), "answerXml" text, answers jsonb, "requesterFeedback" text, "syncedAt" timestamp(3))
    ON CONFLICT DO NOTHING`;
}

/** ListHITs page by page; returns the HITs whose assignments need fetching. */
async function syncHits(ctx: SyncContext, result: SyncResult, force: boolean): Promise<{ changed: Map<string, { readAgainst: string; hitTypeId: string }>; seen: Set<string>; known: Set<string> }> {
  const { teamId, environment } = ctx;
  const seen = new Set<string>();
  /** HIT id → the counters it was listed with, and its HIT type. */
  const changed = new Map<string, { readAgainst: string; hitTypeId: string }>();
  /** HITs cached before this sync: only they can have cached assignments. */
  const known = new Set<string>();
  let token: string | undefined;
  do {
    const page = await ctx.send(new ListHITsCommand({ MaxResults: LIST_PAGE_SIZE, NextToken: token }));
    token = nextPageToken(page.HITs, page.NextToken);
    const hits = page.HITs ?? [];
    const cached = await db.cachedHit.findMany({ where: { teamId, environment, hitId: { in: hits.map((h) => h.HITId!) } } });
    const byId = new Map(cached.map((c) => [c.hitId, c]));
    const now = new Date();
    const created: Prisma.CachedHitCreateManyInput[] = [];
    const writes: Prisma.PrismaPromise<unknown>[] = [];
    const events: WebhookEvent[] = [];
    for (const h of hits) {
      seen.add(h.HITId!);
      const row = hitRow(h, now);
      const before = byId.get(h.HITId!);
      if (before) known.add(h.HITId!);
      const moved = !before || counters(before) !== counters(row) || !before.assignmentsSyncedAt || force;
      // Its counters say there is nothing to list: synced as it stands, without a call.
      const nothingToRead = moved && !force && noWorkSubmitted(row);
      if (moved && !nothingToRead) changed.set(h.HITId!, { readAgainst: counters(row), hitTypeId: row.hitTypeId });
      const synced = nothingToRead ? { assignmentsSyncedAt: now, bonusesSyncedAt: now } : {};
      if (!before) created.push({ teamId, environment, hitId: h.HITId!, ...newHitRow(h, now), ...synced });
      else if (
        nothingToRead ||
        // Rewritten once when its expiration passes, which its HITExpired event is derived from.
        expiredSinceWritten(before, row, now) ||
        counters(before) !== counters(row) ||
        before.forgottenAt ||
        before.expiresAt.getTime() !== row.expiresAt.getTime() ||
        before.hitTypeId !== row.hitTypeId ||
        before.assignmentDurationSeconds !== row.assignmentDurationSeconds
      ) {
        // Until its assignments are read again the HIT counts as not synced, so a sync that
        // fails half-way retries it next time even though its counters are already stored.
        const stale = nothingToRead ? synced : counters(before) !== counters(row) ? { assignmentsSyncedAt: null } : {};
        writes.push(db.cachedHit.update({ where: { teamId_environment_hitId: { teamId, environment, hitId: h.HITId! } }, data: { ...row, ...stale } }));
        if (before.hitTypeId !== row.hitTypeId) writes.push(assignmentsFollowHitType(ctx, h.HITId!, row.hitTypeId));
        events.push(...hitEvents(h.HITId!, before, row, now));
      }
    }
    // New HITs (all of them on a first sync) in one insert per page.
    if (created.length) writes.unshift(db.cachedHit.createMany({ data: created }));
    writes.push(...(await webhookDeliveryWrites(ctx, events)));
    if (writes.length) await db.$transaction(writes);
    result.hits += hits.length;
  } while (token);
  return { changed, seen, known };
}

export async function syncAccount(input: {
  teamId: string;
  environment: EnvironmentName;
  client: MTurkClient;
  /** Refetch every HIT's assignments and bonuses, changed or not. */
  force?: boolean;
  qualifications?: QualificationRefresh;
}): Promise<SyncResult> {
  const { teamId, environment, client } = input;
  const result: SyncResult = {
    skipped: false,
    calls: 0,
    callsByOperation: {},
    hits: 0,
    changedHits: 0,
    assignments: 0,
    bonuses: 0,
    workerBlocks: 0,
    qualificationTypes: 0,
    qualificationRequests: 0,
    qualificationScores: 0,
    forgotten: 0,
  };
  const holder = await takeSyncLease(teamId, environment);
  if (!holder) return { ...result, skipped: true };
  const ctx: SyncContext = { teamId, environment, client, send: countedSend(client, result) };
  const parts: SyncPartTimes = {};
  const renewal = setInterval(() => void renewSyncLease(teamId, environment, holder).catch(() => undefined), LEASE_RENEW_MS);
  renewal.unref();
  const startedAt = new Date();
  try {
    const { changed, seen, known } = await syncHits(ctx, result, !!input.force);
    result.changedHits = changed.size;
    // A changed HIT's bonuses are read with its assignments: bonuses follow submissions and decisions.
    // The HITs read while one write runs go in the next: one transaction for several HITs.
    const store = writeBehind((works: HitWork[]) => storeHitsWork(ctx, works), WRITE_BACKLOG);
    try {
      await mapLimited([...changed], HIT_CONCURRENCY, async ([hitId, { readAgainst, hitTypeId }]) => {
        const rows = await listAll(async (token) => {
          const page = await ctx.send(new ListAssignmentsForHITCommand({ HITId: hitId, MaxResults: LIST_PAGE_SIZE, NextToken: token }));
          return { items: page.Assignments, next: page.NextToken };
        });
        // No assignment, no bonus: SendBonus needs one.
        const bonuses = rows.length ? await listHitBonuses(ctx, hitId) : [];
        await store.add({ hitId, hitTypeId, known: known.has(hitId), readAgainst, rows, bonuses });
        result.assignments += rows.length;
        result.bonuses += bonuses.length;
      });
    } finally {
      // After a failed read too: nothing of this sync writes once it has returned.
      await store.flush().catch(() => undefined);
    }
    await store.flush();
    // Everything listed was seen in this pass; cached HITs not seen are gone from the marketplace.
    // Compared here rather than with `notIn: seen`, which would bind one parameter per HIT.
    const live = await db.cachedHit.findMany({ where: { teamId, environment, forgottenAt: null, syncedAt: { lt: startedAt } }, select: { hitId: true } });
    const gone = live.map((h) => h.hitId).filter((hitId) => !seen.has(hitId));
    for (let i = 0; i < gone.length; i += 1000) {
      const forgotten = await db.cachedHit.updateMany({ where: { teamId, environment, hitId: { in: gone.slice(i, i + 1000) } }, data: { forgottenAt: new Date() } });
      result.forgotten += forgotten.count;
    }
    parts.hitsSyncedAt = parts.bonusesSyncedAt = new Date();

    const blocks = await syncWorkerBlocks(ctx);
    result.workerBlocks = blocks.listed;
    result.forgotten += blocks.forgotten;
    parts.workerBlocksSyncedAt = new Date();

    if (await slowPartsDue(teamId, environment, input.qualifications ?? "due")) {
      const recheck = await hitsDueForBonusCheck(teamId, environment, startedAt);
      await mapLimited(recheck, HIT_CONCURRENCY, async (hitId) => {
        result.bonuses += await refreshHitBonuses(ctx, hitId);
      });
      if (recheck.length) parts.bonusesSyncedAt = new Date();

      const q = await syncQualifications(ctx, (part, at) => {
        if (part === "types") parts.qualificationTypesSyncedAt = at;
        else if (part === "requests") parts.qualificationRequestsSyncedAt = at;
        else parts.qualificationScoresSyncedAt = at;
      });
      result.qualificationTypes = q.types;
      result.qualificationRequests = q.requests;
      result.qualificationScores = q.scores;
      result.forgotten += q.forgotten;
    }
    await releaseSyncLease(teamId, environment, holder, { calls: result.calls, parts });
    return result;
  } catch (e) {
    // Parts finished before the failure keep their new times.
    await releaseSyncLease(teamId, environment, holder, { calls: result.calls, parts, error: e instanceof Error ? e.message : String(e) });
    throw e;
  } finally {
    clearInterval(renewal);
  }
}

async function slowPartsDue(teamId: string, environment: EnvironmentName, refresh: QualificationRefresh): Promise<boolean> {
  if (refresh === "never") return false;
  const state = await db.syncState.findUnique({ where: { teamId_environment: { teamId, environment } }, select: { qualificationScoresSyncedAt: true } });
  const last = state?.qualificationScoresSyncedAt?.getTime() ?? 0;
  return Date.now() - last >= (refresh === "now" ? QUALIFICATIONS_ON_DEMAND_MS : QUALIFICATIONS_EVERY_MS);
}
