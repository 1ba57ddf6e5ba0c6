import { ApproveAssignmentCommand, GetAssignmentCommand } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Conflict, Forbidden, NotFound } from "@/lib/errors";
import { decideAssignments } from "@/lib/review/decide-assignments";
import { listReviewQueue } from "@/lib/review/list-review-queue";
import { undoDecisions } from "@/lib/review/undo-decisions";
import { confirmRejections } from "@/lib/review/confirm-rejections";
import { useHarness } from "../marketplace/harness";
import { reviewTeam, runReviewJobs } from "./review-team";

/** Decisions against the built-in marketplace through the real SDK, in a real Postgres. */
const { h, client } = useHarness();

async function submitted(count: number): Promise<string[]> {
  const hit = await h.createHit({ MaxAssignments: count });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await h.acceptAndSubmit(hit.HITId!, await h.createWorker()));
  return ids;
}

const statusOf = async (assignmentId: string) => (await client.send(new GetAssignmentCommand({ AssignmentId: assignmentId }))).Assignment!.AssignmentStatus;
const rewardRows = (assignmentId: string) => db.mkLedgerEntry.count({ where: { requesterId: h.requesterId, kind: "reward", refId: assignmentId } });

// Generous: these run the marketplace, the SDK and the job runner, sometimes on a busy machine.
describe("review decisions", { timeout: 120_000 }, () => {
  it("approves through the job runner, records the approval in the ledger and the cache", async () => {
    const team = await reviewTeam(h);
    const [id] = await submitted(1);
    await team.sync();
    const reviewer = await team.as("reviewer");
    const { hitId } = await db.cachedAssignment.findFirstOrThrow({ where: { teamId: team.teamId, assignmentId: id } });
    const queue = await listReviewQueue({ teamId: team.teamId, environment: "sandbox" }, { group: "none", hitId }, { limit: 10 });
    expect(queue.items.map((i) => i.assignmentId)).toEqual([id]);

    const result = await decideAssignments(reviewer, { action: "approve", assignmentIds: [id!] });
    expect(result).toMatchObject({ confirmRequired: false, skipped: [] });
    await runReviewJobs(team.teamId);
    expect(await statusOf(id!)).toBe("Approved");
    expect(await rewardRows(id!)).toBe(1);
    expect(await db.paymentLedgerEntry.findFirstOrThrow({ where: { teamId: team.teamId, assignmentId: id } })).toMatchObject({ kind: "approval", status: "paid", amountCents: 5, outcome: "sent" });
    expect((await db.cachedAssignment.findFirstOrThrow({ where: { teamId: team.teamId, assignmentId: id } })).status).toBe("Approved");
    const audit = await db.auditLog.findFirstOrThrow({ where: { teamId: team.teamId, action: "assignment.approve" } });
    expect(audit).toMatchObject({ environment: "sandbox", target: id, actorEmail: reviewer.user.email });
    await expect(decideAssignments(reviewer, { action: "approve", assignmentIds: [id!] })).rejects.toBeInstanceOf(Conflict);
  });

  it("lets one of two reviewers deciding at once win; the other gets a 409", async () => {
    const team = await reviewTeam(h);
    const [id] = await submitted(1);
    await team.sync();
    const [ana, ben] = [await team.as("reviewer"), await team.as("admin")];
    const outcomes = await Promise.allSettled([
      decideAssignments(ana, { action: "approve", assignmentIds: [id!] }),
      decideAssignments(ben, { action: "reject", feedback: "Wrong", assignmentIds: [id!] }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const lost = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(Conflict);
    expect((lost.reason as Conflict).message).toMatch(/was just (approved|rejected) by review-/);
    expect(await db.reviewDecision.count({ where: { teamId: team.teamId, assignmentId: id } })).toBe(1);
  });

  it("holds a rejection for the undo window; undone, it is never sent", async () => {
    const team = await reviewTeam(h);
    const [kept, undone] = await submitted(2);
    await team.sync();
    const reviewer = await team.as("reviewer");
    await db.reviewSettings.create({ data: { teamId: team.teamId, undoWindowSeconds: 2 } });
    const first = await decideAssignments(reviewer, { action: "reject", feedback: "Did not follow the instructions", assignmentIds: [kept!] });
    const second = await decideAssignments(reviewer, { action: "reject", feedback: "Empty", assignmentIds: [undone!] });
    if (first.confirmRequired || second.confirmRequired) throw new Error("single rejections need no impact check");
    await runReviewJobs(team.teamId); // inside the window: the runner leaves it
    expect((await db.reviewDecision.findUniqueOrThrow({ where: { id: first.decisions[0]!.id } })).status).toBe("scheduled");
    expect(await statusOf(kept!)).toBe("Submitted");
    await undoDecisions(reviewer, [second.decisions[0]!.id]);
    await new Promise((r) => setTimeout(r, 2100));
    await runReviewJobs(team.teamId);
    expect(await statusOf(kept!)).toBe("Rejected");
    expect(await statusOf(undone!)).toBe("Submitted");
    await expect(undoDecisions(reviewer, [first.decisions[0]!.id])).rejects.toBeInstanceOf(Conflict);
    // Undone, the assignment can be decided again.
    await decideAssignments(reviewer, { action: "approve", assignmentIds: [undone!] });
    await runReviewJobs(team.teamId);
    expect(await statusOf(undone!)).toBe("Approved");
  });

  it("another team's assignments and decisions are not found, and nothing of theirs moves", async () => {
    const team = await reviewTeam(h);
    const stranger = await reviewTeam(h);
    const [id] = await submitted(1);
    await team.sync();
    await db.reviewSettings.create({ data: { teamId: team.teamId, undoWindowSeconds: 60 } });
    const decided = await decideAssignments(await team.as("reviewer"), { action: "reject", feedback: "Wrong", assignmentIds: [id!] });
    if (decided.confirmRequired) throw new Error("unreachable");
    const intruder = await stranger.as("admin");

    await expect(decideAssignments(intruder, { action: "approve", assignmentIds: [id!] })).rejects.toBeInstanceOf(NotFound);
    await expect(undoDecisions(intruder, [decided.decisions[0]!.id])).rejects.toBeInstanceOf(NotFound);
    await expect(confirmRejections(intruder, [decided.decisions[0]!.id])).rejects.toBeInstanceOf(NotFound);
    expect(await db.reviewDecision.findMany({ where: { assignmentId: id }, select: { teamId: true, status: true } })).toEqual([{ teamId: team.teamId, status: "scheduled" }]);
    expect(await db.auditLog.count({ where: { teamId: stranger.teamId } })).toBe(0);
  });

  it("asks for the workers' approval rates before a bulk rejection", async () => {
    const team = await reviewTeam(h);
    const ids = await submitted(3);
    await team.sync();
    const reviewer = await team.as("reviewer");
    const check = await decideAssignments(reviewer, {
      action: "reject",
      feedback: "Wrong",
      filter: { group: "none", hitId: (await db.cachedAssignment.findFirstOrThrow({ where: { teamId: team.teamId, assignmentId: ids[0] } })).hitId },
    });
    expect(check).toMatchObject({ confirmRequired: true, affected: 3 });
    if (!check.confirmRequired) throw new Error("unreachable");
    expect(check.impact).toHaveLength(3);
    expect(check.impact[0]).toMatchObject({ submitted: 1, approvalRate: null });
    expect(await db.reviewDecision.count({ where: { teamId: team.teamId } })).toBe(0);
    const done = await decideAssignments(reviewer, { action: "reject", feedback: "Wrong", assignmentIds: ids, confirmedImpact: true });
    expect(done).toMatchObject({ confirmRequired: false });
  });

  it("in production with confirmation on, a rejection waits for a second reviewer", async () => {
    const team = await reviewTeam(h);
    const [id] = await submitted(1);
    await team.sync();
    // The harness requester serves this team's production too, so the flow runs end to end.
    await db.cachedAssignment.updateMany({ where: { teamId: team.teamId }, data: { environment: "production" } });
    await db.cachedHit.updateMany({ where: { teamId: team.teamId }, data: { environment: "production" } });
    const conn = await db.marketplaceConnection.findUniqueOrThrow({ where: { teamId_environment: { teamId: team.teamId, environment: "sandbox" } }, omit: { secretCiphertext: false } });
    await db.marketplaceConnection.update({
      where: { teamId_environment: { teamId: team.teamId, environment: "production" } },
      data: { kind: "custom", endpoint: conn.endpoint, accessKeyId: conn.accessKeyId, secretCiphertext: conn.secretCiphertext },
    });
    await db.reviewSettings.create({ data: { teamId: team.teamId, undoWindowSeconds: 0, confirmProductionRejections: true } });
    const ana = { ...(await team.as("reviewer")), environment: "production" as const };
    const ben = { ...(await team.as("reviewer")), environment: "production" as const };
    const result = await decideAssignments(ana, { action: "reject", feedback: "Wrong", assignmentIds: [id!] });
    if (result.confirmRequired) throw new Error("unreachable");
    expect(result.decisions[0]!.status).toBe("awaiting_confirmation");
    await runReviewJobs(team.teamId);
    expect(await statusOf(id!)).toBe("Submitted");
    await expect(confirmRejections(ana, [result.decisions[0]!.id])).rejects.toBeInstanceOf(Forbidden);
    await confirmRejections(ben, [result.decisions[0]!.id]);
    await runReviewJobs(team.teamId);
    expect(await statusOf(id!)).toBe("Rejected");
  });

  it("an approval whose reply was lost is recognised, not sent again", async () => {
    const team = await reviewTeam(h);
    const [beforeCall, afterCall] = await submitted(2);
    await team.sync();
    const reviewer = await team.as("reviewer");
    for (const id of [beforeCall!, afterCall!]) await decideAssignments(reviewer, { action: "approve", assignmentIds: [id] });
    // A crash after the ledger row was written: before the call for one, after it for the other.
    const decisions = await db.reviewDecision.findMany({ where: { teamId: team.teamId } });
    for (const d of decisions) {
      await db.reviewDecision.update({ where: { id: d.id }, data: { status: "sending" } });
      await db.paymentLedgerEntry.create({
        data: {
          teamId: team.teamId,
          environment: "sandbox",
          kind: "approval",
          uniqueRequestToken: `approve:${d.assignmentId}`,
          assignmentId: d.assignmentId,
          workerId: d.workerId,
          hitId: d.hitId,
          amountCents: 5,
          status: "sending",
          attempts: 1,
          decisionId: d.id,
        },
      });
    }
    await client.send(new ApproveAssignmentCommand({ AssignmentId: afterCall }));
    await runReviewJobs(team.teamId);
    for (const id of [beforeCall!, afterCall!]) {
      expect(await statusOf(id)).toBe("Approved");
      expect(await rewardRows(id)).toBe(1);
    }
    const ledger = await db.paymentLedgerEntry.findMany({ where: { teamId: team.teamId }, orderBy: { assignmentId: "asc" } });
    expect(ledger.map((l) => l.status)).toEqual(["paid", "paid"]);
    expect(ledger.find((l) => l.assignmentId === afterCall)!.outcome).toMatch(/already approved/);
    expect(ledger.find((l) => l.assignmentId === beforeCall)!.outcome).toBe("sent");
  });

  it("an approval refused by the marketplace frees the assignment for another decision", async () => {
    const team = await reviewTeam(h);
    const [id] = await submitted(1);
    await team.sync();
    const reviewer = await team.as("reviewer");
    await decideAssignments(reviewer, { action: "reject", feedback: "x", assignmentIds: [id!] }).catch(() => undefined);
    await undoDecisions(
      reviewer,
      (await db.reviewDecision.findMany({ where: { teamId: team.teamId } })).map((d) => d.id),
    );
    // Someone rejects it outside HITdesk; the cache still says Submitted.
    await client.send(new (await import("@aws-sdk/client-mturk")).RejectAssignmentCommand({ AssignmentId: id, RequesterFeedback: "elsewhere" }));
    await decideAssignments(reviewer, { action: "approve", assignmentIds: [id!] });
    await runReviewJobs(team.teamId);
    const d = await db.reviewDecision.findFirstOrThrow({ where: { teamId: team.teamId, action: "approve" } });
    expect(d).toMatchObject({ status: "failed", slot: null });
    expect((await db.cachedAssignment.findFirstOrThrow({ where: { teamId: team.teamId, assignmentId: id } })).status).toBe("Rejected");
    // The override (ApproveAssignment with OverrideRejection) is the way from here.
    await decideAssignments(reviewer, { action: "override", assignmentIds: [id!] });
    await runReviewJobs(team.teamId);
    expect(await statusOf(id!)).toBe("Approved");
    expect(await rewardRows(id!)).toBe(1);
  });

  it("pages the queue by keyset, grouped by worker, with filters", async () => {
    const team = await reviewTeam(h);
    const ids = await submitted(5);
    await team.sync();
    const scope = { teamId: team.teamId, environment: "sandbox" as const };
    // The harness's requester is shared by this file's teams: look at this test's HIT only.
    const { hitId } = await db.cachedAssignment.findFirstOrThrow({ where: { teamId: team.teamId, assignmentId: ids[0] } });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listReviewQueue(scope, { group: "worker", hitId }, { cursor, limit: 2 });
      expect(page.total).toBe(cursor ? null : 5);
      seen.push(...page.items.map((i) => i.assignmentId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());
    const one = await db.cachedAssignment.findFirstOrThrow({ where: { teamId: team.teamId, assignmentId: ids[2] } });
    expect((await listReviewQueue(scope, { group: "none", workerId: one.workerId }, { limit: 10 })).items.map((i) => i.assignmentId)).toEqual([ids[2]]);
    expect((await listReviewQueue(scope, { group: "none", hitId, answer: "positive" }, { limit: 10 })).total).toBe(5);
    expect((await listReviewQueue(scope, { group: "none", hitId, answer: "negative" }, { limit: 10 })).total).toBe(0);
    expect((await listReviewQueue(scope, { group: "none", hitId, hit: "classify" }, { limit: 10 })).total).toBe(5);
    expect((await listReviewQueue(scope, { group: "none", hitId, dueWithinHours: 1 }, { limit: 10 })).total).toBe(0);
    expect((await listReviewQueue(scope, { group: "none", hitId, dueWithinHours: 25 }, { limit: 10 })).total).toBe(5);
  });
});
