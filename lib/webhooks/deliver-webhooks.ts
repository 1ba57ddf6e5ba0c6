import "server-only";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { DELIVERY_TIMEOUT_MS, deliverUntilNoneDue, nextAttemptAt, postSigned, type DeliveryOutcome } from "@/lib/http/signed-delivery";

/** Longer than one POST can take: a claim outlives its attempt unless the instance died. */
const CLAIM_MS = DELIVERY_TIMEOUT_MS + 20_000;
const BATCH = 20;
/** POSTs in flight at once per instance: a slow receiver does not hold up the others for long. */
const CONCURRENCY = 4;

interface ClaimedDelivery {
  id: string;
  eventId: string;
  eventType: string;
  body: string;
  /** This attempt's number (1 for the first). */
  attempts: number;
  url: string;
  secretCiphertext: string;
}

/**
 * Takes up to `limit` due deliveries and counts the attempt now, so a crash mid-POST still uses
 * one of the bounded attempts. FOR UPDATE SKIP LOCKED: instances sharing the database take
 * different deliveries, and the claim makes the others leave these alone until it lapses.
 */
async function claimDeliveries(limit: number, teamId: string | null): Promise<ClaimedDelivery[]> {
  return db.$queryRaw<ClaimedDelivery[]>`
    UPDATE "WebhookDelivery" d SET "lockedUntil" = now() + (${CLAIM_MS} * interval '1 millisecond'), attempts = d.attempts + 1
    FROM "WebhookEndpoint" e
    WHERE e.id = d."endpointId" AND d.id IN (
      SELECT q.id FROM "WebhookDelivery" q JOIN "WebhookEndpoint" qe ON qe.id = q."endpointId"
      WHERE q.status = 'pending' AND q."nextAttemptAt" <= now() AND (q."lockedUntil" IS NULL OR q."lockedUntil" < now())
        AND (${teamId}::text IS NULL OR qe."teamId" = ${teamId})
      ORDER BY q."nextAttemptAt" LIMIT ${limit} FOR UPDATE OF q SKIP LOCKED)
    RETURNING d.id, d."eventId", d."eventType", d.body, d.attempts, e.url, e."secretCiphertext"`;
}

/** Logs the attempt; a failure is retried later, or marked failed after the last attempt. */
async function recordOutcome(d: ClaimedDelivery, outcome: DeliveryOutcome): Promise<void> {
  const now = new Date();
  const retryAt = outcome.ok || outcome.final ? null : nextAttemptAt(d.attempts, now);
  const status = outcome.ok ? "succeeded" : retryAt ? "pending" : "failed";
  await db.$transaction([
    db.webhookAttempt.create({ data: { deliveryId: d.id, attempt: d.attempts, at: now, statusCode: outcome.statusCode, error: outcome.error, durationMs: outcome.durationMs } }),
    db.webhookDelivery.update({
      where: { id: d.id },
      data: {
        status,
        lockedUntil: null,
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error,
        ...(retryAt ? { nextAttemptAt: retryAt } : { finishedAt: now }),
      },
    }),
  ]);
}

async function deliver(d: ClaimedDelivery): Promise<void> {
  let secret: string;
  try {
    secret = decryptSecret(d.secretCiphertext);
  } catch {
    // The master key changed: no attempt can succeed until the endpoint gets a new secret.
    return recordOutcome(d, { ok: false, statusCode: null, error: "The endpoint's secret cannot be read with this server's key", durationMs: 0 });
  }
  const outcome = await postSigned({ url: d.url, secret, body: d.body, eventId: d.eventId, eventType: d.eventType, attempt: d.attempts });
  await recordOutcome(d, outcome);
}

/**
 * One round of delivery: claims and posts due deliveries until none is due. Returns how many
 * attempts it made. `teamId` limits it to one team (a test delivers its own team's events).
 */
export async function deliverDueWebhooks(options: { teamId?: string; signal?: AbortSignal } = {}): Promise<number> {
  return deliverUntilNoneDue(() => claimDeliveries(BATCH, options.teamId ?? null), deliver, { concurrency: CONCURRENCY, signal: options.signal });
}
