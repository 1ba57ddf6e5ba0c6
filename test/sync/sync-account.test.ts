import { randomBytes } from "node:crypto";
import { ApproveAssignmentCommand, UpdateExpirationForHITCommand, DeleteHITCommand } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { buildQuestionFormAnswers } from "@/lib/marketplace/answers";
import { syncAccount } from "@/lib/sync/sync-account";
import { startHarness } from "../marketplace/harness";

/** The sync against the built-in marketplace over HTTP, through the real SDK. */
describe("syncAccount", () => {
  it("copies HITs and assignments, then re-syncs incrementally", async () => {
    const h = await startHarness();
    const teamId = `team-${randomBytes(4).toString("hex")}`;
    const hits = [];
    for (let i = 0; i < 5; i++) hits.push(await h.createHit({ Title: `Sync ${i}`, MaxAssignments: 2 }));
    const worker = await h.createWorker();
    const answer = buildQuestionFormAnswers([{ questionIdentifier: "sentiment", value: { freeText: "positive" } }]);
    const assignmentId = await h.acceptAndSubmit(hits[0]!.HITId!, worker, answer);

    const first = await syncAccount({ teamId, environment: "sandbox", client: h.client });
    expect(first).toMatchObject({ skipped: false, hits: 5, changedHits: 5, assignments: 1 });
    // Bonuses only for the HIT with an assignment; qualifications on the first sync, then every few minutes.
    expect(first.callsByOperation).toEqual({
      ListHITs: 1,
      ListAssignmentsForHIT: 5,
      ListBonusPayments: 1,
      ListWorkerBlocks: 1,
      ListQualificationTypes: 1,
      ListQualificationRequests: 1,
    });
    const cached = await db.cachedAssignment.findUniqueOrThrow({ where: { teamId_environment_assignmentId: { teamId, environment: "sandbox", assignmentId } } });
    expect(cached).toMatchObject({ workerId: worker, status: "Submitted", answers: { sentiment: "positive" } });
    expect(await db.cachedHit.count({ where: { teamId, environment: "sandbox" } })).toBe(5);

    const idle = await syncAccount({ teamId, environment: "sandbox", client: h.client });
    expect(idle).toMatchObject({ calls: 2, callsByOperation: { ListHITs: 1, ListWorkerBlocks: 1 }, changedHits: 0, assignments: 0 });

    await h.client.send(new ApproveAssignmentCommand({ AssignmentId: assignmentId }));
    const after = await syncAccount({ teamId, environment: "sandbox", client: h.client });
    expect(after).toMatchObject({ callsByOperation: { ListHITs: 1, ListAssignmentsForHIT: 1, ListBonusPayments: 1, ListWorkerBlocks: 1 }, changedHits: 1 });
    expect((await db.cachedAssignment.findFirstOrThrow({ where: { teamId, assignmentId } })).status).toBe("Approved");
    expect((await db.syncState.findUniqueOrThrow({ where: { teamId_environment: { teamId, environment: "sandbox" } } })).lastCalls).toBe(4);
    await h.close();
  });

  it("keeps HITs the marketplace forgets, marked as such", async () => {
    const h = await startHarness();
    const teamId = `team-${randomBytes(4).toString("hex")}`;
    const hit = await h.createHit();
    await syncAccount({ teamId, environment: "sandbox", client: h.client });
    await h.client.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: new Date(0) }));
    await h.client.send(new DeleteHITCommand({ HITId: hit.HITId }));
    const result = await syncAccount({ teamId, environment: "sandbox", client: h.client });
    expect(result.forgotten).toBe(1);
    const row = await db.cachedHit.findFirstOrThrow({ where: { teamId, hitId: hit.HITId! } });
    expect(row.forgottenAt).toBeInstanceOf(Date);
    await h.close();
  });

  it("makes one ListHITs call per 100 HITs, and reads the block list, when nothing changed", async () => {
    const h = await startHarness();
    const teamId = `team-${randomBytes(4).toString("hex")}`;
    for (let i = 0; i < 205; i++) await h.createHit({ Title: `Many ${i}` });
    await syncAccount({ teamId, environment: "sandbox", client: h.client });
    const idle = await syncAccount({ teamId, environment: "sandbox", client: h.client });
    expect(idle).toMatchObject({ calls: 4, hits: 205, changedHits: 0 });
    expect(idle.callsByOperation).toEqual({ ListHITs: 3, ListWorkerBlocks: 1 });
    await h.close();
    // 205 CreateHIT calls first: slow on a busy machine.
  }, 120_000);

  it("runs one sync per team and environment at a time", async () => {
    const h = await startHarness();
    const teamId = `team-${randomBytes(4).toString("hex")}`;
    await h.createHit();
    const results = await Promise.all([1, 2, 3].map(() => syncAccount({ teamId, environment: "sandbox", client: h.client })));
    expect(results.filter((r) => !r.skipped)).toHaveLength(1);
    await h.close();
  });
});
