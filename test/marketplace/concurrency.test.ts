import { ApproveAssignmentCommand, CreateHITCommand, ListBonusPaymentsCommand, MTurkClient, SendBonusCommand } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { acceptHit } from "@/lib/marketplace/work/accept-hit";
import { HTML_QUESTION, startHarness } from "./harness";

/** Money and slots under simultaneous calls: nothing paid twice, nothing over-assigned. */
describe("concurrency", () => {
  it("50 parallel ApproveAssignment calls for one assignment approve and pay exactly once", async () => {
    const h = await startHarness();
    const hit = await h.createHit();
    const id = await h.acceptAndSubmit(hit.HITId!, await h.createWorker());
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => h.client.send(new ApproveAssignmentCommand({ AssignmentId: id }))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect((r.reason as { TurkErrorCode?: string }).TurkErrorCode).toBe("AWS.MechanicalTurk.InvalidAssignmentState");
    }
    expect(await db.mkLedgerEntry.count({ where: { refId: id, kind: "reward" } })).toBe(1);
    expect(await db.mkLedgerEntry.count({ where: { refId: id, kind: "reward_fee" } })).toBe(1);
    await h.close();
  });

  it("50 parallel SendBonus calls with one UniqueRequestToken pay exactly one bonus; the others are refused", async () => {
    const h = await startHarness();
    const hit = await h.createHit();
    const worker = await h.createWorker();
    const id = await h.acceptAndSubmit(hit.HITId!, worker);
    const send = () => h.client.send(new SendBonusCommand({ WorkerId: worker, AssignmentId: id, BonusAmount: "2.00", Reason: "Thanks", UniqueRequestToken: "one-bonus" }));
    const results = await Promise.allSettled(Array.from({ length: 50 }, send));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as { TurkErrorCode?: string; message: string });
    expect(refused).toHaveLength(49);
    for (const e of refused) expect(e).toMatchObject({ TurkErrorCode: "AWS.MechanicalTurk.DuplicateRequest", message: expect.stringContaining("one-bonus") });
    const listed = await h.client.send(new ListBonusPaymentsCommand({ AssignmentId: id }));
    expect(listed.BonusPayments).toHaveLength(1);
    expect(await db.mkLedgerEntry.count({ where: { requesterId: h.requesterId, kind: "bonus" } })).toBe(1);
    await h.close();
  });

  it("100 parallel accepts of a 10-assignment HIT hand out exactly 10", async () => {
    const h = await startHarness();
    const hit = await h.createHit({ MaxAssignments: 10 });
    const workers = await Promise.all(Array.from({ length: 100 }, () => h.createWorker()));
    const results = await Promise.allSettled(workers.map((workerId) => acceptHit({ workerId, hitId: hit.HITId! })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    const row = await db.mkHit.findUniqueOrThrow({ where: { id: hit.HITId! } });
    expect(row).toMatchObject({ assignmentsAvailable: 0, assignmentsPending: 10, status: "Unassignable" });
    expect(await db.mkAssignment.count({ where: { hitId: hit.HITId! } })).toBe(10);
    await h.close();
  });

  it("two CreateHIT calls with one token at once create one HIT", async () => {
    const h = await startHarness();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => h.createHit({ UniqueRequestToken: "race" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.mkHit.count({ where: { requesterId: h.requesterId } })).toBe(1);
    await h.close();
  });

  it("CreateHIT calls that bring the same new HIT type at once all succeed and share one type", async () => {
    const h = await startHarness();
    // Without the SDK's retries, which would hide a call that failed once.
    const once = new MTurkClient({ endpoint: h.endpoint, region: "us-east-1", credentials: { accessKeyId: h.accessKeyId, secretAccessKey: h.secretAccessKey }, maxAttempts: 1 });
    // The same title, reward and durations: one HIT type, first created by whichever call wins.
    const create = () =>
      once.send(
        new CreateHITCommand({
          Title: "One new type for all",
          Description: "Say whether the sentence is positive or negative",
          Reward: "0.05",
          LifetimeInSeconds: 3600,
          AssignmentDurationInSeconds: 600,
          AutoApprovalDelayInSeconds: 86400,
          MaxAssignments: 1,
          Question: HTML_QUESTION,
        }),
      );
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => create().then((out) => out.HIT!)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const typeIds = new Set(results.map((r) => (r.status === "fulfilled" ? r.value.HITTypeId : undefined)));
    expect(typeIds.size).toBe(1);
    expect(await db.mkHitType.count({ where: { requesterId: h.requesterId } })).toBe(1);
    expect(await db.mkHit.count({ where: { requesterId: h.requesterId } })).toBe(12);
    once.destroy();
    await h.close();
  });
});
