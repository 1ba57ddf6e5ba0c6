import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listWorkers } from "@/lib/workers/list-workers";
import { refreshWorkerStats } from "@/lib/workers/refresh-worker-stats";
import { WorkersQuery, WORKER_SORTS } from "@/lib/workers/workers-query";

/**
 * The workers page's query on the maintained aggregates: every sort in both directions (ties by
 * Worker ID in the same direction, unknown times and hourly pay last), filters, and the total
 * taken from the build or counted, checked against the same list computed here.
 */
async function seedTeam() {
  const team = await db.team.create({ data: { slug: `lw-${randomBytes(4).toString("hex")}`, name: "List workers" } });
  const scope = { teamId: team.id, environment: "sandbox" as const };
  const now = Date.now();
  const hits = Array.from({ length: 4 }, (_, i) => ({
    ...scope,
    hitId: `H${i}`,
    hitTypeId: "T",
    title: `HIT ${i}`,
    description: "d",
    rewardCents: 10 * (i + 1),
    maxAssignments: 20,
    status: "Reviewable",
    reviewStatus: "NotReviewed",
    assignmentsPending: 0,
    assignmentsAvailable: 0,
    assignmentsCompleted: 0,
    createdAt: new Date(now - 86_400_000),
    expiresAt: new Date(now + 86_400_000),
    syncedAt: new Date(now),
  }));
  await db.cachedHit.createMany({ data: hits });
  // 12 workers; the first three only accepted (no submit time: no median, no hourly pay), and
  // pairs share a count so ties are broken by Worker ID.
  const workers = Array.from({ length: 12 }, (_, i) => `AW${String(i).padStart(12, "0")}`);
  const assignments = workers.flatMap((workerId, w) =>
    Array.from({ length: 1 + (w >> 1) }, (_, k) => {
      const accept = new Date(now - (w * 7 + k) * 3_600_000);
      const submitted = w >= 3;
      return {
        ...scope,
        assignmentId: `A${w}-${k}`,
        hitId: `H${(w + k) % 4}`,
        hitTypeId: "T",
        workerId,
        status: !submitted ? "Accepted" : k % 3 === 2 ? "Rejected" : "Approved",
        acceptTime: accept,
        submitTime: submitted ? new Date(accept.getTime() + (60 + w * 13) * 1000) : null,
        syncedAt: new Date(now),
      };
    }),
  );
  await db.cachedAssignment.createMany({ data: assignments });
  await db.cachedBonusPayment.createMany({
    data: [{ ...scope, bonusKey: "b1", hitId: "H0", assignmentId: "A5-0", workerId: workers[5]!, amountCents: 40, reason: "r", grantTime: new Date(now), syncedAt: new Date(now) }],
  });
  await db.cachedWorkerBlock.createMany({
    data: [4, 9]
      .map((i) => ({ ...scope, workerId: workers[i]!, reason: "r", firstSeenAt: new Date(now), syncedAt: new Date(now) }))
      .concat([{ ...scope, workerId: "ANEVERWORKED01", reason: "r", firstSeenAt: new Date(now), syncedAt: new Date(now) }]),
  });
  await db.cachedQualificationScore.createMany({
    data: ["Q1", "Q2"].map((q) => ({ ...scope, qualificationTypeId: q, workerId: workers[7]!, integerValue: 1, status: "Granted", grantTime: new Date(now), syncedAt: new Date(now) })),
  });
  return { scope, workers };
}

describe("listWorkers", () => {
  it("sorts every column both ways off the aggregates, filters, pages, and totals without counting when unfiltered", async () => {
    const { scope, workers } = await seedTeam();
    expect(await refreshWorkerStats(scope.teamId, scope.environment)).toEqual({ rebuilt: true, workers: 12 });
    expect(await refreshWorkerStats(scope.teamId, scope.environment)).toEqual({ rebuilt: false, workers: 12 });
    const stats = await db.workerStat.findMany({ where: scope });
    const blocked = new Set([workers[4], workers[9]]);
    const key: Record<(typeof WORKER_SORTS)[number], (s: (typeof stats)[number]) => number | string | null> = {
      lastSeen: (s) => s.lastSeenAt.getTime(),
      firstSeen: (s) => s.firstSeenAt.getTime(),
      submitted: (s) => s.submitted,
      approvalRate: (s) => s.approvalRate,
      earnings: (s) => s.earningsCents,
      bonuses: (s) => s.bonusCents,
      medianTime: (s) => s.medianSeconds,
      hourly: (s) => s.hourlyCents,
      workerId: (s) => s.workerId,
    };
    expect(stats.filter((s) => s.hourlyCents === null)).toHaveLength(3);
    for (const sort of WORKER_SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        const sign = dir === "asc" ? 1 : -1;
        const expected = [...stats]
          .sort((a, b) => {
            const [x, y] = [key[sort](a), key[sort](b)];
            if (x === null || y === null) return x === y ? sign * a.workerId.localeCompare(b.workerId) : x === null ? 1 : -1;
            return (x < y ? -sign : x > y ? sign : 0) || sign * (a.workerId < b.workerId ? -1 : 1);
          })
          .map((s) => s.workerId);
        const page1 = await listWorkers(scope, WorkersQuery.parse({ sort, dir }), { take: 5 });
        const page3 = await listWorkers(scope, WorkersQuery.parse({ sort, dir, page: 3 }), { take: 5 });
        expect(
          [...page1.rows, ...page3.rows].map((r) => r.workerId),
          `${sort} ${dir}`,
        ).toEqual([...expected.slice(0, 5), ...expected.slice(10)]);
        expect([page1.total, page1.pageCount]).toEqual([12, 3]);
      }
    }

    const rows = (await listWorkers(scope, WorkersQuery.parse({ sort: "workerId", dir: "asc" }))).rows;
    expect(rows.filter((r) => r.blocked).map((r) => r.workerId)).toEqual([workers[4], workers[9]]);
    expect(rows.find((r) => r.workerId === workers[7])?.qualifications).toBe(2);
    expect(rows.find((r) => r.workerId === workers[5])?.bonusCents).toBe(40);

    const only = async (q: object) => {
      const r = await listWorkers(scope, WorkersQuery.parse({ sort: "workerId", dir: "asc", ...q }));
      return { ids: r.rows.map((x) => x.workerId), total: r.total };
    };
    // A blocked worker who never worked for the team is not on the page, nor in its count.
    expect(await only({ blocked: "blocked" })).toEqual({ ids: [workers[4], workers[9]], total: 2 });
    expect(await only({ blocked: "unblocked" })).toEqual({ ids: workers.filter((w) => !blocked.has(w)), total: 10 });
    const busy = stats
      .filter((s) => s.submitted >= 4)
      .map((s) => s.workerId)
      .sort();
    expect(await only({ minSubmitted: 4 })).toEqual({ ids: busy, total: busy.length });
    expect(await only({ minSubmitted: 4, blocked: "unblocked" })).toEqual({ ids: busy.filter((w) => !blocked.has(w)), total: busy.filter((w) => !blocked.has(w)).length });
    expect(await only({ q: "aw00000000001" })).toEqual({ ids: [workers[10], workers[11]], total: 2 });
    expect(await only({ q: "A%" })).toEqual({ ids: workers, total: 12 });
  });

  it("after a newer sync, rewrites only the workers whose figures changed and drops those with no work left", async () => {
    const { scope, workers } = await seedTeam();
    await refreshWorkerStats(scope.teamId, scope.environment);
    const versions = async () =>
      new Map((await db.$queryRaw<{ workerId: string; v: string }[]>`SELECT "workerId", xmin::text AS v FROM "WorkerStat" WHERE "teamId" = ${scope.teamId}`).map((r) => [r.workerId, r.v]));
    const before = await versions();
    // What a sync might bring: one more assignment for one worker, a bonus for another, and a
    // third worker's only assignment gone from the marketplace's lists.
    await db.cachedAssignment.create({
      data: {
        ...scope,
        assignmentId: "A-new",
        hitId: "H3",
        hitTypeId: "T",
        workerId: workers[6]!,
        status: "Approved",
        acceptTime: new Date(),
        submitTime: new Date(Date.now() + 90_000),
        syncedAt: new Date(),
      },
    });
    await db.cachedBonusPayment.create({
      data: { ...scope, bonusKey: "b2", hitId: "H1", assignmentId: "A8-0", workerId: workers[8]!, amountCents: 15, reason: "r", grantTime: new Date(), syncedAt: new Date() },
    });
    await db.cachedAssignment.deleteMany({ where: { ...scope, workerId: workers[0]! } });
    // No newer sync yet: the rows stand.
    expect(await refreshWorkerStats(scope.teamId, scope.environment)).toEqual({ rebuilt: false, workers: 12 });
    await db.syncState.create({ data: { ...scope, finishedAt: new Date() } });
    expect(await refreshWorkerStats(scope.teamId, scope.environment)).toEqual({ rebuilt: true, workers: 11 });
    const after = await versions();
    expect([...before.keys()].filter((w) => after.get(w) !== before.get(w)).sort()).toEqual([workers[0], workers[6], workers[8]].sort());
    expect(after.has(workers[0]!)).toBe(false);
    const page = await listWorkers(scope, WorkersQuery.parse({ sort: "workerId", dir: "asc" }));
    expect(page.total).toBe(11);
    expect(page.rows.find((r) => r.workerId === workers[6])?.submitted).toBe(5);
    expect(page.rows.find((r) => r.workerId === workers[8])?.bonusCents).toBe(15);
  });
});
