import "server-only";
import { db, type Tx } from "@/lib/db";

/**
 * Each requester's clock: the wall clock plus an offset that tests advance, so expiry,
 * deadlines and auto-approval happen without waiting. Everything time-based reads this.
 */
// Offsets change only through advanceClock (tests); caching them keeps a plain read to one query.
// Another app instance sees a change within OFFSET_CACHE_MS.
const OFFSET_CACHE_MS = 1000;
// On globalThis: the MTurk API (served before Next, scripts/start.ts) and Next's bundle each load
// this module, and a clock advanced through one must read the same through the other at once.
type Offsets = Map<string, { offsetMs: number; until: number }>;
const store = globalThis as unknown as { hitdeskClockOffsets?: Offsets };
const offsets = (store.hitdeskClockOffsets ??= new Map() as Offsets);

export async function requesterNow(requesterId: string, tx: Tx | typeof db = db): Promise<Date> {
  const cached = offsets.get(requesterId);
  if (cached && cached.until > Date.now()) return new Date(Date.now() + cached.offsetMs);
  const row = await tx.mkRequester.findUnique({ where: { id: requesterId }, select: { clockOffsetMs: true } });
  const offsetMs = Number(row?.clockOffsetMs ?? 0);
  offsets.set(requesterId, { offsetMs, until: Date.now() + OFFSET_CACHE_MS });
  return new Date(Date.now() + offsetMs);
}

export async function advanceClock(requesterId: string, seconds: number): Promise<Date> {
  await db.mkRequester.update({ where: { id: requesterId }, data: { clockOffsetMs: { increment: BigInt(Math.round(seconds * 1000)) } } });
  offsets.delete(requesterId);
  return requesterNow(requesterId);
}
