import "server-only";
import type { MTurkClient } from "@aws-sdk/client-mturk";
import type { EnvironmentName } from "@/lib/auth/roles";
import { sendWithBackoff } from "@/lib/mturk/send-with-backoff";

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

/** Runs fn over items with at most `limit` in flight: the marketplace's rate limit is per account. */
export async function mapLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** Every page of a NextToken-paginated list operation. */
export async function listAll<T>(fetchPage: (token: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    all.push(...(page.items ?? []));
    token = page.next;
  } while (token);
  return all;
}
