import { randomBytes } from "node:crypto";
import { UpdateHITTypeOfHITCommand } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listReviewQueue, matchingAssignmentIds } from "@/lib/review/list-review-queue";
import { QueueFilter } from "@/lib/review/review-inputs";
import { createTeam } from "@/lib/teams/create-team";
import { syncAccount } from "@/lib/sync/sync-account";
import { createUser } from "@/lib/users/create-user";
import { startHarness } from "../marketplace/harness";

/**
 * The queue's HIT filter: a HIT type id, or words of a title, matched through each assignment's
 * HIT type. Pages come in submit order across every matching type, and follow a HIT moved to
 * another type (UpdateHITTypeOfHIT).
 */

// Three HIT types (sentiment, receipts, and 18 small "survey" types, more than the queue reads
// as separate index ranges), their assignments interleaved in submit order.
const TYPES = [
  { id: "TSENT", title: "Classify the sentiment of a sentence" },
  { id: "TRECEIPT", title: "Transcribe a receipt" },
  ...Array.from({ length: 18 }, (_, i) => ({ id: `TSURVEY${i}`, title: `Short survey ${i} about shopping` })),
];

async function seedQueue() {
  const tag = randomBytes(4).toString("hex");
  const owner = await createUser({ email: `hitfilter-${tag}@example.com`, password: "correct horse battery", name: "Owner" });
  const team = await createTeam({ name: `HIT filter ${tag}`, ownerUserId: owner.id });
  const scope = { teamId: team.id, environment: "sandbox" as const };
  const now = Date.now();
  // Two HITs per type; 120 assignments for each of the two big types, 2 for each survey type.
  const hits = TYPES.flatMap((t) => [0, 1].map((k) => ({ hitId: `H-${t.id}-${k}`, type: t })));
  await db.cachedHit.createMany({
    data: hits.map(({ hitId, type }) => ({
      ...scope,
      hitId,
      hitTypeId: type.id,
      title: type.title,
      description: "",
      rewardCents: 5,
      maxAssignments: 100,
      status: "Reviewable",
      reviewStatus: "NotReviewed",
      assignmentsPending: 0,
      assignmentsAvailable: 0,
      assignmentsCompleted: 0,
      createdAt: new Date(now - 86_400_000),
      expiresAt: new Date(now + 86_400_000),
      syncedAt: new Date(now),
    })),
  });
  const rows = hits.flatMap(({ hitId, type }, h) =>
    Array.from({ length: type.id.startsWith("TSURVEY") ? 1 : 60 }, (_, i) => ({
      ...scope,
      assignmentId: `A-${hitId}-${String(i).padStart(3, "0")}`,
      hitId,
      hitTypeId: type.id,
      workerId: `W${i % 7}`,
      status: "Submitted",
      // Interleaved: every HIT's i-th assignment within the same second, HITs a few ms apart.
      submitTime: new Date(now - 3_600_000 + i * 1000 + h),
      syncedAt: new Date(now),
    })),
  );
  await db.cachedAssignment.createMany({ data: rows });
  const expected = (typeIds: string[]) =>
    rows
      .filter((r) => typeIds.includes(r.hitTypeId))
      .sort((a, b) => a.submitTime.getTime() - b.submitTime.getTime() || a.assignmentId.localeCompare(b.assignmentId))
      .map((r) => r.assignmentId);
  return { scope, expected };
}

async function everyPage(scope: { teamId: string; environment: "sandbox" }, filter: Record<string, string>) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let first: Awaited<ReturnType<typeof listReviewQueue>> | undefined;
  do {
    const page = await listReviewQueue(scope, QueueFilter.parse(filter), { limit: 25, cursor });
    first ??= page;
    ids.push(...page.items.map((i) => i.assignmentId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { ids, total: first.total };
}

describe("the review queue's HIT filter", { timeout: 60_000 }, () => {
  it("pages a HIT type, or every type whose title has the words, in submit order", async () => {
    const { scope, expected } = await seedQueue();

    const byType = await everyPage(scope, { hit: "TRECEIPT" });
    expect(byType.ids).toEqual(expected(["TRECEIPT"]));
    expect(byType.total).toBe(120);

    // "s" is in every title: twenty types, more than are read one index range each.
    const everything = await everyPage(scope, { hit: "s" });
    expect(everything.ids).toEqual(expected(TYPES.map((t) => t.id)));
    // Words of a title, case-insensitively; "C" is in two titles: in submit order across both.
    expect((await everyPage(scope, { hit: "SENTIMENT" })).ids).toEqual(expected(["TSENT"]));
    const two = await everyPage(scope, { hit: "C" });
    expect(two.ids).toEqual(expected(["TSENT", "TRECEIPT"]));
    expect(two.total).toBe(240);

    // Grouped by HIT, the receipt type's two HITs in turn.
    const grouped = await everyPage(scope, { hit: "receipt", group: "hit" });
    expect(grouped.ids).toEqual([...expected(["TRECEIPT"])].sort((a, b) => a.localeCompare(b)));

    const nothing = await listReviewQueue(scope, QueueFilter.parse({ hit: "no such title" }), { limit: 25 });
    expect(nothing).toMatchObject({ items: [], total: 0, nextCursor: null });
    expect(await matchingAssignmentIds(scope, QueueFilter.parse({ hit: "no such title" }))).toEqual([]);
    expect(await matchingAssignmentIds(scope, QueueFilter.parse({ hit: "survey" }))).toEqual(expected(TYPES.slice(2).map((t) => t.id)));
    expect(await matchingAssignmentIds(scope, QueueFilter.parse({ hit: "receipt", workerId: "W3" }))).toEqual(expected(["TRECEIPT"]).filter((id) => Number(id.slice(-3)) % 7 === 3));
  });

  it("follows a HIT moved to another HIT type (UpdateHITTypeOfHIT), through the sync", async () => {
    const h = await startHarness();
    const teamId = `team-${randomBytes(4).toString("hex")}`;
    const scope = { teamId, environment: "sandbox" as const };
    const sentiment = await h.createHit({ Title: "Classify the sentiment", MaxAssignments: 2 });
    const receipt = await h.createHit({ Title: "Transcribe a receipt", MaxAssignments: 2 });
    const worker = await h.createWorker();
    const moved = await h.acceptAndSubmit(sentiment.HITId!, worker);
    const stays = await h.acceptAndSubmit(receipt.HITId!, worker);
    await syncAccount({ ...scope, client: h.client });
    const ids = async (hit: string) => (await listReviewQueue(scope, QueueFilter.parse({ hit }), { limit: 25 })).items.map((i) => i.assignmentId);
    expect(await ids("sentiment")).toEqual([moved]);
    expect(await ids(receipt.HITTypeId!)).toEqual([stays]);

    await h.client.send(new UpdateHITTypeOfHITCommand({ HITId: sentiment.HITId!, HITTypeId: receipt.HITTypeId! }));
    await syncAccount({ ...scope, client: h.client });
    expect(await ids("sentiment")).toEqual([]);
    expect(await ids(receipt.HITTypeId!)).toEqual([moved, stays]);
    expect(await ids("receipt")).toEqual([moved, stays]);
    await h.close();
  });
});
