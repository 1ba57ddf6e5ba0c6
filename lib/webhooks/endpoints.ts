import "server-only";
import { randomUUID } from "node:crypto";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { Conflict, Invalid, NotFound } from "@/lib/errors";
import { literalAddressRefusal, newSigningSecret, refusedAddressMessage } from "@/lib/http/signed-delivery";
import { NoMarketplaceAccount, notificationSecret } from "@/lib/marketplace/admin";
import type { Scope } from "@/lib/scope";
import { TEST_EVENT_TYPE } from "@/lib/webhooks/event-types";
import { webhookBody, webhookEventId } from "@/lib/webhooks/webhook-event";
import { CreateWebhookInput, UpdateWebhookInput } from "@/lib/webhooks/webhook-input";

/** Team webhooks of one environment (Settings → Webhooks). Secrets leave the server only when created or revealed. */
export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  createdAt: string;
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  /** pending | succeeded | failed */
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  attemptLog: { attempt: number; at: string; statusCode: number | null; error: string | null; durationMs: number }[];
}

const VIEW = { id: true, url: true, description: true, eventTypes: true, enabled: true, createdAt: true } as const;

const toView = (e: { id: string; url: string; description: string; eventTypes: string[]; enabled: boolean; createdAt: Date }): WebhookEndpointView => ({ ...e, createdAt: e.createdAt.toISOString() });

const scopeOf = (ctx: TeamContext): Scope => ({ teamId: ctx.team.id, environment: ctx.environment });

async function findEndpoint(ctx: TeamContext, id: string) {
  const endpoint = await db.webhookEndpoint.findFirst({ where: { id, teamId: ctx.team.id, environment: ctx.environment } });
  if (!endpoint) throw new NotFound(`No webhook ${id.slice(0, 40)} in ${ctx.team.name} (${ctx.environment})`);
  return endpoint;
}

export async function listWebhookEndpoints(scope: Scope): Promise<WebhookEndpointView[]> {
  const rows = await db.webhookEndpoint.findMany({ where: { teamId: scope.teamId, environment: scope.environment }, select: VIEW, orderBy: { createdAt: "asc" } });
  return rows.map(toView);
}

export async function createWebhookEndpoint(ctx: TeamContext, input: CreateWebhookInput): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const parsed = CreateWebhookInput.parse(input);
  // The address policy depends on the server's configuration, so the form's schema cannot apply it.
  const refusal = literalAddressRefusal(parsed.url);
  if (refusal) throw new Invalid(refusedAddressMessage(refusal), [{ path: "url", message: refusedAddressMessage(refusal) }]);
  const secret = newSigningSecret();
  const endpoint = await db.webhookEndpoint.create({
    data: {
      teamId: ctx.team.id,
      environment: ctx.environment,
      url: parsed.url,
      description: parsed.description,
      eventTypes: parsed.eventTypes,
      secretCiphertext: encryptSecret(secret),
      createdById: ctx.user.id,
    },
    select: VIEW,
  });
  await recordAudit(ctx, "webhook.create", parsed.url, { id: endpoint.id, eventTypes: parsed.eventTypes });
  return { endpoint: toView(endpoint), secret };
}

export async function updateWebhookEndpoint(ctx: TeamContext, id: string, input: UpdateWebhookInput): Promise<WebhookEndpointView> {
  const parsed = UpdateWebhookInput.parse(input);
  const before = await findEndpoint(ctx, id);
  const endpoint = await db.webhookEndpoint.update({ where: { id: before.id }, data: parsed, select: VIEW });
  await recordAudit(ctx, "webhook.update", endpoint.url, { id, ...parsed });
  return toView(endpoint);
}

export async function deleteWebhookEndpoint(ctx: TeamContext, id: string): Promise<void> {
  const endpoint = await findEndpoint(ctx, id);
  await db.webhookEndpoint.delete({ where: { id: endpoint.id } });
  await recordAudit(ctx, "webhook.delete", endpoint.url, { id });
}

/** The signing secret, for an admin setting up a receiver; each reveal is in the audit log. */
export async function revealWebhookSecret(ctx: TeamContext, id: string): Promise<{ secret: string }> {
  const endpoint = await findEndpoint(ctx, id);
  await recordAudit(ctx, "webhook.reveal_secret", endpoint.url, { id });
  return { secret: decryptSecret(endpoint.secretCiphertext) };
}

/** Queues a WebhookTest event for this endpoint only, delivered (and retried) like any other. */
export async function sendTestWebhook(ctx: TeamContext, id: string): Promise<{ eventId: string }> {
  const endpoint = await findEndpoint(ctx, id);
  const scope = scopeOf(ctx);
  const event = { type: TEST_EVENT_TYPE, key: randomUUID(), occurredAt: new Date(), data: { message: "A test event from HITdesk", sentBy: ctx.user.email } } as const;
  const eventId = webhookEventId(scope, event);
  await db.webhookDelivery.create({ data: { endpointId: endpoint.id, eventId, eventType: event.type, body: webhookBody(scope, event) } });
  await recordAudit(ctx, "webhook.test", endpoint.url, { id, eventId });
  return { eventId };
}

/**
 * The built-in marketplace's key for HTTP notification destinations (Transport "HTTP" in
 * UpdateNotificationSettings), revealed to admins like a webhook secret.
 */
export async function revealMarketplaceNotificationSecret(ctx: TeamContext): Promise<{ secret: string }> {
  const secret = await refusalAsConflict(() => notificationSecret(ctx.team.id, ctx.environment));
  await recordAudit(ctx, "marketplace.reveal_notification_secret");
  return { secret };
}

async function refusalAsConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof NoMarketplaceAccount) throw new Conflict(e.message);
    throw e;
  }
}

const LOG_LENGTH = 50;

/** The endpoint's latest deliveries, newest first, each with its attempts. */
export async function listWebhookDeliveries(ctx: TeamContext, id: string): Promise<WebhookDeliveryView[]> {
  const endpoint = await findEndpoint(ctx, id);
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId: endpoint.id },
    orderBy: { createdAt: "desc" },
    take: LOG_LENGTH,
    include: { attemptLog: { orderBy: { attempt: "asc" } } },
  });
  return rows.map((d) => ({
    id: d.id,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
    createdAt: d.createdAt.toISOString(),
    attemptLog: d.attemptLog.map((a) => ({ attempt: a.attempt, at: a.at.toISOString(), statusCode: a.statusCode, error: a.error, durationMs: a.durationMs })),
  }));
}
