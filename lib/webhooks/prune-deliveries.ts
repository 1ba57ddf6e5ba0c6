import "server-only";
import { db } from "@/lib/db";
import { pruneInBatches, retentionCutoff } from "@/lib/http/signed-delivery";

/**
 * Deletes webhook deliveries (and their attempt logs, by cascade) that finished more than
 * DELIVERY_RETENTION_DAYS ago, a bounded batch per statement. Returns how many went.
 */
export async function pruneWebhookDeliveries(options: { now?: Date; batch?: number; signal?: AbortSignal } = {}): Promise<number> {
  const cutoff = retentionCutoff(options.now);
  return pruneInBatches(
    (limit) => db.$executeRaw`
      DELETE FROM "WebhookDelivery" WHERE id IN (
        SELECT id FROM "WebhookDelivery" WHERE "finishedAt" < ${cutoff} ORDER BY "finishedAt" LIMIT ${limit})`,
    options,
  );
}
