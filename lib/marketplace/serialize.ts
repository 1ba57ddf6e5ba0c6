import type { MkAssignment, MkBonusPayment, MkHit } from "@/lib/generated/prisma/client";
import { formatCents } from "@/lib/marketplace/money";

/** API timestamps are epoch seconds (fractions allowed), as the SDKs expect. */
export const epochSeconds = (d: Date): number => d.getTime() / 1000;

/** A HIT as the API returns it (SPEC §3). */
export function serializeHit(h: MkHit): Record<string, unknown> {
  return {
    HITId: h.id,
    HITTypeId: h.hitTypeId,
    HITGroupId: h.hitGroupId,
    ...(h.hitLayoutId ? { HITLayoutId: h.hitLayoutId } : {}),
    CreationTime: epochSeconds(h.createdAt),
    Title: h.title,
    Description: h.description,
    Question: h.question,
    ...(h.keywords ? { Keywords: h.keywords } : {}),
    HITStatus: h.status,
    MaxAssignments: h.maxAssignments,
    Reward: formatCents(h.rewardCents),
    AutoApprovalDelayInSeconds: h.autoApprovalDelaySec,
    Expiration: epochSeconds(h.expiresAt),
    AssignmentDurationInSeconds: h.assignmentDurationSec,
    ...(h.requesterAnnotation ? { RequesterAnnotation: h.requesterAnnotation } : {}),
    QualificationRequirements: h.qualificationRequirements ?? [],
    HITReviewStatus: h.reviewStatus,
    NumberOfAssignmentsPending: h.assignmentsPending,
    NumberOfAssignmentsAvailable: h.assignmentsAvailable,
    NumberOfAssignmentsCompleted: h.assignmentsCompleted,
  };
}

/** An assignment as the API returns it; times appear only once they happened (SPEC §3). */
export function serializeAssignment(a: MkAssignment): Record<string, unknown> {
  return {
    AssignmentId: a.id,
    WorkerId: a.workerId,
    HITId: a.hitId,
    AssignmentStatus: a.status,
    ...(a.autoApprovalTime ? { AutoApprovalTime: epochSeconds(a.autoApprovalTime) } : {}),
    AcceptTime: epochSeconds(a.acceptTime),
    ...(a.submitTime ? { SubmitTime: epochSeconds(a.submitTime) } : {}),
    ...(a.approvalTime ? { ApprovalTime: epochSeconds(a.approvalTime) } : {}),
    ...(a.rejectionTime ? { RejectionTime: epochSeconds(a.rejectionTime) } : {}),
    Deadline: epochSeconds(a.deadline),
    ...(a.answer ? { Answer: a.answer } : {}),
    ...(a.requesterFeedback ? { RequesterFeedback: a.requesterFeedback } : {}),
  };
}

export function serializeBonus(b: MkBonusPayment): Record<string, unknown> {
  return {
    WorkerId: b.workerId,
    BonusAmount: formatCents(b.amountCents),
    AssignmentId: b.assignmentId,
    Reason: b.reason,
    GrantTime: epochSeconds(b.grantTime),
  };
}
