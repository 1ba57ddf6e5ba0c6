import "server-only";
import type { MTurkClient } from "@aws-sdk/client-mturk";
import { sendWithBackoff } from "@/lib/mturk/send-with-backoff";
import { nextPageToken } from "@/lib/mturk/pages";
import type { EnvironmentName } from "@/lib/scope";

/** What every part of a sync needs: whose account, the client, and a counted, throttling-aware send. */
export interface SyncContext {
  teamId: string;
  environment: EnvironmentName;
  client: MTurkClient;
  send: <C extends Parameters<typeof sendWithBackoff>[1]>(command: C) => ReturnType<typeof sendWithBackoff<C>>;
}

/** Calls made, in total and per operation ("ListHITs": 100, ...); retries count as calls. */
export interface CallCounter {
  calls: number;
  callsByOperation: Record<string, number>;
}

export function countedSend(client: MTurkClient, counter: CallCounter): SyncContext["send"] {
  return (command) => {
    const operation = command.constructor.name.replace(/Command$/, "");
    return sendWithBackoff(client, command, () => {
      counter.calls++;
      counter.callsByOperation[operation] = (counter.callsByOperation[operation] ?? 0) + 1;
    });
  };
}

/** Every page of a NextToken-paginated list operation, asked for LIST_PAGE_SIZE at a time. */
export async function listAll<T>(fetchPage: (token: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    all.push(...(page.items ?? []));
    token = nextPageToken(page.items, page.next);
  } while (token);
  return all;
}

/** Items written in the background while their producers go on reading (see writeBehind). */
export interface WriteBehind<T> {
  /** Queues an item; resolves once fewer than the backlog wait to be written. Throws a failed write's error. */
  add(item: T): Promise<void>;
  /** Resolves once everything queued is written; throws a failed write's error. */
  flush(): Promise<void>;
}

/**
 * Writes items in groups behind their producers: while one write runs, the items that arrive
 * wait and go together in the next. A producer waits only when `backlog` items are already
 * waiting, so reading the next items overlaps with writing the last ones instead of waiting
 * for the database each time. After a failed write nothing more is written (an item is
 * marked synced only by its own write, so whatever was not written is read again next time)
 * and every later call throws that failure.
 */
export function writeBehind<T>(write: (items: T[]) => Promise<void>, backlog: number): WriteBehind<T> {
  let waiting: T[] = [];
  let draining: Promise<void> | undefined;
  let failure: { error: unknown } | undefined;
  let roomWaiters: (() => void)[] = [];
  const wakeProducers = () => {
    const woken = roomWaiters;
    roomWaiters = [];
    for (const wake of woken) wake();
  };
  const drain = async () => {
    while (waiting.length && !failure) {
      const group = waiting;
      waiting = [];
      wakeProducers();
      try {
        await write(group);
      } catch (error) {
        failure = { error };
      }
    }
    waiting = [];
    draining = undefined;
    wakeProducers();
  };
  const check = () => {
    if (failure) throw failure.error;
  };
  return {
    async add(item) {
      check();
      waiting.push(item);
      draining ??= drain();
      while (waiting.length >= backlog && !failure) await new Promise<void>((wake) => roomWaiters.push(wake));
      check();
    },
    async flush() {
      while (draining) await draining;
      check();
    },
  };
}
