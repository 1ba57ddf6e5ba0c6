import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getAssignmentReview } from "@/lib/review/get-assignment-review";
import { useHarness } from "../marketplace/harness";
import { reviewTeam } from "./review-team";

/** The review panel's data, read from the cache and, once per HIT, the marketplace. */
const { h } = useHarness();

describe("assignment review", { timeout: 120_000 }, () => {
  it("reads a HIT's question once when several of its assignments open at the same moment", async () => {
    const team = await reviewTeam(h);
    const hit = await h.createHit({ MaxAssignments: 6 });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await h.acceptAndSubmit(hit.HITId!, await h.createWorker()));
    await team.sync();
    const scope = { teamId: team.teamId, environment: "sandbox" as const };
    await db.cachedHitQuestion.deleteMany({ where: scope });

    const reviews = await Promise.all(ids.map((id) => getAssignmentReview(scope, id)));
    expect(reviews.map((r) => r.assignment.assignmentId)).toEqual(ids);
    expect(reviews.every((r) => r.question !== null)).toBe(true);
    expect(await db.cachedHitQuestion.count({ where: { ...scope, hitId: hit.HITId } })).toBe(1);
  });
});
