import { randomBytes } from "node:crypto";
import { ApproveAssignmentCommand, UpdateExpirationForHITCommand, DeleteHITCommand, GetHITCommand, MTurkClient } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { acceptHit } from "@/lib/marketplace/work/accept-hit";
import { returnAssignment } from "@/lib/marketplace/work/return-assignment";
import { buildQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { hitRow, syncAccount } from "@/lib/sync/sync-account";
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
    expect(first).toMatchObject({ skipped: false, hits: 5, changedHits: 1, assignments: 1 });
    // Assignments and bonuses only for the HIT with submitted work; qualifications on the first sync, then every few minutes.
    expect(first.callsByOperation).toEqual({
      ListHITs: 1,
      ListAssignmentsForHIT: 1,
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

  it("lists assignments only for HITs whose counters show submitted work", async () => {
    const h = await startHarness();
    const teamId = `team-${randomBytes(4).toString("hex")}`;
    const worker = await h.createWorker();
    const untouched = await h.createHit({ MaxAssignments: 3 });
    const inProgress = await h.createHit({ MaxAssignments: 2 });
    await acceptHit({ workerId: worker, hitId: inProgress.HITId! });
    const returned = await h.createHit();
    const taken = await acceptHit({ workerId: worker, hitId: returned.HITId! });
    await returnAssignment({ assignmentId: taken.id, workerId: worker });
    const submitted = await h.createHit({ MaxAssignments: 2 });
    await h.acceptAndSubmit(submitted.HITId!, worker);

    const first = await syncAccount({ teamId, environment: "sandbox", client: h.client, qualifications: "never" });
    expect(first.callsByOperation).toEqual({ ListHITs: 1, ListAssignmentsForHIT: 1, ListBonusPayments: 1, ListWorkerBlocks: 1 });
    // The skipped HITs count as synced: the next sync does not read them either.
    const cached = await db.cachedHit.findMany({ where: { teamId, hitId: { in: [untouched.HITId!, inProgress.HITId!, returned.HITId!] } } });
    expect(cached.map((c) => c.assignmentsSyncedAt)).toEqual([expect.any(Date), expect.any(Date), expect.any(Date)]);
    expect((await syncAccount({ teamId, environment: "sandbox", client: h.client, qualifications: "never" })).calls).toBe(2);

    // Work submitted later moves the counters, and the HIT is read.
    const assignmentId = await h.acceptAndSubmit(untouched.HITId!, worker);
    const later = await syncAccount({ teamId, environment: "sandbox", client: h.client, qualifications: "never" });
    expect(later).toMatchObject({ changedHits: 1, assignments: 1, callsByOperation: { ListHITs: 1, ListAssignmentsForHIT: 1, ListBonusPayments: 1, ListWorkerBlocks: 1 } });
    expect(await db.cachedAssignment.count({ where: { teamId, assignmentId } })).toBe(1);
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
    // The sync holding the lease waits on its first call until the others have tried to take it:
    // a sync of one HIT is otherwise over before the next one starts, and both rightly run.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const client = new MTurkClient({ endpoint: h.endpoint, region: "us-east-1", credentials: { accessKeyId: h.accessKeyId, secretAccessKey: h.secretAccessKey } });
    client.middlewareStack.add((next) => async (args) => (await held, next(args)), { step: "initialize" });
    let settled = 0;
    const syncs = [1, 2, 3].map(() => syncAccount({ teamId, environment: "sandbox", client }).finally(() => settled++));
    // Two return at once (skipped, no call made); if more ran, they would all wait here.
    try {
      await expect.poll(() => settled, { timeout: 10_000 }).toBe(2);
    } finally {
      release();
    }
    const results = await Promise.all(syncs);
    expect(results.filter((r) => !r.skipped)).toHaveLength(1);
    client.destroy();
    await h.close();
  });

  it("does not mark a HIT synced with assignments older than the counters another sync stored meanwhile", async () => {
    const h = await startHarness();
    const teamId = `team-${randomBytes(4).toString("hex")}`;
    const hit = await h.createHit({ MaxAssignments: 2 });
    await h.acceptAndSubmit(hit.HITId!, await h.createWorker());
    // This sync lists the HIT's one submitted assignment, then waits before storing it.
    let listed!: () => void;
    const hasListed = new Promise<void>((r) => (listed = r));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const slow = new MTurkClient({ endpoint: h.endpoint, region: "us-east-1", credentials: { accessKeyId: h.accessKeyId, secretAccessKey: h.secretAccessKey } });
    slow.middlewareStack.add(
      (next, context) => async (args) => {
        const out = await next(args);
        if (context.commandName === "ListAssignmentsForHITCommand") {
          listed();
          await held;
        }
        return out;
      },
      { step: "initialize" },
    );
    const first = syncAccount({ teamId, environment: "sandbox", client: slow, qualifications: "never" });
    await hasListed;
    // Meanwhile a second worker submits, and a newer read of the HIT (a sync that then failed
    // before listing its assignments) stores its new counters, unsynced.
    const second = await h.acceptAndSubmit(hit.HITId!, await h.createWorker());
    const newer = (await h.client.send(new GetHITCommand({ HITId: hit.HITId! }))).HIT!;
    await db.cachedHit.update({
      where: { teamId_environment_hitId: { teamId, environment: "sandbox", hitId: hit.HITId! } },
      data: { ...hitRow(newer, new Date()), assignmentsSyncedAt: null },
    });
    release();
    await first;
    expect(await db.cachedAssignment.count({ where: { teamId, hitId: hit.HITId! } })).toBe(1);

    // The next sync sees the HIT as not synced and reads the second assignment.
    const next = await syncAccount({ teamId, environment: "sandbox", client: h.client, qualifications: "never" });
    expect(next.changedHits).toBe(1);
    expect(await db.cachedAssignment.count({ where: { teamId, assignmentId: second } })).toBe(1);
    slow.destroy();
    await h.close();
  });
});
