import "server-only";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { LIVE_CHANNEL, type LiveChange } from "@/lib/live/live-changes";
import { mailConfigured } from "@/lib/mail";
import { NOTIFICATION_TYPES, DEFAULT_PREFERENCE, type NotificationType } from "@/lib/notifications/notification-types";
import { ROLES } from "@/lib/auth/roles";
import type { Scope } from "@/lib/scope";

/** Something members should hear about, once per occurrence. */
export interface NotificationEvent {
  type: NotificationType;
  /**
   * What makes this occurrence one (a job id, a request id, a 6-hour window): seen again, by a
   * second sync or another instance, it notifies nobody twice.
   */
  key: string;
  title: string;
  body: string;
  /** Where to act on it, a dashboard path. */
  href: string;
  /** Members who joined after this hear nothing of it: a first sync of an old account is not news. Default: now. */
  occurredAt?: Date;
  /** Only these users (the member who started a job); still only if they are members with the type's role. */
  userIds?: string[];
}

const MIN_ROLE = new Map<string, string>(NOTIFICATION_TYPES.map((t) => [t.type, t.role]));

/** Roles at or above the type's role, for `role = ANY(...)`. */
function rolesFor(type: NotificationType): string[] {
  return ROLES.slice(ROLES.indexOf(MIN_ROLE.get(type) as (typeof ROLES)[number]));
}

/** The message's text after the line naming the team (added in SQL, which reads the team's name). */
function emailText(scope: Scope, e: NotificationEvent): string {
  const base = appUrl();
  return [
    e.title,
    "",
    e.body,
    "",
    `Open it in HITdesk (${scope.environment === "production" ? "Production" : "Sandbox"}): ${base}${e.href}`,
    "",
    `Choose which notifications you get: ${base}/settings/notifications`,
  ].join("\n");
}

/**
 * The statement that records `events` for the members who receive them, for the caller's
 * transaction (so a notification exists exactly when the change it reports is stored). One
 * statement (on `client`, an interactive transaction's, when given): it reads the members and their preferences, inserts one notification per member
 * and occurrence (an occurrence already recorded is skipped), queues the e-mails of the
 * members who chose e-mail (when SMTP is configured), and tells open pages of the team when a
 * bell has something new; Postgres delivers that notice at commit.
 */
export function notificationWrites(scope: Scope, events: readonly NotificationEvent[], client: Pick<Prisma.TransactionClient, "$queryRaw"> = db): Prisma.PrismaPromise<unknown>[] {
  if (events.length === 0) return [];
  const mail = mailConfigured();
  const now = new Date();
  const rows = events.map(
    (e) =>
      Prisma.sql`(${e.type}, ${e.key}, ${e.title.slice(0, 300)}, ${e.body.slice(0, 2000)}, ${e.href}, ${(e.occurredAt ?? now).toISOString()}::timestamptz AT TIME ZONE 'UTC', ${rolesFor(e.type)}::text[], ${e.userIds ?? null}::text[], ${`[HITdesk] ${e.title}`.slice(0, 300)}, ${emailText(scope, e)})`,
  );
  const live: LiveChange = { teamId: scope.teamId, environment: scope.environment, hitIds: [], qualificationRequests: false, notifications: true };
  return [
    client.$queryRaw`
      WITH ev (type, "eventKey", title, body, href, "occurredAt", roles, "userIds", subject, text) AS (VALUES ${Prisma.join(rows)}),
      rcpt AS (
        SELECT ev.*, m."userId", u.email AS address,
          COALESCE(p."inApp", ${DEFAULT_PREFERENCE.inApp}) AS "inApp",
          COALESCE(p.email, ${DEFAULT_PREFERENCE.email}) AND ${mail} AS "byEmail"
        FROM ev
        JOIN "Membership" m ON m."teamId" = ${scope.teamId} AND m.role::text = ANY(ev.roles) AND m."createdAt" <= ev."occurredAt"
          AND (ev."userIds" IS NULL OR m."userId" = ANY(ev."userIds"))
        JOIN "User" u ON u.id = m."userId"
        LEFT JOIN "NotificationPreference" p ON p."userId" = m."userId" AND p."teamId" = m."teamId" AND p.type = ev.type
      ),
      created AS (
        INSERT INTO "Notification" (id, "teamId", environment, "userId", type, "eventKey", title, body, href, "inApp")
        SELECT gen_random_uuid()::text, ${scope.teamId}, ${scope.environment}::"Environment", "userId", type, "eventKey", title, body, href, "inApp"
        FROM rcpt WHERE "inApp" OR "byEmail"
        ON CONFLICT ("userId", "teamId", environment, type, "eventKey") DO NOTHING
        RETURNING id, "userId", type, "eventKey", "inApp"
      ),
      mailed AS (
        INSERT INTO "NotificationEmail" (id, "notificationId", "to", subject, text)
        SELECT gen_random_uuid()::text, c.id, r.address, r.subject, 'Team ' || t.name || E'\n\n' || r.text
        FROM created c JOIN rcpt r ON r."userId" = c."userId" AND r.type = c.type AND r."eventKey" = c."eventKey"
        JOIN "Team" t ON t.id = ${scope.teamId}
        WHERE r."byEmail"
        RETURNING 1
      )
      SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(live)})::text AS notified FROM (SELECT 1 FROM created WHERE "inApp" LIMIT 1) shown`,
  ];
}

/** Records `events` on their own, for changes stored without a transaction of their own to join. */
export async function notify(scope: Scope, events: readonly NotificationEvent[]): Promise<void> {
  const writes = notificationWrites(scope, events);
  if (writes.length) await db.$transaction(writes);
}
