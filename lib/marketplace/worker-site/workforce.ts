import "server-only";
import { db } from "@/lib/db";
import { randomToken, sha256 } from "@/lib/crypto";
import type { WorkerInviteInput } from "@/lib/marketplace/admin-inputs";
import { entityId } from "@/lib/marketplace/ids";

/**
 * Who works for whom. A worker sees a requester's HITs when they joined its workforce through
 * an invitation link, or, in sandbox, when the requester keeps its workforce open (the default
 * there). A block hides everything of that requester either way.
 */

export async function createWorkerInvite(requesterId: string, input: WorkerInviteInput): Promise<{ id: string; token: string }> {
  const token = randomToken(24);
  const invite = await db.mkWorkerInvite.create({
    data: {
      id: entityId(),
      requesterId,
      tokenHash: sha256(token),
      label: input.label || null,
      maxUses: input.maxUses ?? null,
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
    },
    select: { id: true },
  });
  return { id: invite.id, token };
}

export async function listWorkerInvites(requesterId: string) {
  return db.mkWorkerInvite.findMany({
    where: { requesterId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, label: true, maxUses: true, uses: true, expiresAt: true, createdAt: true },
  });
}

export async function revokeWorkerInvite(requesterId: string, inviteId: string): Promise<boolean> {
  const { count } = await db.mkWorkerInvite.updateMany({ where: { id: inviteId, requesterId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count === 1;
}

export async function findUsableInvite(token: string) {
  const invite = await db.mkWorkerInvite.findUnique({ where: { tokenHash: sha256(token) } });
  if (!invite || invite.revokedAt || (invite.expiresAt && invite.expiresAt < new Date()) || (invite.maxUses !== null && invite.uses >= invite.maxUses)) return null;
  const requester = await db.mkRequester.findUniqueOrThrow({ where: { id: invite.requesterId }, select: { name: true, environment: true } });
  return { ...invite, requesterName: requester.name, environment: requester.environment };
}

/**
 * Adds the worker to the invite's workforce. The use is counted with a conditional update, so
 * a link limited to N uses admits exactly N workers however many click at once; joining twice
 * is a no-op that uses nothing.
 */
export async function joinWorkforce(token: string, workerId: string): Promise<{ requesterName: string } | null> {
  const invite = await findUsableInvite(token);
  if (!invite) return null;
  return db.$transaction(async (tx) => {
    const member = await tx.mkWorkforceMember.findUnique({ where: { requesterId_workerId: { requesterId: invite.requesterId, workerId } } });
    if (member) return { requesterName: invite.requesterName };
    const used = await tx.$executeRaw`
      UPDATE mk_worker_invite SET uses = uses + 1
      WHERE id = ${invite.id} AND "revokedAt" IS NULL AND ("maxUses" IS NULL OR uses < "maxUses")`;
    if (used !== 1) return null;
    await tx.mkWorkforceMember.create({ data: { requesterId: invite.requesterId, workerId } });
    return { requesterName: invite.requesterName };
  });
}

export async function listWorkforceMembers(requesterId: string, take = 200) {
  const members = await db.mkWorkforceMember.findMany({ where: { requesterId }, orderBy: { joinedAt: "desc" }, take });
  const workers = await db.mkWorker.findMany({ where: { id: { in: members.map((m) => m.workerId) } }, select: { id: true, displayName: true } });
  const names = new Map(workers.map((w) => [w.id, w.displayName]));
  return members.map((m) => ({ workerId: m.workerId, displayName: names.get(m.workerId) ?? m.workerId, joinedAt: m.joinedAt }));
}

/** Whether the worker may see this requester's work at all (membership or open sandbox, not blocked). */
export async function canSeeRequester(workerId: string, requesterId: string): Promise<boolean> {
  const requester = await db.mkRequester.findUnique({ where: { id: requesterId }, select: { environment: true, openWorkforce: true } });
  if (!requester) return false;
  const [member, block] = await Promise.all([
    db.mkWorkforceMember.findUnique({ where: { requesterId_workerId: { requesterId, workerId } }, select: { workerId: true } }),
    db.mkWorkerBlock.findUnique({ where: { requesterId_workerId: { requesterId, workerId } }, select: { workerId: true } }),
  ]);
  if (block) return false;
  return Boolean(member) || (requester.environment === "sandbox" && requester.openWorkforce);
}
