import "server-only";
import { db } from "@/lib/db";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { Invalid, NotFound } from "@/lib/errors";
import { applyHitAction, resolveHitAction, type ResolvedHitAction } from "@/lib/hits/apply-hit-action";
import type { HitFilter } from "@/lib/hits/hit-filter";
import { HIT_ACTION_LABELS, type HitAction } from "@/lib/hits/hit-actions";
import { matchingHitIds } from "@/lib/hits/list-hits";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { PermanentItemError, type JobHandler } from "@/lib/jobs/job-types";

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
  unit: "HITs",
  access: { read: "viewer", control: { role: "admin", actions: ["pause", "resume", "cancel"] } },
  describeItem: (raw) => (raw as { hitId: string }).hitId,
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
  if (hitIds.length === 0) throw new Invalid("No HITs match: nothing to do");
  if (input.hitIds?.length) {
    // Chosen ids must be this team's own (its cache): another team's HIT ids are refused outright,
    // not queued to fail one by one against the marketplace.
    const own = await db.cachedHit.count({ where: { ...scope, hitId: { in: hitIds } } });
    if (own !== hitIds.length) throw new NotFound("Some of these HITs were not found");
  }
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
  // Another team's HIT is not found here, rather than failing at the marketplace as a 500.
  if (!(await db.cachedHit.findUnique({ where: { teamId_environment_hitId: { ...scope, hitId } }, select: { hitId: true } }))) throw new NotFound("HIT not found");
  const resolved = resolveHitAction(action);
  let outcome: string;
  try {
    outcome = await applyHitAction(scope, hitId, resolved, `single-${requestId ?? crypto.randomUUID()}`);
  } catch (e) {
    // The marketplace refused this request (no such HIT, a malformed HIT ID...): a job would mark
    // the item failed; a single action answers the requester with the reason, not a 500.
    if (e instanceof PermanentItemError) throw new Invalid(e.message);
    throw e;
  }
  await recordAudit(ctx, `hit.${action.kind}`, hitId, { action: resolved, outcome });
  return { outcome };
}

export const describeHitAction = (action: HitAction) => HIT_ACTION_LABELS[action.kind];
