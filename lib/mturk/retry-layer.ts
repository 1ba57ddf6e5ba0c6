import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

const callerRetrying = new AsyncLocalStorage<true>();

/**
 * Runs fn with the SDK's retries off for every MTurk call it makes (sendMturk included): the
 * caller retries the whole operation itself (the job runner, per item), and two layers would
 * multiply (6 SDK attempts × 8 item attempts = 48 calls for one item).
 */
export function withCallerRetries<T>(fn: () => Promise<T>): Promise<T> {
  return callerRetrying.run(true, fn);
}

export function callerRetries(): boolean {
  return callerRetrying.getStore() === true;
}
