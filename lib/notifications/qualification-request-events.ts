import "server-only";
import type { QualificationRequest } from "@aws-sdk/client-mturk";
import type { NotificationEvent } from "@/lib/notifications/notify";

/** One notification per pending request, whoever lists it first (the full sync or an inbox's refresh). */
export function qualificationRequestEvents(requests: readonly QualificationRequest[], typeNames: ReadonlyMap<string, string>, now: Date): NotificationEvent[] {
  return requests.map((r) => {
    const typeId = r.QualificationTypeId!;
    return {
      type: "QualificationRequested",
      key: r.QualificationRequestId!,
      occurredAt: r.SubmitTime ?? now,
      title: `${r.WorkerId} requested “${typeNames.get(typeId) ?? typeId}”`,
      body: "The request waits in the qualification's inbox for a decision.",
      href: `/qualifications/${encodeURIComponent(typeId)}`,
    };
  });
}
