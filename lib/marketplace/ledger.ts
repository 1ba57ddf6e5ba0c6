import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import { MturkRequestError } from "@/lib/marketplace/errors";
import { env } from "@/lib/env";
import { formatCents } from "@/lib/marketplace/money";
import { FeeScheduleInput, defaultFeeSchedule, type FeeSchedule } from "@/lib/mturk-formats/fees";

/**
 * Money: every movement is a row of MkLedgerEntry and the balance is their sum. A payment
 * locks its requester's row first, so concurrent payments cannot overdraw, and the unique
 * (requesterId, kind, refId) key makes a second payment for the same thing impossible.
 */

export async function balanceCents(requesterId: string, tx: Tx | typeof db = db): Promise<number> {
  const sum = await tx.mkLedgerEntry.aggregate({ where: { requesterId }, _sum: { amountCents: true } });
  return sum._sum.amountCents ?? 0;
}

/** Everything paid out (rewards, bonuses and their fees), in cents. */
export async function spentCents(requesterId: string): Promise<number> {
  const sum = await db.mkLedgerEntry.aggregate({ where: { requesterId, amountCents: { lt: 0 } }, _sum: { amountCents: true } });
  return -(sum._sum.amountCents ?? 0);
}

/** What GetAccountBalance answers in sandbox, whatever was spent: MTurk's sandbox always says $10,000.00. */
export const SANDBOX_BALANCE_CENTS = 1_000_000;

/** Serialises payments of one requester for the rest of the transaction. */
export async function lockRequester(tx: Tx, requesterId: string): Promise<{ environment: "sandbox" | "production"; feeSchedule: Prisma.JsonValue }> {
  const rows = await tx.$queryRaw<{ environment: "sandbox" | "production"; feeSchedule: Prisma.JsonValue }[]>`
    SELECT environment::text AS environment, "feeSchedule" FROM mk_requester WHERE id = ${requesterId} FOR UPDATE`;
  if (!rows[0]) throw new MturkRequestError("AWS.MechanicalTurk.RequesterDoesNotExist", `Requester ${requesterId} does not exist.`);
  return rows[0];
}

function scheduleFromEnv(value: string | undefined, name: string, base: FeeSchedule): FeeSchedule {
  if (!value) return base;
  const parsed = FeeScheduleInput.safeParse(JSON.parse(value));
  if (!parsed.success) throw new Error(`${name}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  return { ...base, ...parsed.data };
}

/** Each environment's schedule: AWS's in sandbox and none in production, unless configured. */
const environmentSchedules = {
  sandbox: scheduleFromEnv(env.HITDESK_MARKETPLACE_FEES_SANDBOX, "HITDESK_MARKETPLACE_FEES_SANDBOX", defaultFeeSchedule("sandbox")),
  production: scheduleFromEnv(env.HITDESK_MARKETPLACE_FEES_PRODUCTION, "HITDESK_MARKETPLACE_FEES_PRODUCTION", defaultFeeSchedule("production")),
};

/** A requester's own schedule (MkRequester.feeSchedule) over its environment's. */
export function feeScheduleOf(requester: { environment: "sandbox" | "production"; feeSchedule: Prisma.JsonValue }): FeeSchedule {
  const base = environmentSchedules[requester.environment];
  return requester.feeSchedule ? { ...base, ...FeeScheduleInput.parse(requester.feeSchedule) } : base;
}

export interface Charge {
  kind: "reward" | "bonus";
  amountCents: number;
  feeCents: number;
  /** The assignment (reward) or bonus payment (bonus) being paid for. */
  refId: string;
  workerId: string;
}

/**
 * Debits amount and fee inside `tx` (the requester must be locked), refusing when funds are
 * short in production. The sandbox never runs out, as on MTurk; its spending is still recorded.
 */
export async function charge(tx: Tx, requester: { id: string; environment: "sandbox" | "production" }, c: Charge): Promise<void> {
  const requesterId = requester.id;
  const needed = c.amountCents + c.feeCents;
  const available = requester.environment === "sandbox" ? Infinity : await balanceCents(requesterId, tx);
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

/** The schedule an environment charges by default (for the dashboard's cost estimates). */
export function environmentFeeSchedule(environment: "sandbox" | "production"): FeeSchedule {
  return environmentSchedules[environment];
}
