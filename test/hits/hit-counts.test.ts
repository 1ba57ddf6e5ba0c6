import { UpdateExpirationForHITCommand } from "@aws-sdk/client-mturk";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { HIT_COUNT_CAP, HIT_STATUSES, hitCursorParam, HitListQuery } from "@/lib/hits/hit-filter";
import { listHits } from "@/lib/hits/list-hits";
import { syncTeam } from "@/lib/sync/sync-team";
import { useHarness } from "@/test/marketplace/harness";
import { teamOnHarness } from "@/test/support/team-on-harness";

const sandbox = useHarness({ environment: "sandbox" });
const query = (q: Record<string, unknown>) => HitListQuery.parse(q);

/** HITs straight into the cache, as any writer could put them there. */
async function insertHits(teamId: string, n: number, status: (i: number) => string) {
  const statuses = Array.from({ length: n }, (_, i) => status(i));
  await db.$executeRaw`
    INSERT INTO "CachedHit" ("teamId", environment, "hitId", "hitTypeId", title, description, "rewardCents", "maxAssignments", status, "reviewStatus",
      "assignmentsPending", "assignmentsAvailable", "assignmentsCompleted", "createdAt", "expiresAt", "syncedAt")
    SELECT ${teamId}, 'sandbox', 'H' || lpad(g::text, 8, '0'), 'T1', 'Task ' || g, '', 5, 1, s.status, 'NotReviewed', 0, 1, 0,
      timestamp '2026-11-01' + (g || ' seconds')::interval, timestamp '2026-12-31', now()
    FROM unnest(${statuses}::text[]) WITH ORDINALITY AS s(status, g)`;
}

/** What the list says against what the cache holds, for the whole list and each status. */
async function listedAndHeld(scope: { teamId: string; environment: "sandbox" }) {
  const held = await db.cachedHit.groupBy({ by: ["status"], where: scope, _count: true });
  const heldBy = Object.fromEntries(held.map((h) => [h.status, h._count]));
  const listed: Record<string, number> = { all: (await listHits(scope, query({}))).total };
  for (const status of HIT_STATUSES) listed[status] = (await listHits(scope, query({ status }))).total;
  const expected: Record<string, number> = { all: held.reduce((sum, h) => sum + h._count, 0) };
  for (const status of HIT_STATUSES) expected[status] = heldBy[status] ?? 0;
  return { listed, expected };
}

describe("the HITs list's totals", () => {
  it("follow the cache's rows as the sync and any other writer change them", async () => {
    const ctx = await teamOnHarness(sandbox.h);
    const scope = { teamId: ctx.team.id, environment: "sandbox" as const };
    const hits = await Promise.all([1, 2, 3, 4].map((n) => sandbox.h.createHit({ Title: `Counted ${n}` })));
    await syncTeam(ctx.team.id, "sandbox");
    let { listed, expected } = await listedAndHeld(scope);
    expect(listed).toEqual(expected);
    expect(listed).toMatchObject({ all: 4, Assignable: 4 });

    // Expired on the marketplace: the sync moves it to another status.
    await sandbox.client.send(new UpdateExpirationForHITCommand({ HITId: hits[0]!.HITId, ExpireAt: new Date(0) }));
    await syncTeam(ctx.team.id, "sandbox");
    ({ listed, expected } = await listedAndHeld(scope));
    expect(listed).toEqual(expected);
    expect(listed).toMatchObject({ all: 4, Assignable: 3, Reviewable: 1 });

    // Written, changed and deleted outside the sync, several rows per statement.
    await db.$executeRaw`UPDATE "CachedHit" SET status = 'Reviewable' WHERE "teamId" = ${scope.teamId} AND "hitId" IN (${hits[1]!.HITId}, ${hits[2]!.HITId})`;
    await db.cachedHit.deleteMany({ where: { ...scope, hitId: hits[3]!.HITId } });
    await db.cachedHit.updateMany({ where: scope, data: { requesterAnnotation: "unchanged statuses" } });
    ({ listed, expected } = await listedAndHeld(scope));
    expect(listed).toEqual(expected);
    // The expired HIT is Reviewable too.
    expect(listed).toMatchObject({ all: 3, Assignable: 0, Reviewable: 3 });
  });

  it("stay exact when writers of one team change statuses at once, without deadlocking on the counts", async () => {
    const scope = { teamId: `counts-${randomBytes(4).toString("hex")}`, environment: "sandbox" as const };
    await insertHits(scope.teamId, 40, (i) => HIT_STATUSES[i % 2]!);
    // Each transaction moves two HITs in opposite directions, the opposite order of its neighbour's.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.$transaction(async (tx) => {
          const [a, b] = i % 2 ? [2 * i + 1, 2 * i + 2] : [2 * i + 2, 2 * i + 1];
          await tx.$executeRaw`UPDATE "CachedHit" SET status = CASE status WHEN 'Assignable' THEN 'Unassignable' ELSE 'Assignable' END
            WHERE "teamId" = ${scope.teamId} AND "hitId" = ${"H" + String(a).padStart(8, "0")}`;
          await tx.$executeRaw`UPDATE "CachedHit" SET status = 'Reviewable' WHERE "teamId" = ${scope.teamId} AND "hitId" = ${"H" + String(b).padStart(8, "0")}`;
        }),
      ),
    );
    const { listed, expected } = await listedAndHeld(scope);
    expect(listed).toEqual(expected);
    expect(listed.Reviewable).toBe(20);
  });

  it("are exact past the count's cap for the list and a status; other filters count up to the cap", async () => {
    const scope = { teamId: `counts-${randomBytes(4).toString("hex")}`, environment: "sandbox" as const };
    await insertHits(scope.teamId, HIT_COUNT_CAP + 60, (i) => (i < 30 ? "Reviewable" : "Assignable"));
    expect(await listHits(scope, query({}))).toMatchObject({ total: HIT_COUNT_CAP + 60, totalCapped: false });
    expect(await listHits(scope, query({ status: "Assignable" }))).toMatchObject({ total: HIT_COUNT_CAP + 30, totalCapped: false });
    expect(await listHits(scope, query({ status: "Reviewable" }))).toMatchObject({ total: 30, totalCapped: false });
    expect(await listHits(scope, query({ title: "Task" }))).toMatchObject({ total: HIT_COUNT_CAP, totalCapped: true, start: 0 });
    // The last page's position follows from the exact total.
    const last = await listHits(scope, query({ last: "1" }));
    expect(last.start).toBe(HIT_COUNT_CAP + 10);
    expect(last.items).toHaveLength(50);
  });

  it("position each page from its link as counting the rows before it would", async () => {
    const scope = { teamId: `counts-${randomBytes(4).toString("hex")}`, environment: "sandbox" as const };
    await insertHits(scope.teamId, 180, (i) => HIT_STATUSES[i % 3]!);
    const base = { sort: "title", dir: "asc", status: "Assignable" };
    let page = await listHits(scope, query(base));
    const pages = [page];
    while (page.next) {
      const linked = query({ ...base, after: hitCursorParam(page.next), start: String(page.start! + page.items.length) });
      const counted = await listHits(scope, { ...linked, start: undefined });
      page = await listHits(scope, linked);
      expect(page).toEqual(counted);
      pages.push(page);
    }
    expect(pages.map((p) => p.start)).toEqual([0, 50]);
    // And back, as the "Previous" link asks.
    const back = await listHits(scope, query({ ...base, before: hitCursorParam(page.previous!), start: String(page.start! - 50) }));
    expect(back).toEqual(pages[0]);
  });
});
