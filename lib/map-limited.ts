/**
 * Runs fn over items with at most `limit` in flight: a marketplace's rate limit is per
 * account, a receiver's capacity per instance.
 * After a failure no further item starts, and the failure is thrown once the items in flight
 * have settled: nothing of a failed run keeps writing after its caller has moved on.
 */
export async function mapLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (!failure && next < items.length) {
        try {
          await fn(items[next++]!);
        } catch (error) {
          failure ??= { error };
        }
      }
    }),
  );
  if (failure) throw failure.error;
}
