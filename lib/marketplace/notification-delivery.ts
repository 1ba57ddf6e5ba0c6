import "server-only";
import { randomUUID } from "node:crypto";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { DELIVERY_TIMEOUT_MS, deliverUntilNoneDue, newSigningSecret, nextAttemptAt, postSigned, pruneInBatches, retentionCutoff, type DeliveryOutcome } from "@/lib/http/signed-delivery";

/**
 * HITdesk's extension to MTurk notifications: a Notification with Transport "HTTP" has an
 * https:// Destination (http:// only on loopback) that receives MTurk's event document as a
 * signed POST, retried with backoff like the dashboard's webhooks (lib/http/signed-delivery).
 * AWS itself offers only SQS, SNS and e-mail. recordEvent (lib/marketplace/events.ts) queues
 * the message with the event; whichever instance claims it delivers it.
 */
export const HTTP_TRANSPORT = "HTTP";

export interface MturkEventEntry {
  EventType: string;
  EventTimestamp: string;
  HITTypeId?: string;
  HITId?: string;
  AssignmentId?: string;
}

/** MTurk's notification message: one event document, de-duplicated by receivers on EventDocId (recordEvent builds the same in SQL). */
export function eventDocument(input: { eventDocId: string; requesterId: string; version: string; events: MturkEventEntry[] }): string {
  return JSON.stringify({
    EventDocId: input.eventDocId,
    SourceAccount: input.requesterId,
    CustomerId: input.requesterId,
    EventDocVersion: input.version,
    Events: input.events,
  });
}

/** The key signing a requester's HTTP notifications, made on first use; the dashboard reveals it to the team's admins. */
export async function notificationSigningSecret(requesterId: string): Promise<string> {
  const requester = await db.mkRequester.findUniqueOrThrow({ where: { id: requesterId }, select: { notificationSecretCiphertext: true } });
  if (requester.notificationSecretCiphertext) return decryptSecret(requester.notificationSecretCiphertext);
  // Two first uses at once: the first write wins and both read it back.
  await db.mkRequester.updateMany({ where: { id: requesterId, notificationSecretCiphertext: null }, data: { notificationSecretCiphertext: encryptSecret(newSigningSecret()) } });
  return notificationSigningSecret(requesterId);
}

interface StoredSpecification {
  Destination: string;
  Transport: string;
  Version: string;
  EventTypes: string[];
}

/** Queues a test message now, as SendTestEventNotification does for any transport. */
export async function queueTestNotification(requesterId: string, spec: StoredSpecification, eventType: string, at: Date): Promise<void> {
  const eventDocId = randomUUID();
  await db.mkNotificationDelivery.create({
    data: {
      requesterId,
      destination: spec.Destination,
      eventDocId,
      eventType,
      body: eventDocument({ eventDocId, requesterId, version: spec.Version, events: [{ EventType: eventType, EventTimestamp: at.toISOString() }] }),
    },
  });
}

const CLAIM_MS = DELIVERY_TIMEOUT_MS + 20_000;
const DELIVERY_BATCH = 20;
const CONCURRENCY = 4;

interface ClaimedMessage {
  id: string;
  requesterId: string;
  destination: string;
  eventDocId: string;
  eventType: string;
  body: string;
  attempts: number;
}

async function claimMessages(requesterId: string | null): Promise<ClaimedMessage[]> {
  return db.$queryRaw<ClaimedMessage[]>`
    UPDATE mk_notification_delivery SET "lockedUntil" = now() + (${CLAIM_MS} * interval '1 millisecond'), attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM mk_notification_delivery
      WHERE status = 'pending' AND "nextAttemptAt" <= now() AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
        AND (${requesterId}::text IS NULL OR "requesterId" = ${requesterId})
      ORDER BY "nextAttemptAt" LIMIT ${DELIVERY_BATCH} FOR UPDATE SKIP LOCKED)
    RETURNING id, "requesterId", destination, "eventDocId", "eventType", body, attempts`;
}

async function recordOutcome(m: ClaimedMessage, outcome: DeliveryOutcome): Promise<void> {
  const now = new Date();
  const retryAt = outcome.ok || outcome.final ? null : nextAttemptAt(m.attempts, now);
  await db.mkNotificationDelivery.update({
    where: { id: m.id },
    data: {
      status: outcome.ok ? "succeeded" : retryAt ? "pending" : "failed",
      lockedUntil: null,
      lastStatusCode: outcome.statusCode,
      lastError: outcome.error,
      ...(retryAt ? { nextAttemptAt: retryAt } : { finishedAt: now }),
    },
  });
}

/** Posts due messages until none is due; returns how many attempts it made. */
export async function deliverNotificationMessages(options: { requesterId?: string; signal?: AbortSignal } = {}): Promise<number> {
  const secrets = new Map<string, Promise<string>>();
  const deliver = async (m: ClaimedMessage) => {
    if (!secrets.has(m.requesterId)) secrets.set(m.requesterId, notificationSigningSecret(m.requesterId));
    const secret = await secrets.get(m.requesterId)!;
    await recordOutcome(m, await postSigned({ url: m.destination, secret, body: m.body, eventId: m.eventDocId, eventType: m.eventType, attempt: m.attempts }));
  };
  return deliverUntilNoneDue(() => claimMessages(options.requesterId ?? null), deliver, { concurrency: CONCURRENCY, signal: options.signal });
}

/** Deletes messages that finished more than DELIVERY_RETENTION_DAYS ago, a bounded batch per statement; returns how many went. */
export async function pruneNotificationDeliveries(options: { now?: Date; batch?: number; signal?: AbortSignal } = {}): Promise<number> {
  const cutoff = retentionCutoff(options.now);
  return pruneInBatches(
    (limit) => db.$executeRaw`
      DELETE FROM mk_notification_delivery WHERE id IN (
        SELECT id FROM mk_notification_delivery WHERE "finishedAt" < ${cutoff} ORDER BY "finishedAt" LIMIT ${limit})`,
    options,
  );
}
