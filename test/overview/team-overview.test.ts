import { ApproveAssignmentCommand } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { BATCH_CREATE_JOB } from "@/lib/batches/batch-job-kind";
import { db } from "@/lib/db";
import { needsAttention, runningBatches } from "@/lib/overview/team-overview";
import { syncAccount } from "@/lib/sync/sync-account";
import { useHarness } from "../marketplace/harness";
import { teamOnHarness } from "../support/team-on-harness";

/** The overview's figures from a real sync of the built-in marketplace (this file's own requester). */
const { h } = useHarness();

const HOUR = 3600;

describe("team overview", { timeout: 120_000 }, () => {
  it("counts what needs attention and lists the batches with work still running", async () => {
    const ctx = await teamOnHarness(h);
    const scope = { teamId: ctx.team.id, environment: "sandbox" as const };
    expect(await needsAttention(scope)).toEqual({ submitted: 0, autoApproveWithin24h: 0, autoApproveWithin6h: 0, qualificationRequests: 0, stoppedBatches: [], expiringHits: 0 });

    // Approves itself within 6 h; one slot left open on a HIT that expires within the hour.
    const soon = await h.createHit({ MaxAssignments: 3, AutoApprovalDelayInSeconds: HOUR });
    await h.acceptAndSubmit(soon.HITId!, await h.createWorker());
    await h.acceptAndSubmit(soon.HITId!, await h.createWorker());
    // Within 24 h but not 6 h; full, so not "expiring with work left".
    const later = await h.createHit({ AutoApprovalDelayInSeconds: 12 * HOUR, LifetimeInSeconds: 72 * HOUR });
    await h.acceptAndSubmit(later.HITId!, await h.createWorker());
    // Neither: approves in 3 days, expires in 3 days.
    const far = await h.createHit({ MaxAssignments: 2, AutoApprovalDelayInSeconds: 72 * HOUR, LifetimeInSeconds: 72 * HOUR });
    await h.acceptAndSubmit(far.HITId!, await h.createWorker());
    // All decided: nothing running.
    const finished = await h.createHit({ LifetimeInSeconds: 72 * HOUR });
    const approved = await h.acceptAndSubmit(finished.HITId!, await h.createWorker());
    await h.client.send(new ApproveAssignmentCommand({ AssignmentId: approved }));
    await syncAccount({ ...scope, client: h.client, force: true });

    const batch = async (name: string, hitIds: string[], jobStatus = "succeeded") => {
      const job = await db.job.create({ data: { ...scope, kind: BATCH_CREATE_JOB, status: jobStatus, total: hitIds.length } });
      const row = await db.batch.create({
        data: { ...scope, projectId: "p", projectVersionId: "v", name, columns: ["text"], rowCount: hitIds.length, assignmentsPerRow: 1, estimatedCostCents: 0, jobId: job.id },
      });
      for (const [i, hitId] of hitIds.entries()) await db.batchHit.create({ data: { batchId: row.id, rowIndex: i, part: 0, hitId } });
      return row.id;
    };
    const open = await batch("Open", [soon.HITId!, far.HITId!]);
    const waiting = await batch("Waiting", [later.HITId!], "paused");
    await batch("Finished", [finished.HITId!]);

    await db.cachedQualificationRequest.createMany({
      data: [
        { ...scope, qualificationRequestId: "Q1", qualificationTypeId: "T", workerId: "W1", submitTime: new Date(), syncedAt: new Date() },
        { ...scope, qualificationRequestId: "Q2", qualificationTypeId: "T", workerId: "W2", submitTime: new Date(), syncedAt: new Date(), forgottenAt: new Date() },
      ],
    });

    expect(await needsAttention(scope)).toEqual({
      submitted: 4,
      autoApproveWithin24h: 3,
      autoApproveWithin6h: 2,
      qualificationRequests: 1,
      stoppedBatches: [{ id: waiting, name: "Waiting", status: "paused" }],
      expiringHits: 1,
    });
    const running = await runningBatches(scope);
    expect(running.map((b) => b.name)).toEqual(["Waiting", "Open"]);
    expect(running.find((b) => b.id === open)!.work).toMatchObject({ hits: 2, assignments: 5, submitted: 3, available: 2, approved: 0 });

    // Another team sees none of it.
    const stranger = { teamId: (await teamOnHarness(h)).team.id, environment: "sandbox" as const };
    expect(await needsAttention(stranger)).toMatchObject({ submitted: 0, stoppedBatches: [] });
    expect(await runningBatches(stranger)).toEqual([]);
  });
});
