import "server-only";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import {
  NoMarketplaceAccount,
  readExternalPageVisit,
  readSimulatedWorkforce,
  SimulationUnavailable,
  updateSimulatedWorkforce,
  type ExternalPageVisit,
  type WorkforceActivity,
  type WorkforceSettings,
} from "@/lib/marketplace/admin";
import { Conflict } from "@/lib/errors";
import type { WorkforceSettingsPatch } from "@/lib/marketplace/admin-inputs";

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
  const [workforce, connection] = await Promise.all([
    readSimulatedWorkforce(teamId),
    db.marketplaceConnection.findUnique({ where: { teamId_environment: { teamId, environment: "sandbox" } }, select: { kind: true } }),
  ]);
  if (!workforce) return { available: false, reason: "This team has no built-in sandbox account yet. Connect the sandbox to the built-in marketplace first." };
  return { available: true, ...workforce, sandboxUsesBuiltin: connection?.kind === "builtin" };
}

export async function updateTeamWorkforce(ctx: TeamContext, patch: WorkforceSettingsPatch): Promise<TeamWorkforce> {
  let change: { before: WorkforceSettings | null; after: WorkforceSettings };
  try {
    change = await updateSimulatedWorkforce(ctx.team.id, patch);
  } catch (e) {
    if (e instanceof NoMarketplaceAccount) throw new Conflict("This team has no built-in sandbox account yet");
    if (e instanceof SimulationUnavailable) throw new Conflict(e.message);
    throw e;
  }
  const { before, after } = change;
  const pick = (s: WorkforceSettings | null) => (s ? { workers: s.workers, paused: s.paused, paceMs: s.paceMs, seed: s.seed, externalHosts: s.externalHosts } : null);
  await recordAudit({ ...ctx, environment: "sandbox" }, "workforce.update", "sandbox", { from: pick(before), to: pick(after) });
  return readTeamWorkforce(ctx.team.id);
}

export type { ExternalPageVisit };

/** Whether simulated workers could open a sandbox HIT's ExternalQuestion page (null: never tried). */
export function hitExternalPageVisit(teamId: string, hitId: string): Promise<ExternalPageVisit | null> {
  return readExternalPageVisit(teamId, hitId);
}
