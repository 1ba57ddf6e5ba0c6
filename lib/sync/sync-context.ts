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

/**
 * Gathers the items of concurrent callers and writes them together: while one write runs, the
 * items that arrive wait and go in the next. Each caller's promise settles with its own write.
 */
export function groupWrites<T>(write: (items: T[]) => Promise<void>): (item: T) => Promise<void> {
  let waiting: { item: T; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let writing = false;
  const drain = async () => {
    writing = true;
    while (waiting.length) {
      const batch = waiting;
      waiting = [];
      try {
        await write(batch.map((w) => w.item));
        for (const w of batch) w.resolve();
      } catch (e) {
        for (const w of batch) w.reject(e);
      }
    }
    writing = false;
  };
  return (item) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!writing) void drain();
    });
}
