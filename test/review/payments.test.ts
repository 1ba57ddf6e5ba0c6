import { ListBonusPaymentsCommand, SendBonusCommand } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Forbidden, Unprocessable } from "@/lib/errors";
import { payBonuses } from "@/lib/review/pay-bonuses";
import { uploadBonusCsv } from "@/lib/review/upload-review-csv";
import { useHarness } from "../marketplace/harness";
import { reviewTeam, runReviewJobs } from "./review-team";

/** The payment ledger: no retry, double click, crash or re-upload ever pays a bonus twice. */
const { h, client } = useHarness();

async function setup(count: number) {
  const team = await reviewTeam(h);
  const hit = await h.createHit({ MaxAssignments: count });
  const rows: { assignmentId: string; workerId: string }[] = [];
  for (let i = 0; i < count; i++) {
    const workerId = await h.createWorker();
    rows.push({ assignmentId: await h.acceptAndSubmit(hit.HITId!, workerId), workerId });
  }
  await team.sync();
  return { team, rows };
}

const bonusesOf = async (assignmentId: string) => (await client.send(new ListBonusPaymentsCommand({ AssignmentId: assignmentId }))).BonusPayments ?? [];

// Generous: these run the marketplace, the SDK and the job runner, sometimes on a busy machine.
describe("bonuses and the payment ledger", { timeout: 120_000 }, () => {
  it("a double click (same form key, even at once) pays once", async () => {
    const { team, rows } = await setup(1);
    const reviewer = await team.as("reviewer");
    const input = { assignmentIds: [rows[0]!.assignmentId], amount: 25, reason: "Great work", requestKey: "form-key-0001" };
    const [a, b] = await Promise.all([payBonuses(reviewer, input), payBonuses(reviewer, input)]);
    const again = await payBonuses(reviewer, input);
    expect([a, b, again].map((r) => (r.preview ? -1 : r.queued)).sort()).toEqual([0, 0, 1]);
    await runReviewJobs(team.teamId);
    expect(await bonusesOf(rows[0]!.assignmentId)).toHaveLength(1);
    const ledger = await db.paymentLedgerEntry.findFirstOrThrow({ where: { teamId: team.teamId, kind: "bonus" } });
    expect(ledger).toMatchObject({ status: "paid", amountCents: 25, outcome: "sent" });
    expect(ledger.uniqueRequestToken).toMatch(/^hd-[0-9a-f]{40}$/);
    const audit = await db.auditLog.findFirstOrThrow({ where: { teamId: team.teamId, action: "assignment.bonus", detail: { path: ["queued"], equals: 1 } } });
    expect(audit.environment).toBe("sandbox");
  });

  it("a crash before the call pays once; a crash after it is found in ListBonusPayments", async () => {
    const { team, rows } = await setup(2);
    const admin = await team.as("admin");
    await payBonuses(admin, { assignmentIds: rows.map((r) => r.assignmentId), amount: 40, reason: "Thanks", requestKey: "form-key-0002" });
    const ledger = await db.paymentLedgerEntry.findMany({ where: { teamId: team.teamId, kind: "bonus" }, orderBy: { assignmentId: "asc" } });
    // Both rows were marked sending (the ledger write before the call), then the process died:
    // for the first before the call reached the marketplace, for the second after it did.
    await db.paymentLedgerEntry.updateMany({ where: { id: { in: ledger.map((l) => l.id) } }, data: { status: "sending", attempts: 1 } });
    const paid = ledger[1]!;
    await client.send(new SendBonusCommand({ WorkerId: paid.workerId, AssignmentId: paid.assignmentId, BonusAmount: "0.40", Reason: "Thanks", UniqueRequestToken: paid.uniqueRequestToken }));
    await runReviewJobs(team.teamId);
    for (const l of ledger) expect(await bonusesOf(l.assignmentId)).toHaveLength(1);
    const after = await db.paymentLedgerEntry.findMany({ where: { teamId: team.teamId, kind: "bonus" }, orderBy: { assignmentId: "asc" } });
    expect(after.map((l) => [l.status, l.outcome])).toEqual([
      ["paid", "sent"],
      ["paid", "already paid (ListBonusPayments)"],
    ]);
    const mk = await db.mkLedgerEntry.count({ where: { requesterId: h.requesterId, kind: "bonus", workerId: { in: rows.map((r) => r.workerId) } } });
    expect(mk).toBe(2);
  });

  it("a token the marketplace has seen counts as paid: it refuses the retry, and nothing is paid twice", async () => {
    const { team, rows } = await setup(1);
    const admin = await team.as("admin");
    await payBonuses(admin, { assignmentIds: [rows[0]!.assignmentId], amount: 30, reason: "Thanks", requestKey: "form-key-0003" });
    const row = await db.paymentLedgerEntry.findFirstOrThrow({ where: { teamId: team.teamId, kind: "bonus" } });
    // The marketplace already holds this payment under its token (an attempt whose outcome was never recorded).
    await client.send(new SendBonusCommand({ WorkerId: row.workerId, AssignmentId: row.assignmentId, BonusAmount: "0.30", Reason: "Thanks", UniqueRequestToken: row.uniqueRequestToken }));
    await runReviewJobs(team.teamId);
    expect(await bonusesOf(row.assignmentId)).toHaveLength(1);
    expect(await db.paymentLedgerEntry.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "paid", outcome: "already paid (UniqueRequestToken used)" });
    const job = await db.job.findUniqueOrThrow({ where: { id: row.jobId! } });
    expect(job.status).toBe("succeeded");
  });

  it("a re-uploaded CSV adds nothing; two identical rows in one file are two payments", async () => {
    const { team, rows } = await setup(2);
    const reviewer = await team.as("reviewer");
    const [one, two] = rows;
    const csv = [
      "WorkerId,AssignmentId,Amount,Reason",
      `${one!.workerId},${one!.assignmentId},0.10,Bonus round`,
      `${one!.workerId},${one!.assignmentId},0.10,Bonus round`,
      `${two!.workerId},${two!.assignmentId},$0.20,"Accurate, fast"`,
    ].join("\n");
    const preview = await uploadBonusCsv(reviewer, { csv, preview: true });
    expect(preview).toMatchObject({ preview: true, cost: { count: 3, bonusCents: 40, feeCents: 8, totalCents: 48, feeBasis: "MTurk's 20% bonus fee" } });
    expect(await uploadBonusCsv(reviewer, { csv })).toMatchObject({ queued: 3, alreadyRecorded: 0 });
    await runReviewJobs(team.teamId);
    expect(await uploadBonusCsv(reviewer, { csv: csv + "\n" })).toMatchObject({ queued: 0, alreadyRecorded: 3, jobId: null });
    await runReviewJobs(team.teamId);
    expect(await bonusesOf(one!.assignmentId)).toHaveLength(2);
    expect(await bonusesOf(two!.assignmentId)).toHaveLength(1);
  });

  it("refuses a reviewer's bonus over the team's limit, on the server, and a bad CSV whole", async () => {
    const { team, rows } = await setup(1);
    const reviewer = await team.as("reviewer");
    const owner = await team.as("owner");
    const over = { assignmentIds: [rows[0]!.assignmentId], amount: 501, reason: "Too generous", requestKey: "form-key-0003" };
    const refused = await payBonuses(reviewer, over).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Forbidden);
    expect((refused as Forbidden).message).toMatch(/at most \$5\.00/);
    const csv = `WorkerId,AssignmentId,Amount,Reason\n${rows[0]!.workerId},${rows[0]!.assignmentId},9.00,Big\n${rows[0]!.workerId},NOPE,1.00,x\n`;
    await expect(uploadBonusCsv(reviewer, { csv })).rejects.toBeInstanceOf(Unprocessable);
    expect(await db.paymentLedgerEntry.count({ where: { teamId: team.teamId } })).toBe(0);
    expect(await payBonuses(owner, { ...over, requestKey: "form-key-0004" })).toMatchObject({ queued: 1 });
  });
});
