import "server-only";
import { db } from "@/lib/db";
import { requesterNow } from "@/lib/marketplace/clock";
import { evaluateWorkerAccess, type QualificationRequirement } from "@/lib/marketplace/qualification-requirements";
import { acceptHit } from "@/lib/marketplace/work/accept-hit";
import { WorkRefused } from "@/lib/marketplace/work/work-refused";
import { describeRequirements } from "@/lib/marketplace/worker-site/find-work";
import { taskParams, taskToken } from "@/lib/marketplace/worker-site/task-links";
import { canSeeRequester } from "@/lib/marketplace/worker-site/workforce";
import { questionContent } from "@/lib/mturk-formats/question";

/** How the worker site frames a task: HITdesk-served content is sandboxed without same-origin. */
export interface TaskFrame {
  src: string;
  height: number;
  sandbox: string;
}

const DEFAULT_FRAME_HEIGHT = 720;

function frameFor(hit: { id: string; question: string }, who: { assignmentId?: string; workerId?: string; token: string }): TaskFrame {
  const content = questionContent(hit.question);
  const params = taskParams({ assignmentId: who.assignmentId, hitId: hit.id, workerId: who.workerId, token: who.token });
  if (content.kind === "ExternalQuestion") {
    const url = new URL(content.url);
    for (const [k, v] of params) url.searchParams.set(k, v);
    // The requester's own origin: it may keep its own cookies and open its own windows (psiTurk does).
    return { src: url.toString(), height: content.frameHeight || DEFAULT_FRAME_HEIGHT, sandbox: "allow-scripts allow-forms allow-same-origin allow-popups allow-popups-to-escape-sandbox" };
  }
  return { src: `/task/${who.token}?${params}`, height: content.kind === "HTMLQuestion" ? content.frameHeight || DEFAULT_FRAME_HEIGHT : DEFAULT_FRAME_HEIGHT, sandbox: "allow-scripts allow-forms" };
}

/** HITs of a group this worker could take next, oldest first. */
async function candidateHits(workerId: string, hitTypeId: string, take: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT h.id FROM mk_hit h
    WHERE h."hitTypeId" = ${hitTypeId} AND h.status = 'Assignable' AND h."assignmentsAvailable" > 0 AND h."expiresAt" > now() AND h."disposedAt" IS NULL
      AND NOT EXISTS (SELECT 1 FROM mk_assignment a WHERE a."hitId" = h.id AND a."workerId" = ${workerId} AND a.status IN ('Accepted', 'Submitted', 'Approved', 'Rejected'))
    ORDER BY h.seq LIMIT ${take}`;
  return rows.map((r) => r.id);
}

async function groupContext(workerId: string, hitTypeId: string) {
  const type = await db.mkHitType.findUnique({ where: { id: hitTypeId } });
  if (!type || !(await canSeeRequester(workerId, type.requesterId))) return null;
  const requester = await db.mkRequester.findUniqueOrThrow({ where: { id: type.requesterId }, select: { name: true, environment: true } });
  const environment = requester.environment;
  const requirements = (type.qualificationRequirements ?? []) as unknown as QualificationRequirement[];
  const access = await evaluateWorkerAccess(db, { requesterId: type.requesterId, workerId, environment, requirements });
  return { type, requester, environment, requirements, access };
}

/** A group's page: its terms, what the worker may do, and a preview of its next HIT when allowed. */
export async function previewGroup(workerId: string, hitTypeId: string) {
  const ctx = await groupContext(workerId, hitTypeId);
  if (!ctx || !ctx.access.discover) return null;
  const [nextHitId] = await candidateHits(workerId, hitTypeId, 1);
  const hit = nextHitId ? await db.mkHit.findUniqueOrThrow({ where: { id: nextHitId }, select: { id: true, question: true, expiresAt: true } }) : null;
  const available = await db.mkHit.aggregate({ where: { hitTypeId, status: "Assignable", disposedAt: null }, _sum: { assignmentsAvailable: true } });
  return {
    hitTypeId,
    title: ctx.type.title,
    description: ctx.type.description,
    keywords: ctx.type.keywords,
    rewardCents: ctx.type.rewardCents,
    assignmentDurationSec: ctx.type.assignmentDurationSec,
    requesterName: ctx.requester.name,
    environment: ctx.environment,
    available: available._sum.assignmentsAvailable ?? 0,
    access: ctx.access,
    requirements: await describeRequirements(ctx.environment, ctx.requirements, ctx.access),
    hitId: hit?.id ?? null,
    expiresAt: hit?.expiresAt ?? null,
    frame: hit && ctx.access.preview ? frameFor(hit, { token: taskToken({ k: "preview", hitId: hit.id }) }) : null,
  };
}

/**
 * Accepts the next HIT of a group for the worker, through the same acceptHit as every worker:
 * qualifications, blocks and the free-slot check apply. Tries a few HITs in case others take
 * the first ones at the same moment.
 */
export async function acceptFromGroup(workerId: string, hitTypeId: string): Promise<string> {
  const ctx = await groupContext(workerId, hitTypeId);
  if (!ctx) throw new WorkRefused("not-available", "These HITs are not available to you.");
  const candidates = await candidateHits(workerId, hitTypeId, 5);
  if (candidates.length === 0) throw new WorkRefused("not-available", "There are no more HITs in this group for you.");
  let last: WorkRefused | undefined;
  for (const hitId of candidates) {
    try {
      return (await acceptHit({ workerId, hitId })).id;
    } catch (e) {
      if (!(e instanceof WorkRefused)) throw e;
      if (e.code !== "not-available" && e.code !== "already-accepted") throw e;
      last = e;
    }
  }
  throw last ?? new WorkRefused("not-available", "There are no more HITs in this group for you.");
}

/** The worker's own assignment with what the task page needs; null when it is not theirs. */
export async function workerAssignment(workerId: string, assignmentId: string) {
  const a = await db.mkAssignment.findUnique({ where: { id: assignmentId } });
  if (!a || a.workerId !== workerId) return null;
  const hit = await db.mkHit.findUniqueOrThrow({ where: { id: a.hitId }, select: { id: true, question: true, title: true, description: true, rewardCents: true, hitTypeId: true, requesterId: true } });
  const requester = await db.mkRequester.findUniqueOrThrow({ where: { id: hit.requesterId }, select: { name: true, environment: true } });
  const now = await requesterNow(a.requesterId);
  const open = a.status === "Accepted" && a.deadline > now;
  return {
    id: a.id,
    status: open ? "Accepted" : a.status === "Accepted" ? "Expired" : a.status,
    deadline: a.deadline,
    secondsLeft: Math.max(0, Math.floor((a.deadline.getTime() - now.getTime()) / 1000)),
    hit: { id: hit.id, title: hit.title, description: hit.description, rewardCents: hit.rewardCents, hitTypeId: hit.hitTypeId },
    requesterName: requester.name,
    environment: requester.environment,
    frame: open ? frameFor(hit, { assignmentId: a.id, workerId, token: taskToken({ k: "assignment", assignmentId: a.id, workerId }) }) : null,
  };
}
