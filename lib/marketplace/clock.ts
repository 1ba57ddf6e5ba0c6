import "server-only";
import { db, type Tx } from "@/lib/db";

/**
 * Each requester's clock: the wall clock plus an offset that tests advance, so expiry,
 * deadlines and auto-approval happen without waiting. Everything time-based reads this.
 */
export async function requesterNow(requesterId: string, tx: Tx | typeof db = db): Promise<Date> {
  const row = await tx.mkRequester.findUnique({ where: { id: requesterId }, select: { clockOffsetMs: true } });
  return new Date(Date.now() + Number(row?.clockOffsetMs ?? 0));
}

export async function advanceClock(requesterId: string, seconds: number): Promise<Date> {
  await db.mkRequester.update({ where: { id: requesterId }, data: { clockOffsetMs: { increment: BigInt(Math.round(seconds * 1000)) } } });
  return requesterNow(requesterId);
}
