import "server-only";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { Conflict, NotFound } from "@/lib/errors";
import { createWorkerInvite, NoMarketplaceAccount, readWorkforce, revokeWorkerInvite } from "@/lib/marketplace/admin";
import type { WorkerInviteInput } from "@/lib/marketplace/admin-inputs";

/**
 * The team's own workers on the built-in marketplace: invitation links to the worker site and
 * who joined, per environment. Only for environments connected to the built-in marketplace.
 */

/** Runs `run` on the team's built-in account in ctx's environment; a missing account (null or NoMarketplaceAccount) is a 409. */
async function onBuiltinAccount<T>(ctx: TeamContext, run: () => Promise<T | null>): Promise<T> {
  const connection = await db.marketplaceConnection.findUnique({ where: { teamId_environment: { teamId: ctx.team.id, environment: ctx.environment } } });
  if (connection?.kind !== "builtin") throw new Conflict(`${ctx.environment} is not connected to the built-in marketplace: workers are invited where that marketplace lives`);
  try {
    const result = await run();
    if (result === null) throw new NoMarketplaceAccount(ctx.environment);
    return result;
  } catch (e) {
    if (e instanceof NoMarketplaceAccount) throw new Conflict(e.message);
    throw e;
  }
}

export async function teamWorkforce(ctx: TeamContext) {
  const workforce = await onBuiltinAccount(ctx, () => readWorkforce(ctx.team.id, ctx.environment));
  return { environment: ctx.environment, ...workforce };
}

export async function inviteWorkers(ctx: TeamContext, input: WorkerInviteInput): Promise<{ id: string; url: string }> {
  const invite = await onBuiltinAccount(ctx, () => createWorkerInvite(ctx.team.id, ctx.environment, input));
  await recordAudit(ctx, "workers.invite_link.create", input.label || invite.id, { maxUses: input.maxUses ?? null, expiresInDays: input.expiresInDays ?? null });
  // The link is shown once: only its hash is stored.
  return { id: invite.id, url: `${appUrl()}/worker/join/${invite.token}` };
}

export async function revokeWorkersInvite(ctx: TeamContext, inviteId: string): Promise<void> {
  if (!(await onBuiltinAccount(ctx, () => revokeWorkerInvite(ctx.team.id, ctx.environment, inviteId)))) throw new NotFound("No such invitation link");
  await recordAudit(ctx, "workers.invite_link.revoke", inviteId);
}
