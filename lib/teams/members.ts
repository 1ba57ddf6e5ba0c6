import "server-only";
import { hasRole, type Role } from "@/lib/auth/roles";
import type { TeamContext } from "@/lib/auth/session";
import { endUserSessions } from "@/lib/auth/user-sessions";
import { recordAudit } from "@/lib/audit";
import { db, type Tx } from "@/lib/db";
import { Conflict, Forbidden, NotFound } from "@/lib/errors";

export async function listMembers(teamId: string) {
  return db.membership.findMany({
    where: { teamId },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
    orderBy: [{ createdAt: "asc" }],
  });
}

/**
 * Runs a change to one membership with the team's row locked, re-reading the actor's and the
 * target's roles under the lock: concurrent changes of owners run one after the other, so
 * two owners demoting each other cannot both see "another owner is left".
 */
async function withMembershipLocked<T>(
  ctx: TeamContext,
  membershipId: string,
  change: (tx: Tx, target: { id: string; role: Role; userId: string; email: string }, actorRole: Role) => Promise<T>,
): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Team" WHERE id = ${ctx.team.id} FOR UPDATE`;
    const target = await tx.membership.findFirst({ where: { id: membershipId, teamId: ctx.team.id }, include: { user: { select: { email: true } } } });
    if (!target) throw new NotFound("No member with that id in this team");
    const actor = await tx.membership.findUnique({ where: { userId_teamId: { userId: ctx.user.id, teamId: ctx.team.id } }, select: { role: true } });
    if (!actor) throw new Forbidden(`You are no longer a member of ${ctx.team.name}`);
    return change(tx, { id: target.id, role: target.role, userId: target.userId, email: target.user.email }, actor.role);
  });
}

async function assertNotLastOwner(tx: Tx, teamId: string, membership: { role: Role }) {
  if (membership.role !== "owner") return;
  const owners = await tx.membership.count({ where: { teamId, role: "owner" } });
  if (owners <= 1) throw new Conflict("A team needs at least one owner: make someone else owner first");
}

export async function changeMemberRole(ctx: TeamContext, membershipId: string, role: Role) {
  return withMembershipLocked(ctx, membershipId, async (tx, membership, actorRole) => {
    if ((membership.role === "owner" || role === "owner") && !hasRole(actorRole, "owner")) {
      throw new Forbidden("Only an owner can make or unmake owners");
    }
    if (role !== "owner") await assertNotLastOwner(tx, ctx.team.id, membership);
    await tx.membership.update({ where: { id: membership.id }, data: { role } });
    await recordAudit(ctx, "member.role", membership.email, { from: membership.role, to: role }, tx);
    return { ok: true };
  });
}

export async function removeMember(ctx: TeamContext, membershipId: string) {
  return withMembershipLocked(ctx, membershipId, async (tx, membership, actorRole) => {
    if (membership.role === "owner" && !hasRole(actorRole, "owner")) throw new Forbidden("Only an owner can remove an owner");
    await assertNotLastOwner(tx, ctx.team.id, membership);
    await tx.membership.delete({ where: { id: membership.id } });
    // Access to this team ends with the membership (checked on every request); someone left
    // in no team at all has nothing to be signed in for.
    if ((await tx.membership.count({ where: { userId: membership.userId } })) === 0) await endUserSessions(membership.userId, { tx });
    await recordAudit(ctx, "member.remove", membership.email, { role: membership.role }, tx);
    return { ok: true };
  });
}

export async function updateTeamSettings(ctx: TeamContext, input: { name?: string; reviewerBonusLimitCents?: number; minimumHourlyCents?: number | null }) {
  await db.team.update({ where: { id: ctx.team.id }, data: input });
  await recordAudit(ctx, "team.update", ctx.team.name, input);
  return { ok: true };
}
