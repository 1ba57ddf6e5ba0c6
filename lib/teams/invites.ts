import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { hasRole, type Role } from "@/lib/auth/roles";
import { SetPasswordInput } from "@/lib/auth/schemas";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { randomToken, sha256 } from "@/lib/crypto";
import { db, type Tx } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { Conflict, Forbidden, Gone, NotFound } from "@/lib/errors";
import { sendMail } from "@/lib/mail";

const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

export function inviteUrl(token: string): string {
  return `${appUrl()}/invite/${token}`;
}

/** Only owners may invite owners. */
function assertMayGrant(ctx: TeamContext, role: Role): void {
  if (role === "owner" && !hasRole(ctx.role, "owner")) throw new Forbidden("Only an owner can invite another owner");
}

export async function createInvite(ctx: TeamContext, input: { email: string; role: Role }) {
  assertMayGrant(ctx, input.role);
  const member = await db.membership.findFirst({ where: { teamId: ctx.team.id, user: { email: input.email } } });
  if (member) throw new Conflict(`${input.email} is already a member of ${ctx.team.name}`);
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
  if (!invite) throw new NotFound("No pending invitation with that id in this team");
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

async function usableInvite(token: string) {
  const invite = await db.invite.findUnique({ where: { tokenHash: sha256(token) } });
  const found = await findInvite(token);
  if (!invite || found.status !== "valid") throw new Gone(STATUS_MESSAGES[found.status === "valid" ? "unknown" : found.status]);
  return invite;
}

/**
 * Marks the invite used (once, even under double submits) and adds the membership, in one
 * transaction: `joiner` checks who joins before anything is written, and a refusal or a lost
 * race leaves the invitation as it was.
 */
async function claim(invite: { id: string; teamId: string; email: string; role: Role }, joiner: (tx: Tx) => Promise<string>) {
  return db.$transaction(async (tx) => {
    const userId = await joiner(tx);
    const claimed = await tx.invite.updateMany({
      where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count !== 1) throw new Gone(STATUS_MESSAGES.used);
    await tx.membership.upsert({
      where: { userId_teamId: { userId, teamId: invite.teamId } },
      create: { userId, teamId: invite.teamId, role: invite.role },
      update: {},
    });
    await tx.user.update({ where: { id: userId }, data: { activeTeamId: invite.teamId } });
    await tx.auditLog.create({ data: { teamId: invite.teamId, userId, actorEmail: invite.email, action: "invite.accept", target: invite.email, detail: { role: invite.role } } });
    return { email: invite.email };
  });
}

/** A new person accepts: their login is created with the password they chose. */
export async function acceptInviteAsNewUser(token: string, raw: unknown) {
  const input = SetPasswordInput.parse(raw);
  const invite = await usableInvite(token);
  const passwordHash = await hashPassword(input.password);
  return claim(invite, async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: invite.email }, select: { id: true } });
    if (existing) throw new Conflict("You already have a HITdesk login: sign in to accept");
    return (await tx.user.create({ data: { email: invite.email, name: input.name, passwordHash }, select: { id: true } })).id;
  });
}

/** The message for someone signed in as another person than the invitation names. */
export function wrongPersonMessage(inviteEmail: string, signedInEmail: string): string {
  return `This invitation is for ${inviteEmail}, and you are signed in as ${signedInEmail}. Sign out, then open the link again as ${inviteEmail}.`;
}

/** A signed-in person whose email the invitation names joins the team. */
export async function acceptInviteAsUser(token: string, user: { id: string; email: string }) {
  const invite = await usableInvite(token);
  if (invite.email !== user.email) throw new Forbidden(wrongPersonMessage(invite.email, user.email));
  return claim(invite, () => Promise.resolve(user.id));
}
