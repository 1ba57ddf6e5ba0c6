import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import type { EnvironmentName } from "@/lib/scope";
import { syncAccount } from "@/lib/sync/sync-account";
import { noteTeamActivity } from "@/lib/sync/note-team-activity";
import { dueSyncs, runDueSyncs } from "@/lib/sync/run-due-syncs";
import { useHarness } from "../marketplace/harness";

const { h, client } = useHarness();

async function connectedTeam(): Promise<string> {
  const team = await db.team.create({ data: { slug: `bg-${randomBytes(4).toString("hex")}`, name: "Background" } });
  await db.marketplaceConnection.create({ data: { teamId: team.id, environment: "sandbox", kind: "builtin", accessKeyId: h.accessKeyId, secretCiphertext: encryptSecret(h.secretAccessKey) } });
  return team.id;
}

/** The scheduler's choice of teams, with the sync itself running against the harness. */
const syncThroughHarness = (teamId: string, environment: EnvironmentName) => syncAccount({ teamId, environment, client });

describe("background sync", () => {
  it("syncs a recently active team and skips idle, unconnected and freshly synced ones", async () => {
    await h.createHit({ Title: "Background HIT" });
    const active = await connectedTeam();
    const idle = await connectedTeam();
    const unconnected = (await db.team.create({ data: { slug: `bg-${randomBytes(4).toString("hex")}`, name: "No connection" } })).id;

    await noteTeamActivity(active, "sandbox");
    await noteTeamActivity(unconnected, "sandbox");
    await db.syncState.create({ data: { teamId: idle, environment: "sandbox", lastSeenAt: new Date(Date.now() - 60 * 60 * 1000) } });

    const mine = (list: { teamId: string }[]) => list.map((d) => d.teamId).filter((id) => [active, idle, unconnected].includes(id));
    expect(mine(await dueSyncs(60))).toEqual([active]);

    const round = await runDueSyncs(60, syncThroughHarness);
    expect(mine(round.synced)).toEqual([active]);
    expect(await db.cachedHit.count({ where: { teamId: active, environment: "sandbox" } })).toBeGreaterThan(0);
    // The workers page's figures were rebuilt with the sync, so its first view has nothing to do.
    const build = await db.workerStatBuild.findUnique({ where: { teamId_environment: { teamId: active, environment: "sandbox" } } });
    const state = await db.syncState.findUnique({ where: { teamId_environment: { teamId: active, environment: "sandbox" } } });
    expect(build?.syncMark?.getTime()).toBe(state?.finishedAt?.getTime());
    expect(await db.cachedHit.count({ where: { teamId: idle, environment: "sandbox" } })).toBe(0);

    // Synced a moment ago: not due again until the interval has passed.
    expect(mine((await runDueSyncs(60, syncThroughHarness)).synced)).toEqual([]);
    await db.syncState.update({ where: { teamId_environment: { teamId: active, environment: "sandbox" } }, data: { finishedAt: new Date(Date.now() - 61_000) } });
    expect(mine(await dueSyncs(60))).toEqual([active]);
  });

  it("keeps going when one team's sync fails", async () => {
    const broken = await connectedTeam();
    const fine = await connectedTeam();
    await noteTeamActivity(broken, "sandbox");
    await noteTeamActivity(fine, "sandbox");
    const round = await runDueSyncs(60, async (teamId, environment) => {
      if (teamId === broken) throw new Error("marketplace unreachable");
      return syncThroughHarness(teamId, environment);
    });
    expect(round.failed.map((d) => d.teamId)).toContain(broken);
    expect(round.synced.map((d) => d.teamId)).toContain(fine);
    // The failure is on record and the team waits for the next interval.
    expect((await db.syncState.findUniqueOrThrow({ where: { teamId_environment: { teamId: broken, environment: "sandbox" } } })).lastError).toBe("marketplace unreachable");
    expect((await dueSyncs(60)).map((d) => d.teamId)).not.toContain(broken);
  });

  it("notes activity at most once a minute", async () => {
    const teamId = await connectedTeam();
    await noteTeamActivity(teamId, "sandbox");
    const first = (await db.syncState.findUniqueOrThrow({ where: { teamId_environment: { teamId, environment: "sandbox" } } })).lastSeenAt;
    await noteTeamActivity(teamId, "sandbox");
    expect((await db.syncState.findUniqueOrThrow({ where: { teamId_environment: { teamId, environment: "sandbox" } } })).lastSeenAt).toEqual(first);
  });
});
