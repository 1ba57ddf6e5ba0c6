import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { WorkforceSettingsPatch } from "@/lib/marketplace/admin-inputs";
import { entityId, randomId } from "@/lib/marketplace/ids";
import { provisionRequester } from "@/lib/marketplace/requesters";
import { ensureSimulatedWorkers, stepWorkforce } from "@/lib/marketplace/simulation/run-workforce";
import { readWorkforceSettings, SimulationUnavailable, updateWorkforceSettings, workforceActivity } from "@/lib/marketplace/simulation/workforce-settings";
import { workerProfile } from "@/lib/marketplace/simulation/profiles";

describe("HITDESK_SIMULATED_WORKERS", () => {
  it("defaults to 20, or 0 in test mode, and must be 0..200", () => {
    expect(parseEnv({}).HITDESK_SIMULATED_WORKERS).toBe(20);
    expect(parseEnv({ HITDESK_TEST_MODE: "1" }).HITDESK_SIMULATED_WORKERS).toBe(0);
    expect(parseEnv({ HITDESK_TEST_MODE: "1", HITDESK_SIMULATED_WORKERS: "7" }).HITDESK_SIMULATED_WORKERS).toBe(7);
    expect(parseEnv({ HITDESK_SIMULATED_WORKERS: "" }).HITDESK_SIMULATED_WORKERS).toBe(20);
    expect(() => parseEnv({ HITDESK_SIMULATED_WORKERS: "-1" })).toThrow(/HITDESK_SIMULATED_WORKERS/);
    expect(() => parseEnv({ HITDESK_SIMULATED_WORKERS: "many" })).toThrow(/HITDESK_SIMULATED_WORKERS/);
    expect(() => parseEnv({ HITDESK_SIMULATED_WORKERS: "201" })).toThrow(/at most 200/);
  });
});

describe("provisioning", () => {
  it("gives a sandbox requester an open workforce and simulation settings (off in tests)", async () => {
    const owner = `sim-${randomId(8)}`;
    const sandbox = await provisionRequester(owner, "sandbox", "Sim test");
    const row = await db.mkRequester.findUniqueOrThrow({ where: { id: sandbox.requesterId } });
    expect(row.openWorkforce).toBe(true);
    const settings = await readWorkforceSettings(sandbox.requesterId);
    expect(settings).toMatchObject({ workers: 0, paused: false, paceMs: 2000 });
    expect(settings!.seed).toBeGreaterThanOrEqual(0);
    expect(settings!.seed).toBeLessThanOrEqual(2_147_483_647);
    // Provisioning again changes nothing.
    await provisionRequester(owner, "sandbox", "Sim test");
    expect(await readWorkforceSettings(sandbox.requesterId)).toEqual(settings);
  });

  it("never gives a production requester a workforce, even when asked", async () => {
    const production = await provisionRequester(`sim-${randomId(8)}`, "production", "Sim test");
    expect((await db.mkRequester.findUniqueOrThrow({ where: { id: production.requesterId } })).openWorkforce).toBe(false);
    expect(await readWorkforceSettings(production.requesterId)).toBeNull();
    await expect(updateWorkforceSettings(production.requesterId, { workers: 5 })).rejects.toThrow(SimulationUnavailable);
    await expect(updateWorkforceSettings(production.requesterId, { workers: 5 })).rejects.toThrow(/only in the sandbox/);
    expect(await readWorkforceSettings(production.requesterId)).toBeNull();

    // Even a settings row written behind the rules' back does not make production workers.
    await db.mkSimulatedWorkforce.create({ data: { requesterId: production.requesterId, workers: 5, seed: 1 } });
    const now = new Date();
    await db.mkHit.create({
      data: {
        id: entityId(),
        requesterId: production.requesterId,
        hitTypeId: entityId(),
        hitGroupId: entityId(),
        question: "<x/>",
        questionKind: "HTMLQuestion",
        maxAssignments: 1,
        underTenAtCreation: true,
        assignmentsAvailable: 1,
        expiresAt: new Date(now.getTime() + 3600_000),
        createdAt: now,
        title: "t",
        description: "d",
        rewardCents: 1,
        assignmentDurationSec: 60,
        autoApprovalDelaySec: 60,
      },
    });
    expect(await stepWorkforce(production.requesterId)).toMatchObject({ accepted: 0 });
    expect(await ensureSimulatedWorkers(production.requesterId)).toEqual([]);
    expect(await db.mkWorker.count({ where: { simulatedForRequesterId: production.requesterId } })).toBe(0);
    expect(await db.mkAssignment.count({ where: { requesterId: production.requesterId } })).toBe(0);
  });
});

describe("updateWorkforceSettings", () => {
  it("validates its input with the shared schema", () => {
    expect(WorkforceSettingsPatch.safeParse({ workers: 201 }).success).toBe(false);
    expect(WorkforceSettingsPatch.safeParse({ workers: -1 }).success).toBe(false);
    expect(WorkforceSettingsPatch.safeParse({ workers: 2.5 }).success).toBe(false);
    expect(WorkforceSettingsPatch.safeParse({ paceMs: 199 }).success).toBe(false);
    expect(WorkforceSettingsPatch.safeParse({ paceMs: 60_001 }).success).toBe(false);
    expect(WorkforceSettingsPatch.safeParse({ seed: 2 ** 31 }).success).toBe(false);
    expect(WorkforceSettingsPatch.safeParse({ workers: 200, paceMs: 200, seed: 0, paused: true }).success).toBe(true);
  });

  it("creates the seed's workers by index, keeps them, and re-profiles them for a new seed", async () => {
    const { requesterId } = await provisionRequester(`sim-${randomId(8)}`, "sandbox", "Sim test");
    await expect(updateWorkforceSettings(requesterId, { workers: 201 })).rejects.toThrow();
    const s = await updateWorkforceSettings(requesterId, { workers: 4, seed: 321, paceMs: 500 });
    expect(s).toMatchObject({ workers: 4, seed: 321, paceMs: 500, paused: false });
    const workers = await ensureSimulatedWorkers(requesterId);
    expect(workers.map((w) => w.profile)).toEqual([0, 1, 2, 3].map((i) => workerProfile(321, i)));
    const rows = await db.mkWorker.findMany({ where: { id: { in: workers.map((w) => w.id) } } });
    for (const row of rows) {
      const profile = workers.find((w) => w.id === row.id)!.profile;
      expect(row).toMatchObject({
        simulated: true,
        simulatedForRequesterId: requesterId,
        accountRef: null,
        localeCountry: profile.localeCountry,
        localeSubdivision: profile.localeSubdivision,
        displayName: profile.displayName,
      });
    }
    // Same settings, same rows; fewer workers keeps the rows, more adds to them.
    expect((await ensureSimulatedWorkers(requesterId)).map((w) => w.id)).toEqual(workers.map((w) => w.id));
    await updateWorkforceSettings(requesterId, { workers: 2 });
    expect((await ensureSimulatedWorkers(requesterId)).map((w) => w.id)).toEqual(workers.slice(0, 2).map((w) => w.id));
    await updateWorkforceSettings(requesterId, { workers: 5 });
    const five = await ensureSimulatedWorkers(requesterId);
    expect(five.slice(0, 4).map((w) => w.id)).toEqual(workers.map((w) => w.id));
    expect(await db.mkWorker.count({ where: { simulatedForRequesterId: requesterId } })).toBe(5);
    // A new seed gives the same rows the new seed's profiles.
    await updateWorkforceSettings(requesterId, { seed: 322 });
    const reseeded = await ensureSimulatedWorkers(requesterId);
    expect(reseeded.map((w) => w.id)).toEqual(five.map((w) => w.id));
    expect(reseeded.map((w) => w.profile)).toEqual([0, 1, 2, 3, 4].map((i) => workerProfile(322, i)));
    expect(await workforceActivity(requesterId)).toEqual({ inProgress: 0, submitted: 0, returned: 0, abandoned: 0 });
  });

  it("adopts a worker row left without a profile by a crash instead of adding another", async () => {
    const { requesterId } = await provisionRequester(`sim-${randomId(8)}`, "sandbox", "Sim test");
    await updateWorkforceSettings(requesterId, { workers: 2, seed: 11 });
    const [, second] = await ensureSimulatedWorkers(requesterId);
    await db.$executeRaw`UPDATE mk_worker SET "simulationProfile" = NULL WHERE id = ${second!.id}`;
    const again = await ensureSimulatedWorkers(requesterId);
    expect(again.map((w) => w.id)).toContain(second!.id);
    expect(again[1]!.profile).toEqual(workerProfile(11, 1));
    expect(await db.mkWorker.count({ where: { simulatedForRequesterId: requesterId } })).toBe(2);
  });
});
