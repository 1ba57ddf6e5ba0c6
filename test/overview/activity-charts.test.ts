import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { MASTERS_TYPE_IDS } from "@/lib/mturk-formats/system-qualifications";
import { activityCharts } from "@/lib/overview/activity-charts";
import { ActivityChartsInput } from "@/lib/overview/activity-charts-input";
import type { EnvironmentName, Scope } from "@/lib/scope";

/** The overview's charts from cache rows seeded at known times and amounts (no marketplace connection: AWS's fees). */

const NOW = new Date("2026-03-10T12:30:00Z");
const at = (iso: string) => new Date(`2026-03-${iso}Z`);

async function newTeam(): Promise<string> {
  return (await db.team.create({ data: { slug: `charts-${randomBytes(4).toString("hex")}`, name: "Charts" } })).id;
}

/** One team's work in one environment; the same rows go to the decoys, which must never count. */
async function seed(scope: Scope) {
  const hit = (hitId: string, rewardCents: number, maxAssignments: number, masters = false) =>
    db.cachedHit.create({
      data: {
        ...scope,
        hitId,
        hitTypeId: "T",
        title: hitId,
        description: "",
        rewardCents,
        maxAssignments,
        status: "Assignable",
        reviewStatus: "NotReviewed",
        assignmentsPending: 0,
        assignmentsAvailable: 0,
        assignmentsCompleted: 0,
        createdAt: at("01T00:00:00"),
        expiresAt: at("30T00:00:00"),
        qualificationRequirements: masters ? [{ QualificationTypeId: MASTERS_TYPE_IDS[scope.environment], Comparator: "Exists" }] : [],
        syncedAt: NOW,
      },
    });
  // 50¢ × 3 (20% fee: 10¢), 10¢ × 10 (10+ surcharge, 40%: 4¢), $1 with Masters (25%: 25¢).
  await hit("H-SENT", 50, 3);
  await hit("H-RECEIPT", 10, 10);
  await hit("H-MASTERS", 100, 1, true);
  const project = async (name: string, hitId: string) => {
    const p = await db.project.create({ data: { teamId: scope.teamId, name } });
    const b = await db.batch.create({ data: { ...scope, projectId: p.id, projectVersionId: "v", name, columns: [], rowCount: 1, assignmentsPerRow: 1, estimatedCostCents: 0 } });
    await db.batchHit.create({ data: { batchId: b.id, rowIndex: 0, part: 0, hitId } });
    return p.id;
  };
  const sentiment = await project("Sentiment", "H-SENT");
  const receipts = await project("Receipts", "H-RECEIPT");

  let n = 0;
  const assignment = (hitId: string, submit: string, decision?: { status: "Approved" | "Rejected"; time: string }) =>
    db.cachedAssignment.create({
      data: {
        ...scope,
        assignmentId: `A${n++}`,
        hitId,
        hitTypeId: "T",
        workerId: `W${n}`,
        status: decision?.status ?? "Submitted",
        submitTime: at(submit),
        approvalTime: decision?.status === "Approved" ? at(decision.time) : null,
        rejectionTime: decision?.status === "Rejected" ? at(decision.time) : null,
        syncedAt: NOW,
      },
    });
  // Submitted today 09:xx UTC (3), yesterday 23:xx UTC (1), and 8 days ago (outside 7 days).
  await assignment("H-SENT", "10T09:05:00", { status: "Approved", time: "10T10:00:00" });
  await assignment("H-SENT", "10T09:40:00", { status: "Rejected", time: "10T10:00:00" });
  await assignment("H-RECEIPT", "10T09:59:59", { status: "Approved", time: "10T03:00:00" });
  await assignment("H-RECEIPT", "09T23:10:00");
  await assignment("H-MASTERS", "02T08:00:00", { status: "Approved", time: "02T09:00:00" });
  // Not yet submitted: no submission to count.
  await db.cachedAssignment.create({ data: { ...scope, assignmentId: `A${n++}`, hitId: "H-SENT", hitTypeId: "T", workerId: "W-late", status: "Accepted", syncedAt: NOW } });

  const bonus = (amountCents: number, grant: string) =>
    db.cachedBonusPayment.create({ data: { ...scope, bonusKey: `B${n++}`, hitId: "H-SENT", assignmentId: "A0", workerId: "W1", amountCents, reason: "Thanks", grantTime: at(grant), syncedAt: NOW } });
  await bonus(25, "10T11:00:00"); // fee 5¢
  await bonus(3, "09T12:00:00"); // fee 0.6¢ → the 1¢ minimum
  return { sentiment, receipts };
}

describe("overview charts", () => {
  it("buckets submissions per hour and spend per day, with each fee as charged, for one team and environment", async () => {
    const teamId = await newTeam();
    const scope = { teamId, environment: "sandbox" as EnvironmentName };
    const { sentiment, receipts } = await seed(scope);
    // Decoys: the same work in production, and in another team's sandbox.
    await seed({ teamId, environment: "production" });
    await seed({ teamId: await newTeam(), environment: "sandbox" });

    const week = await activityCharts(scope, 7, "UTC", NOW);
    // Mar 4 00:00 to Mar 10 12:00: six whole days and today's hours so far.
    expect(week.submissionsPerHour).toHaveLength(6 * 24 + 13);
    expect(week.submissionsPerHour[0]).toEqual({ hour: "2026-03-04T00:00", submissions: 0 });
    expect(week.submissionsPerHour.at(-1)).toEqual({ hour: "2026-03-10T12:00", submissions: 0 });
    expect(week.submissionsPerHour.filter((b) => b.submissions > 0)).toEqual([
      { hour: "2026-03-09T23:00", submissions: 1 },
      { hour: "2026-03-10T09:00", submissions: 3 },
    ]);

    expect(week.spendPerDay.map((d) => d.day)).toEqual(["2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10"]);
    expect(week.spendPerDay.filter((d) => d.rewardsCents + d.bonusesCents > 0)).toEqual([
      { day: "2026-03-09", rewardsCents: 0, bonusesCents: 3, feesCents: 1 },
      // 50¢ (fee 10¢) + 10¢ on a 10-assignment HIT (fee 4¢) + a 25¢ bonus (fee 5¢).
      { day: "2026-03-10", rewardsCents: 60, bonusesCents: 25, feesCents: 19 },
    ]);

    // Busiest first, ties by name; what is not yet decided counts apart.
    expect(week.approvalByProject).toEqual([
      { projectId: receipts, name: "Receipts", approved: 1, rejected: 0, pending: 1 },
      { projectId: sentiment, name: "Sentiment", approved: 1, rejected: 1, pending: 0 },
    ]);

    // 30 days reach the Masters HIT of Mar 2: $1 and a 25% fee, and a HIT from no batch.
    const month = await activityCharts(scope, 30, "UTC", NOW);
    expect(month.submissionsPerHour).toHaveLength(29 * 24 + 13);
    expect(month.submissionsPerHour.reduce((s, b) => s + b.submissions, 0)).toBe(5);
    expect(month.spendPerDay.find((d) => d.day === "2026-03-02")).toEqual({ day: "2026-03-02", rewardsCents: 100, bonusesCents: 0, feesCents: 25 });
    expect(month.approvalByProject.map((p) => [p.name, p.approved])).toEqual([
      ["Receipts", 1],
      ["Sentiment", 1],
      ["HITs not from a batch", 1],
    ]);
  });

  it("draws days and hours in the viewer's time zone", async () => {
    const scope = { teamId: await newTeam(), environment: "sandbox" as EnvironmentName };
    await seed(scope);
    // New York is UTC−4 after Mar 8, 2026: 09:xx UTC is 05:00 there, 23:10 UTC on Mar 9 is 19:00.
    const week = await activityCharts(scope, 7, "America/New_York", NOW);
    expect(week.submissionsPerHour[0]!.hour).toBe("2026-03-04T00:00");
    expect(week.submissionsPerHour.at(-1)!.hour).toBe("2026-03-10T08:00");
    expect(week.submissionsPerHour.filter((b) => b.submissions > 0)).toEqual([
      { hour: "2026-03-09T19:00", submissions: 1 },
      { hour: "2026-03-10T05:00", submissions: 3 },
    ]);
    // The 10¢ approval at 03:00 UTC falls on Mar 9 in New York.
    expect(week.spendPerDay.filter((d) => d.rewardsCents + d.bonusesCents > 0)).toEqual([
      { day: "2026-03-09", rewardsCents: 10, bonusesCents: 3, feesCents: 5 },
      { day: "2026-03-10", rewardsCents: 50, bonusesCents: 25, feesCents: 15 },
    ]);
  });

  it("is empty, not missing, for a new team", async () => {
    const week = await activityCharts({ teamId: await newTeam(), environment: "production" }, 7, "Asia/Kolkata", NOW);
    expect(week.submissionsPerHour.every((b) => b.submissions === 0)).toBe(true);
    expect(week.spendPerDay).toHaveLength(7);
    expect(week.spendPerDay.every((d) => d.rewardsCents + d.bonusesCents + d.feesCents === 0)).toBe(true);
    expect(week.approvalByProject).toEqual([]);
  });

  it("takes only the ranges and time zones it can draw", () => {
    expect(ActivityChartsInput.parse({ days: "30", timeZone: "Europe/Berlin" })).toEqual({ days: 30, timeZone: "Europe/Berlin" });
    expect(ActivityChartsInput.safeParse({ days: "14", timeZone: "UTC" }).error?.issues[0]?.message).toBe("days must be 7 or 30");
    expect(ActivityChartsInput.safeParse({ days: "7", timeZone: "Mars/Olympus" }).error?.issues[0]).toMatchObject({ path: ["timeZone"] });
  });
});
