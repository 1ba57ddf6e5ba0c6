import "server-only";
import { issuePasswordReset } from "@/lib/auth/issue-password-reset";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { Conflict, NotFound } from "@/lib/errors";

/**
 * An owner issues a one-time password reset link for a member, to hand over when e-mail is
 * not set up. Only for members of no team the owner does not own: a reset gives the whole
 * login, and an owner of one team must not take over someone's place in another.
 */
export async function issueMemberPasswordReset(ctx: TeamContext, membershipId: string) {
  const membership = await db.membership.findFirst({ where: { id: membershipId, teamId: ctx.team.id }, select: { userId: true, user: { select: { email: true } } } });
  if (!membership) throw new NotFound("No member with that id in this team");
  if (membership.userId === ctx.user.id) throw new Conflict("Change your own password on your Account page");
  const elsewhere = await db.membership.findFirst({
    where: { userId: membership.userId, teamId: { not: ctx.team.id }, team: { memberships: { none: { userId: ctx.user.id, role: "owner" } } } },
    select: { team: { select: { name: true } } },
  });
  if (elsewhere) {
    const email = membership.user.email;
    throw new Conflict(
      `${email} also belongs to ${elsewhere.team.name}, which you do not own: only they (by e-mail, when it is set up) or an operator (npm run cli -- reset-password --email ${email}) can reset their password`,
    );
  }
  const link = await issuePasswordReset(membership.userId);
  await recordAudit(ctx, "member.password_reset", membership.user.email);
  return { email: membership.user.email, url: link.url, expiresAt: link.expiresAt };
}
