import "server-only";
import { mapLimited } from "@/lib/map-limited";
import { ListQualificationRequestsCommand, ListQualificationTypesCommand, ListWorkersWithQualificationTypeCommand } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import { upsertCachedQualificationType } from "@/lib/qualifications/cache-qualification-type";
import { listAll, type SyncContext } from "@/lib/sync/sync-context";
import { LIST_PAGE_SIZE } from "@/lib/mturk/pages";
import { qualificationRequestEvents } from "@/lib/notifications/qualification-request-events";
import { notificationWrites } from "@/lib/notifications/notify";
import { webhookDeliveryWrites } from "@/lib/webhooks/webhook-event";

const SCORE_CONCURRENCY = 4;

export interface QualificationSyncResult {
  types: number;
  requests: number;
  scores: number;
  forgotten: number;
}

/**
 * The team's own qualification types, their pending requests and every worker's score. These
 * lists cannot be read incrementally (one call per 100 scores per type), so the caller runs
 * this on demand and every few minutes, not on every sync. Whatever is no longer listed is kept,
 * marked forgotten: a disposed type, a decided request, a removed score.
 */
export async function syncQualifications(ctx: SyncContext, onPart: (part: "types" | "requests" | "scores", at: Date) => void): Promise<QualificationSyncResult> {
  const { teamId, environment } = ctx;
  const result: QualificationSyncResult = { types: 0, requests: 0, scores: 0, forgotten: 0 };

  const types = await listAll(async (token) => {
    const page = await ctx.send(new ListQualificationTypesCommand({ MustBeOwnedByCaller: true, MustBeRequestable: false, MaxResults: LIST_PAGE_SIZE, NextToken: token }));
    return { items: page.QualificationTypes, next: page.NextToken };
  });
  let now = new Date();
  const typeIds = types.map((t) => t.QualificationTypeId!);
  const [forgottenTypes] = await db.$transaction([
    db.cachedQualificationType.updateMany({ where: { teamId, environment, forgottenAt: null, qualificationTypeId: { notIn: typeIds } }, data: { forgottenAt: now } }),
    ...types.map((t) => upsertCachedQualificationType(teamId, environment, t, now)),
  ]);
  result.types = types.length;
  result.forgotten += forgottenTypes.count;
  onPart("types", now);

  const requests = await listAll(async (token) => {
    const page = await ctx.send(new ListQualificationRequestsCommand({ MaxResults: LIST_PAGE_SIZE, NextToken: token }));
    return { items: page.QualificationRequests, next: page.NextToken };
  });
  now = new Date();
  const requestIds = requests.map((r) => r.QualificationRequestId!);
  // Every listed request, each once: a delivery already queued for the request is skipped.
  const requested = requests.map((r) => ({
    type: "QualificationRequested" as const,
    key: r.QualificationRequestId!,
    occurredAt: r.SubmitTime ?? now,
    data: { QualificationRequestId: r.QualificationRequestId!, QualificationTypeId: r.QualificationTypeId!, WorkerId: r.WorkerId!, EventTimestamp: (r.SubmitTime ?? now).toISOString() },
  }));
  const [, decided] = await db.$transaction([
    db.cachedQualificationRequest.createMany({
      data: requests.map((r) => ({
        teamId,
        environment,
        qualificationRequestId: r.QualificationRequestId!,
        qualificationTypeId: r.QualificationTypeId!,
        workerId: r.WorkerId!,
        test: r.Test ?? null,
        answer: r.Answer ?? null,
        submitTime: r.SubmitTime ?? now,
        syncedAt: now,
      })),
      skipDuplicates: true,
    }),
    // Only pending requests are listed: one that is gone was approved, rejected or withdrawn.
    db.cachedQualificationRequest.updateMany({ where: { teamId, environment, forgottenAt: null, qualificationRequestId: { notIn: requestIds } }, data: { forgottenAt: now } }),
    ...(await webhookDeliveryWrites(ctx, requested)),
    ...notificationWrites(ctx, qualificationRequestEvents(requests, new Map(types.map((t) => [t.QualificationTypeId!, t.Name ?? ""])), now)),
  ]);
  result.requests = requests.length;
  result.forgotten += decided.count;
  onPart("requests", now);

  await mapLimited(typeIds, SCORE_CONCURRENCY, async (qualificationTypeId) => {
    const scores = await listAll(async (token) => {
      const page = await ctx.send(new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: qualificationTypeId, MaxResults: LIST_PAGE_SIZE, NextToken: token }));
      return { items: page.Qualifications, next: page.NextToken };
    });
    const at = new Date();
    const key = (workerId: string) => ({ teamId_environment_qualificationTypeId_workerId: { teamId, environment, qualificationTypeId, workerId } });
    const cached = new Map((await db.cachedQualificationScore.findMany({ where: { teamId, environment, qualificationTypeId } })).map((s) => [s.workerId, s]));
    const writes = [];
    const seen = new Set<string>();
    for (const q of scores) {
      const workerId = q.WorkerId!;
      seen.add(workerId);
      const data = {
        integerValue: q.IntegerValue ?? null,
        localeCountry: q.LocaleValue?.Country ?? null,
        localeSubdivision: q.LocaleValue?.Subdivision ?? null,
        status: q.Status ?? "Granted",
        grantTime: q.GrantTime ?? at,
        forgottenAt: null,
        syncedAt: at,
      };
      const before = cached.get(workerId);
      if (!before) writes.push(db.cachedQualificationScore.create({ data: { teamId, environment, qualificationTypeId, workerId, ...data } }));
      else if (
        before.forgottenAt ||
        before.integerValue !== data.integerValue ||
        before.status !== data.status ||
        before.localeCountry !== data.localeCountry ||
        before.localeSubdivision !== data.localeSubdivision ||
        before.grantTime.getTime() !== data.grantTime.getTime()
      ) {
        writes.push(db.cachedQualificationScore.update({ where: key(workerId), data }));
      }
    }
    const gone = [...cached.values()].filter((s) => !s.forgottenAt && !seen.has(s.workerId)).map((s) => s.workerId);
    if (gone.length) writes.push(db.cachedQualificationScore.updateMany({ where: { teamId, environment, qualificationTypeId, workerId: { in: gone } }, data: { forgottenAt: at } }));
    writes.push(db.cachedQualificationType.update({ where: { teamId_environment_qualificationTypeId: { teamId, environment, qualificationTypeId } }, data: { scoresSyncedAt: at } }));
    await db.$transaction(writes);
    result.scores += scores.length;
    result.forgotten += gone.length;
  });
  onPart("scores", new Date());
  return result;
}
