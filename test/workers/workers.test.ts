import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { syncTeam } from "@/lib/sync/sync-team";
import { blockWorkers } from "@/lib/workers/block-workers";
import { getWorkerProfile } from "@/lib/workers/get-worker-profile";
import { listWorkers } from "@/lib/workers/list-workers";
import { messageWorkers } from "@/lib/workers/message-workers";
import { MessageInput } from "@/lib/workers/worker-action-input";
import { WorkersQuery } from "@/lib/workers/workers-query";
import { useHarness } from "@/test/marketplace/harness";
import { teamOnHarness } from "@/test/support/team-on-harness";

const sandbox = useHarness({ environment: "sandbox" });

describe("workers", () => {
  it("aggregates the team's workers after a sync, filters blocked ones, messages in calls of 100 and keeps the record", async () => {
    const ctx = await teamOnHarness(sandbox.h);
    const scope = { teamId: ctx.team.id, environment: ctx.environment };
    const [w1, w2] = [await sandbox.h.createWorker(), await sandbox.h.createWorker()];
    for (const w of [w1, w1, w2]) {
      const hit = await sandbox.h.createHit({ Reward: "0.25" });
      await sandbox.h.acceptAndSubmit(hit.HITId!, w);
    }
    await syncTeam(ctx.team.id, "sandbox");
    const all = await listWorkers(scope, WorkersQuery.parse({ sort: "submitted" }));
    expect(all.rows.map((r) => [r.workerId, r.submitted, r.blocked])).toEqual([
      [w1, 2, false],
      [w2, 1, false],
    ]);

    const blocked = await blockWorkers(ctx, { action: "block", workerIds: [w2], reason: "Spam answers" });
    expect(blocked.results).toEqual([{ workerId: w2, ok: true, message: "Blocked" }]);
    expect((await listWorkers(scope, WorkersQuery.parse({ blocked: "blocked" }))).rows.map((r) => r.workerId)).toEqual([w2]);
    expect((await getWorkerProfile(scope, w2)).blockHistory).toEqual([expect.objectContaining({ action: "Blocked", reason: "Spam answers" })]);

    const many = [w1, ...Array.from({ length: 150 }, (_, i) => `AFAKE${String(i).padStart(9, "0")}`)];
    const sent = await messageWorkers(ctx, MessageInput.parse({ workerIds: many, subject: "Thanks", body: "Great work this week." }));
    expect(sent.sent).toBe(1);
    expect(sent.failures).toHaveLength(150);
    const record = await db.workerMessage.findUniqueOrThrow({ where: { id: sent.id } });
    expect(record.workerIds).toHaveLength(151);
    expect((await getWorkerProfile(scope, w1)).messages.map((m) => m.subject)).toEqual(["Thanks"]);
  });

  it("checks NotifyWorkers' limits before sending", () => {
    const r = MessageInput.safeParse({ workerIds: ["A1B2C3D4E5F6G7"], subject: "x".repeat(201), body: "y".repeat(4097) });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(["The subject can be at most 200 characters", "The message can be at most 4,096 characters"]);
  });
});
