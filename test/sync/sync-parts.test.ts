import { randomBytes } from "node:crypto";
import {
  AcceptQualificationRequestCommand,
  ApproveAssignmentCommand,
  AssociateQualificationWithWorkerCommand,
  CreateQualificationTypeCommand,
  CreateWorkerBlockCommand,
  DeleteQualificationTypeCommand,
  DeleteWorkerBlockCommand,
  DisassociateQualificationFromWorkerCommand,
  MTurkClient,
  SendBonusCommand,
} from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { requestQualification } from "@/lib/marketplace/work/request-qualification";
import { syncAccount } from "@/lib/sync/sync-account";
import { startHarness, useHarness } from "../marketplace/harness";

const { h, client } = useHarness();
const newTeam = () => `team-${randomBytes(4).toString("hex")}`;
const where = (teamId: string) => ({ teamId, environment: "sandbox" as const });

/** Bonuses, blocks and qualifications copied through the real SDK from the built-in marketplace. */
describe("syncAccount: the rest of the account", () => {
  it("copies bonus payments of changed HITs, and new ones after the HIT changes again", async () => {
    const teamId = newTeam();
    const hit = await h.createHit({ MaxAssignments: 2 });
    const [ana, ben] = [await h.createWorker(), await h.createWorker()];
    const first = await h.acceptAndSubmit(hit.HITId!, ana);
    await client.send(new ApproveAssignmentCommand({ AssignmentId: first }));
    await client.send(new SendBonusCommand({ AssignmentId: first, WorkerId: ana, BonusAmount: "0.25", Reason: "Careful work", UniqueRequestToken: `b-${teamId}` }));

    const result = await syncAccount({ teamId, environment: "sandbox", client });
    expect(result.bonuses).toBe(1);
    expect(await db.cachedBonusPayment.findMany({ where: where(teamId), select: { assignmentId: true, workerId: true, amountCents: true, reason: true, hitId: true } })).toEqual([
      { assignmentId: first, workerId: ana, amountCents: 25, reason: "Careful work", hitId: hit.HITId },
    ]);
    const state = await db.syncState.findUniqueOrThrow({ where: { teamId_environment: where(teamId) } });
    expect(state.bonusesSyncedAt).toBeInstanceOf(Date);

    // A second worker submits (the HIT's counters change) and gets a bonus too; the first stays once.
    const second = await h.acceptAndSubmit(hit.HITId!, ben);
    await client.send(new SendBonusCommand({ AssignmentId: second, WorkerId: ben, BonusAmount: "1.00", Reason: "Thanks", UniqueRequestToken: `c-${teamId}` }));
    const again = await syncAccount({ teamId, environment: "sandbox", client });
    expect(again.callsByOperation).toMatchObject({ ListAssignmentsForHIT: 1, ListBonusPayments: 1 });
    expect((await db.cachedBonusPayment.findMany({ where: where(teamId), orderBy: { amountCents: "asc" } })).map((b) => [b.workerId, b.amountCents])).toEqual([
      [ana, 25],
      [ben, 100],
    ]);

    // A bonus paid later changes nothing ListHITs shows: the routine sync does not see it...
    await client.send(new SendBonusCommand({ AssignmentId: first, WorkerId: ana, BonusAmount: "0.50", Reason: "Follow-up", UniqueRequestToken: `d-${teamId}` }));
    const routine = await syncAccount({ teamId, environment: "sandbox", client });
    expect(routine.callsByOperation).toEqual({ ListHITs: 1, ListWorkerBlocks: 1 });
    expect(await db.cachedBonusPayment.count({ where: where(teamId) })).toBe(2);
    // ...the slow parts do, a few minutes later, for HITs with work from the last week.
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    await db.cachedHit.updateMany({ where: where(teamId), data: { bonusesSyncedAt: minutesAgo(6) } });
    await db.syncState.update({ where: { teamId_environment: where(teamId) }, data: { qualificationScoresSyncedAt: minutesAgo(6) } });
    const slow = await syncAccount({ teamId, environment: "sandbox", client });
    expect(slow.callsByOperation.ListBonusPayments).toBe(1);
    expect(await db.cachedBonusPayment.count({ where: { ...where(teamId), workerId: ana } })).toBe(2);
  });

  it("copies worker blocks and keeps a lifted block, marked, until the worker is blocked again", async () => {
    const teamId = newTeam();
    const [ana, ben] = [await h.createWorker(), await h.createWorker()];
    await client.send(new CreateWorkerBlockCommand({ WorkerId: ana, Reason: "Spam answers" }));
    await client.send(new CreateWorkerBlockCommand({ WorkerId: ben, Reason: "Copied text" }));
    await syncAccount({ teamId, environment: "sandbox", client });
    const blocks = await db.cachedWorkerBlock.findMany({ where: { ...where(teamId), workerId: { in: [ana, ben] } }, orderBy: { reason: "asc" } });
    expect(blocks.map((b) => [b.workerId, b.reason, b.forgottenAt])).toEqual([
      [ben, "Copied text", null],
      [ana, "Spam answers", null],
    ]);

    await client.send(new DeleteWorkerBlockCommand({ WorkerId: ana }));
    const lifted = await syncAccount({ teamId, environment: "sandbox", client });
    expect(lifted.forgotten).toBe(1);
    const anaRow = await db.cachedWorkerBlock.findUniqueOrThrow({ where: { teamId_environment_workerId: { ...where(teamId), workerId: ana } } });
    expect(anaRow.forgottenAt).toBeInstanceOf(Date);
    expect(anaRow.reason).toBe("Spam answers");

    await client.send(new CreateWorkerBlockCommand({ WorkerId: ana, Reason: "Spam again" }));
    await syncAccount({ teamId, environment: "sandbox", client });
    expect(await db.cachedWorkerBlock.findUniqueOrThrow({ where: { teamId_environment_workerId: { ...where(teamId), workerId: ana } } })).toMatchObject({ reason: "Spam again", forgottenAt: null });
    expect((await db.syncState.findUniqueOrThrow({ where: { teamId_environment: where(teamId) } })).workerBlocksSyncedAt).toBeInstanceOf(Date);
  });

  it("copies qualification types, pending requests and scores on demand, and marks what went away", async () => {
    // A requester of its own: the types and requests listed are exactly this test's.
    const own = await startHarness();
    try {
      const teamId = newTeam();
      const type = (await own.client.send(new CreateQualificationTypeCommand({ Name: `Sync ${teamId}`, Description: "Skill check", QualificationTypeStatus: "Active" }))).QualificationType!;
      const typeId = type.QualificationTypeId!;
      const [ana, ben, cy] = [await own.createWorker(), await own.createWorker(), await own.createWorker()];
      await own.client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: typeId, WorkerId: ana, IntegerValue: 80, SendNotification: false }));
      await requestQualification({ workerId: ben, qualificationTypeId: typeId });

      const first = await syncAccount({ teamId, environment: "sandbox", client: own.client, qualifications: "now" });
      expect(first).toMatchObject({ qualificationTypes: 1, qualificationRequests: 1, qualificationScores: 1 });
      expect(await db.cachedQualificationType.findFirstOrThrow({ where: where(teamId) })).toMatchObject({ qualificationTypeId: typeId, name: `Sync ${teamId}`, status: "Active", forgottenAt: null });
      const request = await db.cachedQualificationRequest.findFirstOrThrow({ where: where(teamId) });
      expect(request).toMatchObject({ workerId: ben, qualificationTypeId: typeId, forgottenAt: null });
      expect(await db.cachedQualificationScore.findFirstOrThrow({ where: where(teamId) })).toMatchObject({ workerId: ana, integerValue: 80, status: "Granted" });
      const state = await db.syncState.findUniqueOrThrow({ where: { teamId_environment: where(teamId) } });
      expect([state.qualificationTypesSyncedAt, state.qualificationRequestsSyncedAt, state.qualificationScoresSyncedAt].every((d) => d instanceof Date)).toBe(true);

      // Not due yet: the routine sync leaves qualifications alone.
      const routine = await syncAccount({ teamId, environment: "sandbox", client: own.client });
      expect(routine.callsByOperation).toEqual({ ListHITs: 1, ListWorkerBlocks: 1 });

      // The request is granted, ana's score changes, cy is granted then removed.
      await own.client.send(new AcceptQualificationRequestCommand({ QualificationRequestId: request.qualificationRequestId, IntegerValue: 50 }));
      await own.client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: typeId, WorkerId: ana, IntegerValue: 95, SendNotification: false }));
      await own.client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: typeId, WorkerId: cy, IntegerValue: 10, SendNotification: false }));
      // Even on demand, qualifications refresh at most every 30 s: pretend that has passed.
      const letTimePass = () => db.syncState.update({ where: { teamId_environment: where(teamId) }, data: { qualificationScoresSyncedAt: new Date(0) } });
      await letTimePass();
      expect((await syncAccount({ teamId, environment: "sandbox", client: own.client, qualifications: "now" })).qualificationScores).toBe(3);
      await own.client.send(new DisassociateQualificationFromWorkerCommand({ QualificationTypeId: typeId, WorkerId: cy, Reason: "Test" }));
      await letTimePass();
      await syncAccount({ teamId, environment: "sandbox", client: own.client, qualifications: "now" });

      expect((await db.cachedQualificationRequest.findFirstOrThrow({ where: where(teamId) })).forgottenAt).toBeInstanceOf(Date);
      const scores = await db.cachedQualificationScore.findMany({ where: where(teamId) });
      const byWorker = Object.fromEntries(scores.map((s) => [s.workerId, s]));
      expect(byWorker[ana]).toMatchObject({ integerValue: 95 });
      expect(byWorker[ben]).toMatchObject({ integerValue: 50, status: "Granted" });
      // A removed score is either listed as Revoked or no longer listed; either way its history stays.
      expect(byWorker[cy]!.status === "Revoked" || byWorker[cy]!.forgottenAt instanceof Date).toBe(true);

      await own.client.send(new DeleteQualificationTypeCommand({ QualificationTypeId: typeId }));
      await letTimePass();
      const afterDelete = await syncAccount({ teamId, environment: "sandbox", client: own.client, qualifications: "now" });
      expect(afterDelete.qualificationTypes).toBe(0);
      expect((await db.cachedQualificationType.findFirstOrThrow({ where: where(teamId) })).forgottenAt).toBeInstanceOf(Date);
      expect(await db.cachedQualificationScore.count({ where: where(teamId) })).toBe(3);
    } finally {
      await own.close();
    }
  });
});

describe("syncAccount under throttling", () => {
  it("absorbs throttling and service faults with backoff and copies everything", async () => {
    const limited = await startHarness({ faults: { rateLimitPerSecond: 20, burst: 3, serviceFaultRate: 0.15 } });
    try {
      const teamId = newTeam();
      const worker = await limited.createWorker();
      // The faults apply to the setup's calls too: build the account without the API.
      const hits = [];
      for (let i = 0; i < 12; i++) {
        for (;;) {
          try {
            hits.push(await limited.createHit({ Title: `Throttled ${i}` }));
            break;
          } catch {
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      }
      for (const hit of hits.slice(0, 6)) await limited.acceptAndSubmit(hit.HITId!, worker);
      // The SDK's own retries off: every fault reaches the sync's backoff, and is counted.
      const noRetries = new MTurkClient({
        endpoint: limited.endpoint,
        region: "us-east-1",
        credentials: { accessKeyId: limited.accessKeyId, secretAccessKey: limited.secretAccessKey },
        maxAttempts: 1,
      });
      const result = await syncAccount({ teamId, environment: "sandbox", client: noRetries });
      noRetries.destroy();
      expect(result).toMatchObject({ skipped: false, hits: 12, assignments: 6 });
      // 1 ListHITs + 6 ListAssignmentsForHIT and 6 ListBonusPayments (the 6 untouched HITs need
      // neither) + blocks + 2 qualification lists, plus the retried ones.
      expect(result.calls).toBeGreaterThan(16);
      expect(await db.cachedHit.count({ where: where(teamId) })).toBe(12);
      expect(await db.cachedAssignment.count({ where: where(teamId) })).toBe(6);
      expect((await db.syncState.findUniqueOrThrow({ where: { teamId_environment: where(teamId) } })).lastError).toBeNull();
    } finally {
      await limited.close();
    }
  }, 120_000);
});
