import "server-only";
import type { MTurkClient } from "@aws-sdk/client-mturk";
import { sendWith } from "@/lib/mturk/send";
import { MturkError } from "@/lib/mturk/errors";

type SendArgs = Parameters<typeof sendWith>;

const MAX_ATTEMPTS = 8;
const BASE_DELAY_MS = 200;
const MAX_DELAY_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * sendWith, retried on throttling, service faults and network failures with exponential backoff and full jitter:
 * the sync's one retry layer (its client has the SDK's retries off). A long sync that meets a
 * rate limit must slow down and carry on rather than fail hours of work on one busy second.
 */
export async function sendWithBackoff<C extends SendArgs[1]>(client: MTurkClient, command: C, onAttempt?: () => void): ReturnType<typeof sendWith<C>> {
  for (let attempt = 1; ; attempt++) {
    onAttempt?.();
    try {
      return await sendWith(client, command);
    } catch (e) {
      // Network failures too: with the SDK's retries off, this is the only layer that absorbs them.
      if (!(e instanceof MturkError && e.retryable) || attempt >= MAX_ATTEMPTS) throw e;
      await sleep(Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt));
    }
  }
}
