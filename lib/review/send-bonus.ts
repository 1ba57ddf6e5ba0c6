import "server-only";
import { ListBonusPaymentsCommand, SendBonusCommand, type BonusPayment } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import type { PaymentLedgerEntry } from "@/lib/generated/prisma/client";
import { PermanentItemError, type JobHandler } from "@/lib/jobs/job-types";
import { MturkError } from "@/lib/mturk/errors";
import { sendMturkPaced } from "@/lib/mturk/send-paced";
import { centsToDollars, dollarsToCents } from "@/lib/money";
import { BONUS_JOB_KIND } from "@/lib/review/pay-bonuses";
import { LIST_PAGE_SIZE, nextPageToken } from "@/lib/mturk/pages";

async function bonusesOfAssignment(row: PaymentLedgerEntry): Promise<BonusPayment[]> {
  const payments: BonusPayment[] = [];
  let token: string | undefined;
  do {
    const page = await sendMturkPaced(row.teamId, row.environment, new ListBonusPaymentsCommand({ AssignmentId: row.assignmentId, MaxResults: LIST_PAGE_SIZE, NextToken: token }));
    payments.push(...(page.BonusPayments ?? []));
    token = nextPageToken(page.BonusPayments, page.NextToken);
  } while (token);
  return payments;
}

/**
 * Whether the marketplace already holds this payment: it lists more bonuses like it (worker,
 * amount, reason) for the assignment than the ledger has marked paid. MTurk gives bonuses no
 * id, and remembers a UniqueRequestToken for only 24 hours, so this is what a retry trusts.
 */
async function alreadyPaid(row: PaymentLedgerEntry): Promise<boolean> {
  const listed = (await bonusesOfAssignment(row)).filter(
    (p) => p.WorkerId === row.workerId && dollarsToCents(p.BonusAmount ?? "0") === row.amountCents && (p.Reason ?? "") === (row.reason ?? ""),
  ).length;
  const paidBefore = await db.paymentLedgerEntry.count({
    where: {
      teamId: row.teamId,
      environment: row.environment,
      kind: "bonus",
      assignmentId: row.assignmentId,
      workerId: row.workerId,
      amountCents: row.amountCents,
      reason: row.reason,
      status: "paid",
      id: { not: row.id },
    },
  });
  return listed > paidBefore;
}

/** The marketplace's answer to a UniqueRequestToken it has seen: a request error naming the token. */
export const isUsedTokenError = (e: MturkError) => e.kind === "request" && (e.turkErrorCode === "AWS.MechanicalTurk.DuplicateRequest" || /UniqueRequestToken|unique request token/i.test(e.message));

const settle = (id: string, status: "paid" | "failed", outcome: string) => db.paymentLedgerEntry.update({ where: { id }, data: { status, outcome, completedAt: new Date() } });

/**
 * Pays one ledger row. The row is marked "sending" before the call; a row found "sending" may
 * have been paid by an attempt that crashed or lost its reply, so ListBonusPayments is checked
 * before sending again (with the same token, which the marketplace also recognises).
 */
export async function sendBonus(ledgerId: string): Promise<{ outcome: string }> {
  const row = await db.paymentLedgerEntry.findUnique({ where: { id: ledgerId } });
  if (!row || row.kind !== "bonus") throw new PermanentItemError(`No bonus ${ledgerId} in the ledger`);
  if (row.status === "paid" || row.status === "failed") return { outcome: row.outcome ?? row.status };
  if (row.status === "sending" && (await alreadyPaid(row))) {
    await settle(row.id, "paid", "already paid (ListBonusPayments)");
    return { outcome: "already paid" };
  }
  await db.paymentLedgerEntry.update({ where: { id: row.id }, data: { status: "sending", attempts: { increment: 1 } } });
  try {
    await sendMturkPaced(
      row.teamId,
      row.environment,
      new SendBonusCommand({
        WorkerId: row.workerId,
        AssignmentId: row.assignmentId,
        BonusAmount: centsToDollars(row.amountCents),
        Reason: row.reason ?? "",
        UniqueRequestToken: row.uniqueRequestToken,
      }),
    );
  } catch (e) {
    if (!(e instanceof MturkError) || e.retryable) throw e;
    // MTurk refuses a used token with an error naming the request that paid. The token is this
    // payment's own (team, environment and payment hashed), so the refusal means it is paid:
    // trusted as such, since ListBonusPayments may not show the bonus yet.
    if (isUsedTokenError(e)) {
      await settle(row.id, "paid", "already paid (UniqueRequestToken used)");
      return { outcome: "already paid" };
    }
    await settle(row.id, "failed", e.message);
    throw new PermanentItemError(e.message);
  }
  await settle(row.id, "paid", "sent");
  return { outcome: "sent" };
}

export const bonusJobHandler: JobHandler = {
  kind: BONUS_JOB_KIND,
  concurrency: 4,
  unit: "bonuses",
  // Bonuses, once queued, are paid to the end: no one pauses or cancels them.
  access: { read: "viewer" },
  processItem: (_ctx, input) => sendBonus((input as { ledgerId: string }).ledgerId),
};
