import "server-only";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { applyHitAction, resolveHitAction, type ResolvedHitAction } from "@/lib/hits/apply-hit-action";
import type { HitFilter } from "@/lib/hits/hit-filter";
import { HIT_ACTION_LABELS, type HitAction } from "@/lib/hits/hit-actions";
import { matchingHitIds } from "@/lib/hits/list-hits";
import { HttpError } from "@/lib/http-error";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { JobHandler } from "@/lib/jobs/job-types";

export const HIT_ACTION_JOB = "hits.action";

interface HitActionOptions {
  action: ResolvedHitAction;
}

/**
 * A bulk action on HITs as a durable job: one item per HIT, each through applyHitAction. The
 * token for added assignments is the job and item, so an item that runs again after a crash
 * is recognised by the marketplace and adds nothing twice.
 */
export const hitActionHandler: JobHandler = {
  kind: HIT_ACTION_JOB,
  concurrency: 4,
  async processItem(ctx, raw, seq) {
    const { hitId } = raw as { hitId: string };
    const { action } = ctx.options as HitActionOptions;
    return { outcome: await applyHitAction({ teamId: ctx.teamId, environment: ctx.environment }, hitId, action, `${ctx.jobId}-${seq}`) };
  },
};

/** Starts a bulk action on the selected HITs, or on every HIT matching the filter. */
export async function startHitActionJob(ctx: TeamContext, input: { action: HitAction; hitIds?: string[]; filter?: HitFilter }): Promise<{ jobId: string; total: number }> {
  const scope = { teamId: ctx.team.id, environment: ctx.environment };
  const hitIds = input.hitIds?.length ? [...new Set(input.hitIds)] : await matchingHitIds(scope, input.filter!);
  if (hitIds.length === 0) throw new HttpError(400, "No HITs match: nothing to do");
  const action = resolveHitAction(input.action);
  const job = await enqueueJob({
    teamId: ctx.team.id,
    environment: ctx.environment,
    kind: HIT_ACTION_JOB,
    subjectId: `hits:${action.kind}`,
    options: { action } satisfies HitActionOptions,
    createdById: ctx.user.id,
    items: hitIds.map((hitId) => ({ hitId })),
  });
  await recordAudit(ctx, `hits.${action.kind}`, `${hitIds.length} HITs`, { jobId: job.id, action, hits: hitIds.length, filter: input.filter ?? null });
  return { jobId: job.id, total: hitIds.length };
}

/** One HIT, at once (the detail page's buttons): the same action a bulk job would run. */
export async function actOnHit(ctx: TeamContext, hitId: string, action: HitAction, requestId: string | undefined): Promise<{ outcome: string }> {
  const scope = { teamId: ctx.team.id, environment: ctx.environment };
  const resolved = resolveHitAction(action);
  const outcome = await applyHitAction(scope, hitId, resolved, `single-${requestId ?? crypto.randomUUID()}`);
  await recordAudit(ctx, `hit.${action.kind}`, hitId, { action: resolved, outcome });
  return { outcome };
}

export const describeHitAction = (action: HitAction) => HIT_ACTION_LABELS[action.kind];
