import "server-only";
import {
  CreateAdditionalAssignmentsForHITCommand,
  CreateHITTypeCommand,
  DeleteHITCommand,
  GetHITCommand,
  UpdateExpirationForHITCommand,
  UpdateHITTypeOfHITCommand,
  type HIT,
} from "@aws-sdk/client-mturk";
import type { HitAction } from "@/lib/hits/hit-actions";
import { refreshCachedHits } from "@/lib/hits/refresh-cached-hits";
import { PermanentItemError } from "@/lib/jobs/job-types";
import { MturkError } from "@/lib/mturk/errors";
import { sendMturkPaced } from "@/lib/mturk/send-paced";
import type { Scope } from "@/lib/scope";
import { plural } from "@/lib/format";

/** An action with everything relative fixed when it was asked for, so running it twice does the same. */
export type ResolvedHitAction = Exclude<HitAction, { kind: "extend" }> | { kind: "extend"; until: string };

export function resolveHitAction(action: HitAction, now = new Date()): ResolvedHitAction {
  return action.kind === "extend" ? { kind: "extend", until: new Date(now.getTime() + Math.round(action.hours * 3_600_000)).toISOString() } : action;
}

// MTurk ends a HIT now when its expiration is set to any time in the past.
const LONG_AGO = new Date("2015-01-01T00:00:00Z");

async function getHit(scope: Scope, hitId: string): Promise<HIT | undefined> {
  try {
    return (await sendMturkPaced(scope.teamId, scope.environment, new GetHITCommand({ HITId: hitId }))).HIT;
  } catch (e) {
    if (e instanceof MturkError && e.kind === "request") return undefined;
    throw e;
  }
}

/**
 * Why MTurk would not delete a HIT, in words a requester can act on, read from the HIT's
 * state rather than from the marketplace's message (which differs between AWS and HITdesk).
 */
export function explainDeleteRefusal(hit: HIT | undefined, marketplaceMessage: string, now = new Date()): string {
  if (!hit) return `The HIT no longer exists. (${marketplaceMessage})`;
  const max = hit.MaxAssignments ?? 0;
  const pending = hit.NumberOfAssignmentsPending ?? 0;
  const available = hit.NumberOfAssignmentsAvailable ?? 0;
  const completed = hit.NumberOfAssignmentsCompleted ?? 0;
  const submitted = Math.max(0, max - pending - available - completed);
  if (submitted > 0) return `It has ${plural(submitted, "assignment")} that ${submitted === 1 ? "is" : "are"} not approved or rejected yet: decide ${submitted === 1 ? "it" : "them"} in Review first.`;
  if (pending > 0) return `Workers are still working on ${plural(pending, "assignment")}: wait until they submit or their time runs out.`;
  const expired = (hit.Expiration?.getTime() ?? 0) <= now.getTime();
  if (!expired && hit.HITStatus !== "Reviewable") return "It is not expired or reviewable: expire it first, then delete it.";
  return `The marketplace refused: ${marketplaceMessage}`;
}

const isDuplicateToken = (e: MturkError) => e.turkErrorCode === "AWS.MechanicalTurk.DuplicateRequest" || /unique request token/i.test(e.message);

/**
 * Does one action to one HIT through the SDK, paced to the account's rate limit like batch
 * creation, and refreshes its cache row. Returns what
 * happened in words. Refusals by MTurk become PermanentItemError with the reason; throttling
 * and service faults are thrown as they are, for the caller (the job runner) to retry.
 * `token` makes added assignments happen once however often this runs.
 */
export async function applyHitAction(scope: Scope, hitId: string, action: ResolvedHitAction, token: string): Promise<string> {
  const send = <C extends Parameters<typeof sendMturkPaced>[2]>(command: C) => sendMturkPaced(scope.teamId, scope.environment, command);
  const refused = (e: unknown): never => {
    if (e instanceof MturkError && e.kind === "request") throw new PermanentItemError(e.message);
    throw e;
  };
  let outcome: string;
  switch (action.kind) {
    case "addAssignments":
      try {
        await send(new CreateAdditionalAssignmentsForHITCommand({ HITId: hitId, NumberOfAdditionalAssignments: action.count, UniqueRequestToken: token.slice(0, 64) }));
        outcome = `Added ${plural(action.count, "assignment")}`;
      } catch (e) {
        if (e instanceof MturkError && e.kind === "request" && isDuplicateToken(e)) outcome = `Added ${plural(action.count, "assignment")} (already done)`;
        else refused(e);
      }
      break;
    case "extend": {
      const until = new Date(action.until);
      const hit = await getHit(scope, hitId);
      if (!hit) throw new PermanentItemError("The HIT no longer exists");
      if (hit.Expiration && hit.Expiration >= until) {
        outcome = "Already expires later; left as it is";
        break;
      }
      await send(new UpdateExpirationForHITCommand({ HITId: hitId, ExpireAt: until })).catch(refused);
      outcome = `Expires ${until.toISOString()}`;
      break;
    }
    case "expire":
      await send(new UpdateExpirationForHITCommand({ HITId: hitId, ExpireAt: LONG_AGO })).catch(refused);
      outcome = "Expired";
      break;
    case "changeType": {
      const hit = await getHit(scope, hitId);
      if (!hit) throw new PermanentItemError("The HIT no longer exists");
      // CreateHITType returns the existing type for identical properties, so a repeat is harmless.
      const type = await send(
        new CreateHITTypeCommand({
          Title: action.title || hit.Title!,
          Description: action.description || hit.Description!,
          Reward: action.reward ? Number(action.reward).toFixed(2) : hit.Reward!,
          Keywords: action.keywords ?? hit.Keywords,
          AssignmentDurationInSeconds: hit.AssignmentDurationInSeconds!,
          AutoApprovalDelayInSeconds: hit.AutoApprovalDelayInSeconds,
          QualificationRequirements: hit.QualificationRequirements,
        }),
      ).catch(refused);
      if (type.HITTypeId !== hit.HITTypeId) await send(new UpdateHITTypeOfHITCommand({ HITId: hitId, HITTypeId: type.HITTypeId! })).catch(refused);
      outcome = `Now of HIT type ${type.HITTypeId}`;
      break;
    }
    case "delete":
      try {
        await send(new DeleteHITCommand({ HITId: hitId }));
        outcome = "Deleted";
      } catch (e) {
        if (!(e instanceof MturkError) || e.kind !== "request") throw e;
        const hit = await getHit(scope, hitId);
        // Deleted by an earlier attempt whose answer was lost.
        if (!hit) {
          outcome = "Deleted (already gone)";
          break;
        }
        await refreshCachedHits(scope, [hitId], new Map([[hitId, hit]]));
        throw new PermanentItemError(`Cannot delete this HIT. ${explainDeleteRefusal(hit, e.message)}`);
      }
      break;
  }
  await refreshCachedHits(scope, [hitId]);
  return outcome!;
}
