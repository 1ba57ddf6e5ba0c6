import "server-only";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { HttpError } from "@/lib/http-error";
import { findRequesterId } from "@/lib/marketplace/requesters";
import type { WorkerInviteInput } from "@/lib/marketplace/worker-site/schemas";
import { createWorkerInvite, listWorkerInvites, listWorkforceMembers, revokeWorkerInvite } from "@/lib/marketplace/worker-site/workforce";

/**
 * The team's own workers on the built-in marketplace: invitation links to the worker site and
 * who joined, per environment. Only for environments connected to the built-in marketplace.
 */
async function builtinRequesterId(ctx: TeamContext): Promise<string> {
  const connection = await db.marketplaceConnection.findUnique({ where: { teamId_environment: { teamId: ctx.team.id, environment: ctx.environment } } });
  if (connection?.kind !== "builtin") throw new HttpError(409, `${ctx.environment} is not connected to the built-in marketplace: workers are invited where that marketplace lives`);
  const requesterId = await findRequesterId(ctx.team.id, ctx.environment);
  if (!requesterId) throw new HttpError(409, `The built-in ${ctx.environment} account does not exist yet`);
  return requesterId;
}

export async function teamWorkforce(ctx: TeamContext) {
  const requesterId = await builtinRequesterId(ctx);
  const [invites, members, requester] = await Promise.all([
    listWorkerInvites(requesterId),
    listWorkforceMembers(requesterId),
    db.mkRequester.findUniqueOrThrow({ where: { id: requesterId }, select: { openWorkforce: true } }),
  ]);
  return { environment: ctx.environment, openWorkforce: requester.openWorkforce, invites, members };
}

export async function inviteWorkers(ctx: TeamContext, input: WorkerInviteInput): Promise<{ id: string; url: string }> {
  const requesterId = await builtinRequesterId(ctx);
  const invite = await createWorkerInvite(requesterId, input);
  await recordAudit(ctx, "workers.invite_link.create", input.label || invite.id, { maxUses: input.maxUses ?? null, expiresInDays: input.expiresInDays ?? null });
  // The link is shown once: only its hash is stored.
  return { id: invite.id, url: `${appUrl()}/worker/join/${invite.token}` };
}

export async function revokeWorkersInvite(ctx: TeamContext, inviteId: string): Promise<void> {
  const requesterId = await builtinRequesterId(ctx);
  if (!(await revokeWorkerInvite(requesterId, inviteId))) throw new HttpError(404, "No such invitation link");
  await recordAudit(ctx, "workers.invite_link.revoke", inviteId);
}
