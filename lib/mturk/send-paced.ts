import "server-only";
import { mturkClient } from "@/lib/mturk/client";
import { MturkError } from "@/lib/mturk/errors";
import { sendWith } from "@/lib/mturk/send";
import type { EnvironmentName } from "@/lib/scope";

type Command = Parameters<typeof sendWith>[1];

const START_RATE = 5;
const MIN_RATE = 0.5;
const MAX_RATE = 1_000;
const MAX_THROTTLED = 40;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Finds and holds an account's request rate limit (AIMD, as TCP does): the rate doubles each
 * second until the first throttle, then grows by 2 requests/s each second; throttling takes
 * 10% off (at most once a second). So bulk work runs close to the limit (within about 5%), and backs off at once
 * when another client shares the account. The rate grows only while it is what holds calls back
 * (as TCP grows its window only while the window is used): the latest call waited for its slot,
 * and the calls sent in the last second reach half the rate. Calls slowed by something else (a
 * busy CPU, a slow marketplace, few callers) would otherwise raise it far past the limit
 * unnoticed, and once they sped up it would send that fast, most of it throttled, until the cuts
 * caught up. One pacer per team and environment in this process.
 */
class Pacer {
  private rate = START_RATE;
  private nextAt = 0;
  private probing = true;
  private holdUntil = 0;
  /** When the calls of the last second were sent, oldest first. */
  private sentAt: number[] = [];
  /** Whether the latest call waited for its slot. */
  private heldBack = false;

  /** Waits for the next free slot. Slots are not booked ahead, so a rate change applies at once. */
  async take(): Promise<void> {
    for (let waited = false; ; waited = true) {
      const now = Date.now();
      const interval = 1000 / this.rate;
      if (now >= this.nextAt) {
        // A waiter woken a little late keeps the schedule instead of pushing it back.
        this.nextAt = Math.max(this.nextAt, now - interval) + interval;
        this.sentAt.push(now);
        this.heldBack = waited;
        return;
      }
      await sleep(this.nextAt - now);
    }
  }

  succeeded(): void {
    const now = Date.now();
    while (this.sentAt.length > 0 && this.sentAt[0]! <= now - 1000) this.sentAt.shift();
    if (!this.heldBack || this.sentAt.length < this.rate / 2) return;
    this.rate = Math.min(MAX_RATE, this.rate + (this.probing ? 1 : 2 / this.rate));
  }

  throttled(): void {
    // Calls already in flight at the old rate get throttled too: one cut per second, not one per call.
    if (Date.now() < this.holdUntil) return;
    this.holdUntil = Date.now() + 1000;
    this.probing = false;
    this.rate = Math.max(MIN_RATE, this.rate * 0.9);
  }
}

const pacers = new Map<string, Pacer>();

/**
 * sendMturk for bulk work: paced to the account's rate limit, throttled calls retried here
 * at the lower pace. Other failures are thrown for the caller (the job runner) to handle.
 */
export async function sendMturkPaced<C extends Command>(teamId: string, environment: EnvironmentName, command: C): ReturnType<typeof sendWith<C>> {
  const key = `${teamId}:${environment}`;
  let pacer = pacers.get(key);
  if (!pacer) pacers.set(key, (pacer = new Pacer()));
  const client = await mturkClient(teamId, environment, { retries: "caller" });
  for (let attempt = 1; ; attempt++) {
    await pacer.take();
    try {
      const out = await sendWith(client, command);
      pacer.succeeded();
      return out;
    } catch (e) {
      if (!(e instanceof MturkError && e.kind === "throttled") || attempt >= MAX_THROTTLED) throw e;
      pacer.throttled();
    }
  }
}
