import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import { MturkRequestError } from "@/lib/marketplace/errors";
import { AWS_FEE_SCHEDULE, NO_FEES, defaultFeeSchedule, type FeeSchedule } from "@/lib/marketplace/fees";
import { formatCents } from "@/lib/marketplace/money";

/**
 * Money: every movement is a row of MkLedgerEntry and the balance is their sum. A payment
 * locks its requester's row first, so concurrent payments cannot overdraw, and the unique
 * (requesterId, kind, refId) key makes a second payment for the same thing impossible.
 */

export async function balanceCents(requesterId: string, tx: Tx | typeof db = db): Promise<number> {
  const sum = await tx.mkLedgerEntry.aggregate({ where: { requesterId }, _sum: { amountCents: true } });
  return sum._sum.amountCents ?? 0;
}

/** Serialises payments of one requester for the rest of the transaction. */
export async function lockRequester(tx: Tx, requesterId: string): Promise<{ environment: "sandbox" | "production"; feeSchedule: Prisma.JsonValue }> {
  const rows = await tx.$queryRaw<{ environment: "sandbox" | "production"; feeSchedule: Prisma.JsonValue }[]>`
    SELECT environment::text AS environment, "feeSchedule" FROM mk_requester WHERE id = ${requesterId} FOR UPDATE`;
  if (!rows[0]) throw new MturkRequestError("AWS.MechanicalTurk.RequesterDoesNotExist", `Requester ${requesterId} does not exist.`);
  return rows[0];
}

export function feeScheduleOf(requester: { environment: "sandbox" | "production"; feeSchedule: Prisma.JsonValue }): FeeSchedule {
  const custom = requester.feeSchedule as Partial<FeeSchedule> | null;
  return custom ? { ...(requester.environment === "sandbox" ? AWS_FEE_SCHEDULE : NO_FEES), ...custom } : defaultFeeSchedule(requester.environment);
}

export interface Charge {
  kind: "reward" | "bonus";
  amountCents: number;
  feeCents: number;
  /** The assignment (reward) or bonus payment (bonus) being paid for. */
  refId: string;
  workerId: string;
}

/** Debits amount and fee inside `tx` (the requester must be locked), refusing when funds are short. */
export async function charge(tx: Tx, requesterId: string, c: Charge): Promise<void> {
  const needed = c.amountCents + c.feeCents;
  const available = await balanceCents(requesterId, tx);
  if (available < needed) {
    throw new MturkRequestError(
      "AWS.MechanicalTurk.InsufficientFunds",
      `This Requester has insufficient funds in their account to complete this transaction. Needed $${formatCents(needed)}, available $${formatCents(available)}.`,
    );
  }
  await tx.mkLedgerEntry.createMany({
    data: [
      { requesterId, kind: c.kind, amountCents: -c.amountCents, refId: c.refId, workerId: c.workerId },
      ...(c.feeCents > 0 ? [{ requesterId, kind: `${c.kind}_fee`, amountCents: -c.feeCents, refId: c.refId, workerId: c.workerId }] : []),
    ],
  });
}

/** A deposit an owner records for the built-in production marketplace. */
export async function recordDeposit(requesterId: string, amountCents: number, note: string, depositId: string): Promise<void> {
  if (!Number.isInteger(amountCents) || amountCents <= 0) throw new Error("A deposit must be a positive number of cents");
  await db.mkLedgerEntry.create({ data: { requesterId, kind: "deposit", amountCents, refId: depositId, note } });
}
