import { describe, expect, it } from "vitest";
import type { TeamContext } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { Conflict } from "@/lib/errors";
import { findRequesterId } from "@/lib/marketplace/requesters";
import { createTeam } from "@/lib/teams/create-team";
import { readTeamWorkforce, updateTeamWorkforce } from "@/lib/teams/simulated-workforce";
import { createUser } from "@/lib/users/create-user";

// What Settings reads and changes: the team's built-in sandbox workforce, whatever environment
// the user is looking at, with every change in the audit log.

async function team() {
  const email = `wf-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
  const owner = await createUser({ email, password: "correct horse battery", name: "Owner" });
  const t = await createTeam({ name: "Workforce test", ownerUserId: owner.id });
  const ctx: TeamContext = {
    user: { id: owner.id, email, name: null, environment: "production", activeTeamId: t.id },
    team: { id: t.id, slug: t.slug, name: "Workforce test", reviewerBonusLimitCents: 500 },
    role: "owner",
    environment: "production",
    teams: [],
  };
  return { ctx, teamId: t.id };
}

describe("the team's simulated workforce", () => {
  it("changes the sandbox workforce even from production, audited as a sandbox change", async () => {
    const { ctx, teamId } = await team();
    const before = await readTeamWorkforce(teamId);
    expect(before).toMatchObject({ available: true, settings: { workers: 0, paused: false }, sandboxUsesBuiltin: true, activity: { inProgress: 0, submitted: 0 } });
    const after = await updateTeamWorkforce(ctx, { workers: 3, paceMs: 1500 });
    expect(after).toMatchObject({ available: true, settings: { workers: 3, paceMs: 1500, paused: false } });

    const sandbox = (await findRequesterId(teamId, "sandbox"))!;
    expect(await db.mkWorker.count({ where: { simulatedForRequesterId: sandbox } })).toBe(3);
    const production = (await findRequesterId(teamId, "production"))!;
    expect(await db.mkSimulatedWorkforce.findUnique({ where: { requesterId: production } })).toBeNull();

    const audit = await db.auditLog.findFirstOrThrow({ where: { teamId, action: "workforce.update" } });
    expect(audit.environment).toBe("sandbox");
    expect(audit.detail).toMatchObject({ from: { workers: 0, paceMs: 2000 }, to: { workers: 3, paceMs: 1500 } });
  });

  it("says when the sandbox is connected elsewhere, and refuses a team without a sandbox account", async () => {
    const { ctx, teamId } = await team();
    await db.marketplaceConnection.update({ where: { teamId_environment: { teamId, environment: "sandbox" } }, data: { kind: "aws" } });
    expect(await readTeamWorkforce(teamId)).toMatchObject({ available: true, sandboxUsesBuiltin: false });
    await db.mkRequester.update({ where: { ownerRef_environment: { ownerRef: teamId, environment: "sandbox" } }, data: { ownerRef: `gone-${teamId}` } });
    expect(await readTeamWorkforce(teamId)).toMatchObject({ available: false });
    await expect(updateTeamWorkforce(ctx, { workers: 1 })).rejects.toBeInstanceOf(Conflict);
  });
});
