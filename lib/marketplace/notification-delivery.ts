import "server-only";
import { randomUUID } from "node:crypto";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { DELIVERY_TIMEOUT_MS, newSigningSecret, nextAttemptAt, postSigned, type DeliveryOutcome } from "@/lib/http/signed-delivery";

/**
 * HITdesk's extension to MTurk notifications: a Notification with Transport "HTTP" has an
 * https:// Destination (http:// only on loopback) that receives MTurk's event document as a
 * signed POST, retried with backoff like the dashboard's webhooks (lib/http/signed-delivery).
 * AWS itself offers only SQS, SNS and e-mail. Recorded events (mk_event) are dispatched to
 * their HIT type's destination by whichever instance claims them, then delivered from
 * mk_notification_delivery.
 */
export const HTTP_TRANSPORT = "HTTP";

export interface MturkEventEntry {
  EventType: string;
  EventTimestamp: string;
  HITTypeId?: string;
  HITId?: string;
  AssignmentId?: string;
}

/** MTurk's notification message: one event document, de-duplicated by receivers on EventDocId. */
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

interface PendingEvent {
  id: bigint;
  requesterId: string;
  eventType: string;
  hitTypeId: string | null;
  hitId: string | null;
  assignmentId: string | null;
  occurredAt: Date;
  notification: StoredSpecification | null;
  notificationActive: boolean | null;
}

const DISPATCH_BATCH = 500;

/**
 * Moves recorded events to the HTTP destinations of their HIT types, in one transaction per
 * batch: each event is claimed (SKIP LOCKED: instances take different ones), a message queued
 * if its HIT type's active HTTP notification subscribes to it, and marked dispatched (events
 * for other transports, which this marketplace cannot reach, are marked too). Returns how many
 * messages it queued.
 */
export async function dispatchNotificationEvents(options: { requesterId?: string } = {}): Promise<number> {
  const requesterId = options.requesterId ?? null;
  let queued = 0;
  for (;;) {
    const { claimed, messages } = await db.$transaction(async (tx) => {
      const events = await tx.$queryRaw<PendingEvent[]>`
        SELECT e.id, e."requesterId", e."eventType", e."hitTypeId", e."hitId", e."assignmentId", e."occurredAt", t.notification, t."notificationActive"
        FROM mk_event e LEFT JOIN mk_hit_type t ON t.id = e."hitTypeId"
        WHERE e."deliveredAt" IS NULL AND (${requesterId}::text IS NULL OR e."requesterId" = ${requesterId})
        ORDER BY e.id LIMIT ${DISPATCH_BATCH} FOR UPDATE OF e SKIP LOCKED`;
      const rows = events
        .filter((e) => e.notificationActive && e.notification?.Transport === HTTP_TRANSPORT && e.notification.EventTypes.includes(e.eventType))
        .map((e) => {
          const eventDocId = `mkev-${e.id}`;
          const entry: MturkEventEntry = {
            EventType: e.eventType,
            EventTimestamp: e.occurredAt.toISOString(),
            HITTypeId: e.hitTypeId ?? undefined,
            HITId: e.hitId ?? undefined,
            AssignmentId: e.assignmentId ?? undefined,
          };
          return {
            requesterId: e.requesterId,
            destination: e.notification!.Destination,
            eventDocId,
            eventType: e.eventType,
            body: eventDocument({ eventDocId, requesterId: e.requesterId, version: e.notification!.Version, events: [entry] }),
          };
        });
      if (rows.length) await tx.mkNotificationDelivery.createMany({ data: rows, skipDuplicates: true });
      if (events.length) await tx.mkEvent.updateMany({ where: { id: { in: events.map((e) => e.id) } }, data: { deliveredAt: new Date() } });
      return { claimed: events.length, messages: rows.length };
    });
    queued += messages;
    if (claimed < DISPATCH_BATCH) return queued;
  }
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
  const retryAt = outcome.ok ? null : nextAttemptAt(m.attempts, now);
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
  let attempted = 0;
  while (!options.signal?.aborted) {
    const claimed = await claimMessages(options.requesterId ?? null);
    if (claimed.length === 0) break;
    const secrets = new Map<string, Promise<string>>();
    let next = 0;
    const lane = async () => {
      while (next < claimed.length) {
        const m = claimed[next++]!;
        if (!secrets.has(m.requesterId)) secrets.set(m.requesterId, notificationSigningSecret(m.requesterId));
        const secret = await secrets.get(m.requesterId)!;
        await recordOutcome(m, await postSigned({ url: m.destination, secret, body: m.body, eventId: m.eventDocId, eventType: m.eventType, attempt: m.attempts }));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    attempted += claimed.length;
  }
  return attempted;
}
