import "server-only";
import { db } from "@/lib/db";

const SUBMITTED = new Set(["Submitted", "Approved", "Rejected"]);

/**
 * Whether this worker's assignment has really been submitted. The worker page asks this when the
 * task frame says "submitted": the frame runs the requester's HTML, which can post any message.
 */
export async function isSubmittedBy(workerId: string, assignmentId: string): Promise<boolean> {
  const a = await db.mkAssignment.findUnique({ where: { id: assignmentId }, select: { workerId: true, status: true } });
  return !!a && a.workerId === workerId && SUBMITTED.has(a.status);
}
