import "server-only";
import { hasRole, type Role } from "@/lib/auth/roles";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { HttpError } from "@/lib/http-error";

export async function listMembers(teamId: string) {
  return db.membership.findMany({
    where: { teamId },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
    orderBy: [{ createdAt: "asc" }],
  });
}

async function loadForChange(ctx: TeamContext, membershipId: string) {
  const membership = await db.membership.findFirst({ where: { id: membershipId, teamId: ctx.team.id }, include: { user: { select: { email: true } } } });
  if (!membership) throw new HttpError(404, "No member with that id in this team");
  return membership;
}

async function assertNotLastOwner(teamId: string, membership: { role: Role }) {
  if (membership.role !== "owner") return;
  const owners = await db.membership.count({ where: { teamId, role: "owner" } });
  if (owners <= 1) throw new HttpError(409, "A team needs at least one owner: make someone else owner first");
}

export async function changeMemberRole(ctx: TeamContext, membershipId: string, role: Role) {
  const membership = await loadForChange(ctx, membershipId);
  if ((membership.role === "owner" || role === "owner") && !hasRole(ctx.role, "owner")) {
    throw new HttpError(403, "Only an owner can make or unmake owners");
  }
  if (role !== "owner") await assertNotLastOwner(ctx.team.id, membership);
  await db.membership.update({ where: { id: membership.id }, data: { role } });
  await recordAudit(ctx, "member.role", membership.user.email, { from: membership.role, to: role });
  return { ok: true };
}

export async function removeMember(ctx: TeamContext, membershipId: string) {
  const membership = await loadForChange(ctx, membershipId);
  if (membership.role === "owner" && !hasRole(ctx.role, "owner")) throw new HttpError(403, "Only an owner can remove an owner");
  await assertNotLastOwner(ctx.team.id, membership);
  await db.membership.delete({ where: { id: membership.id } });
  await recordAudit(ctx, "member.remove", membership.user.email, { role: membership.role });
  return { ok: true };
}

export async function updateTeamSettings(ctx: TeamContext, input: { name?: string; reviewerBonusLimitCents?: number; minimumHourlyCents?: number | null }) {
  await db.team.update({ where: { id: ctx.team.id }, data: input });
  await recordAudit(ctx, "team.update", ctx.team.name, input);
  return { ok: true };
}
