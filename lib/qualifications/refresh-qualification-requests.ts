import "server-only";
import { ListQualificationRequestsCommand, type QualificationRequest } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import { sendMturk } from "@/lib/mturk/send";
import { LIST_PAGE_SIZE, nextPageToken } from "@/lib/mturk/pages";
import { qualificationRequestEvents } from "@/lib/notifications/qualification-request-events";
import { notificationWrites } from "@/lib/notifications/notify";
import type { Scope } from "@/lib/scope";

/**
 * Re-reads one type's pending requests into the cache when its inbox opens: the full sync
 * refreshes qualifications only every so often, and a worker who just took the test is who
 * the person opening the inbox is waiting for.
 */
export async function refreshQualificationRequests(scope: Scope, qualificationTypeId: string): Promise<void> {
  const listed: QualificationRequest[] = [];
  let token: string | undefined;
  do {
    const page = await sendMturk(scope.teamId, scope.environment, new ListQualificationRequestsCommand({ QualificationTypeId: qualificationTypeId, MaxResults: LIST_PAGE_SIZE, NextToken: token }));
    listed.push(...(page.QualificationRequests ?? []));
    token = nextPageToken(page.QualificationRequests, page.NextToken);
  } while (token);
  const now = new Date();
  const type = await db.cachedQualificationType.findUnique({ where: { teamId_environment_qualificationTypeId: { ...scope, qualificationTypeId } }, select: { name: true } });
  await db.$transaction([
    db.cachedQualificationRequest.createMany({
      data: listed.map((r) => ({
        ...scope,
        qualificationRequestId: r.QualificationRequestId!,
        qualificationTypeId,
        workerId: r.WorkerId!,
        test: r.Test ?? null,
        answer: r.Answer ?? null,
        submitTime: r.SubmitTime ?? now,
        syncedAt: now,
      })),
      skipDuplicates: true,
    }),
    db.cachedQualificationRequest.updateMany({
      where: { ...scope, qualificationTypeId, forgottenAt: null, qualificationRequestId: { notIn: listed.map((r) => r.QualificationRequestId!) } },
      data: { forgottenAt: now },
    }),
    ...notificationWrites(scope, qualificationRequestEvents(listed, new Map([[qualificationTypeId, type?.name ?? qualificationTypeId]]), now)),
  ]);
}
