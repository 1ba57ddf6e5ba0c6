import "server-only";
import { hasRole, type Role } from "@/lib/auth/roles";
import { SetPasswordInput } from "@/lib/auth/schemas";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { randomToken, sha256 } from "@/lib/crypto";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { HttpError } from "@/lib/http-error";
import { sendMail } from "@/lib/mail";
import { createUser } from "@/lib/users/create-user";

const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

export function inviteUrl(token: string): string {
  return `${appUrl()}/invite/${token}`;
}

/** Only owners may invite owners. */
function assertMayGrant(ctx: TeamContext, role: Role): void {
  if (role === "owner" && !hasRole(ctx.role, "owner")) throw new HttpError(403, "Only an owner can invite another owner");
}

export async function createInvite(ctx: TeamContext, input: { email: string; role: Role }) {
  assertMayGrant(ctx, input.role);
  const member = await db.membership.findFirst({ where: { teamId: ctx.team.id, user: { email: input.email } } });
  if (member) throw new HttpError(409, `${input.email} is already a member of ${ctx.team.name}`);
  const token = randomToken();
  const invite = await db.invite.create({
    data: {
      teamId: ctx.team.id,
      email: input.email,
      role: input.role,
      tokenHash: sha256(token),
      createdById: ctx.user.id,
      expiresAt: new Date(Date.now() + INVITE_TTL_MS),
    },
    select: { id: true, email: true, role: true, expiresAt: true },
  });
  await recordAudit(ctx, "invite.create", input.email, { role: input.role });
  const url = inviteUrl(token);
  const emailed = await sendMail(
    input.email,
    `You're invited to ${ctx.team.name} on HITdesk`,
    `${ctx.user.name ?? ctx.user.email} invited you to join ${ctx.team.name} on HITdesk as ${input.role}.\n\nAccept within 7 days: ${url}\n`,
  ).catch(() => false);
  return { ...invite, url, emailed };
}

export async function listPendingInvites(teamId: string) {
  return db.invite.findMany({
    where: { teamId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeInvite(ctx: TeamContext, inviteId: string) {
  const invite = await db.invite.findFirst({ where: { id: inviteId, teamId: ctx.team.id, acceptedAt: null, revokedAt: null } });
  if (!invite) throw new HttpError(404, "No pending invitation with that id in this team");
  assertMayGrant(ctx, invite.role);
  await db.invite.update({ where: { id: invite.id }, data: { revokedAt: new Date() } });
  await recordAudit(ctx, "invite.revoke", invite.email);
  return { ok: true };
}

export type InviteStatus = "valid" | "expired" | "used" | "revoked" | "unknown";

export async function findInvite(token: string) {
  const invite = await db.invite.findUnique({ where: { tokenHash: sha256(token) }, include: { team: { select: { name: true } } } });
  if (!invite) return { status: "unknown" as const };
  const status: InviteStatus = invite.acceptedAt ? "used" : invite.revokedAt ? "revoked" : invite.expiresAt <= new Date() ? "expired" : "valid";
  const userExists = !!(await db.user.findUnique({ where: { email: invite.email }, select: { id: true } }));
  return { status, email: invite.email, role: invite.role, teamName: invite.team.name, userExists };
}

const STATUS_MESSAGES: Record<Exclude<InviteStatus, "valid">, string> = {
  unknown: "This invitation link is not valid.",
  expired: "This invitation has expired. Ask for a new one.",
  used: "This invitation was already used.",
  revoked: "This invitation was withdrawn.",
};

/** Marks the invite used (once, even under double submits) and adds the membership. */
async function claim(token: string, userIdFor: (email: string) => Promise<string>) {
  const invite = await db.invite.findUnique({ where: { tokenHash: sha256(token) } });
  const found = await findInvite(token);
  if (!invite || found.status !== "valid") throw new HttpError(410, STATUS_MESSAGES[found.status === "valid" ? "unknown" : found.status]);
  const claimed = await db.invite.updateMany({ where: { id: invite.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: new Date() } });
  if (claimed.count !== 1) throw new HttpError(410, STATUS_MESSAGES.used);
  const userId = await userIdFor(invite.email);
  await db.membership.upsert({
    where: { userId_teamId: { userId, teamId: invite.teamId } },
    create: { userId, teamId: invite.teamId, role: invite.role },
    update: {},
  });
  await db.user.update({ where: { id: userId }, data: { activeTeamId: invite.teamId } });
  await db.auditLog.create({ data: { teamId: invite.teamId, userId, actorEmail: invite.email, action: "invite.accept", target: invite.email, detail: { role: invite.role } } });
  return { email: invite.email };
}

/** A new person accepts: their login is created with the password they chose. */
export async function acceptInviteAsNewUser(token: string, raw: unknown) {
  const input = SetPasswordInput.parse(raw);
  return claim(token, async (email) => {
    const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) throw new HttpError(409, "You already have a HITdesk login: sign in to accept");
    return (await createUser({ email, password: input.password, name: input.name })).id;
  });
}

/** A signed-in person whose email the invitation names joins the team. */
export async function acceptInviteAsUser(token: string, user: { id: string; email: string }) {
  return claim(token, async (email) => {
    if (email !== user.email) throw new HttpError(403, `This invitation is for ${email}; you are signed in as ${user.email}`);
    return user.id;
  });
}

