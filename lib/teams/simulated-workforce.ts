import "server-only";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { HttpError } from "@/lib/http-error";
import { findRequesterId } from "@/lib/marketplace/requesters";
import {
  readWorkforceSettings,
  SimulationUnavailable,
  updateWorkforceSettings,
  workforceActivity,
  type WorkforceActivity,
  type WorkforceSettings,
} from "@/lib/marketplace/simulation/workforce-settings";
import type { WorkforceSettingsPatch } from "@/lib/marketplace/simulation/workforce-settings-input";

/** What Settings shows of the team's simulated workforce, which works in the built-in sandbox. */
export type TeamWorkforce =
  | { available: false; reason: string }
  | {
      available: true;
      /** null until someone turns it on (teams made before workforces existed). */
      settings: WorkforceSettings | null;
      activity: WorkforceActivity;
      /** False when the team's sandbox talks to AWS or another endpoint, where these workers never go. */
      sandboxUsesBuiltin: boolean;
    };

export async function readTeamWorkforce(teamId: string): Promise<TeamWorkforce> {
  const requesterId = await findRequesterId(teamId, "sandbox");
  if (!requesterId) return { available: false, reason: "This team has no built-in sandbox account yet. Connect the sandbox to the built-in marketplace first." };
  const [settings, activity, connection] = await Promise.all([
    readWorkforceSettings(requesterId),
    workforceActivity(requesterId),
    db.marketplaceConnection.findUnique({ where: { teamId_environment: { teamId, environment: "sandbox" } }, select: { kind: true } }),
  ]);
  return { available: true, settings, activity, sandboxUsesBuiltin: connection?.kind === "builtin" };
}

export async function updateTeamWorkforce(ctx: TeamContext, patch: WorkforceSettingsPatch): Promise<TeamWorkforce> {
  const requesterId = await findRequesterId(ctx.team.id, "sandbox");
  if (!requesterId) throw new HttpError(409, "This team has no built-in sandbox account yet");
  const before = await readWorkforceSettings(requesterId);
  let after: WorkforceSettings;
  try {
    after = await updateWorkforceSettings(requesterId, patch);
  } catch (e) {
    if (e instanceof SimulationUnavailable) throw new HttpError(409, e.message);
    throw e;
  }
  const pick = (s: WorkforceSettings | null) => (s ? { workers: s.workers, paused: s.paused, paceMs: s.paceMs, seed: s.seed } : null);
  await recordAudit({ ...ctx, environment: "sandbox" }, "workforce.update", "sandbox", { from: pick(before), to: pick(after) });
  return readTeamWorkforce(ctx.team.id);
}
