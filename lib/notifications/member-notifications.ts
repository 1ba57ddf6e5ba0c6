import "server-only";
import type { TeamContext } from "@/lib/auth/session";
import { db } from "@/lib/db";
import {
  DEFAULT_PREFERENCE,
  notificationTypesFor,
  type MarkNotificationsReadInput,
  type NotificationList,
  type NotificationPreference,
  type NotificationPreferencesInput,
} from "@/lib/notifications/notification-types";

/** How many the bell's panel lists: the most recent ones. */
const LISTED = 20;

type Member = Pick<TeamContext, "user" | "team" | "environment">;

/** Whose notifications: the signed-in member's, in the active team and environment, shown in the bell. */
const mine = (ctx: Member) => ({ userId: ctx.user.id, teamId: ctx.team.id, environment: ctx.environment, inApp: true });

/** The list with when it was read, for the layout to hand the bell as its first reading. */
export async function notificationsReading(ctx: Member): Promise<{ list: NotificationList; readAt: number }> {
  const readAt = Date.now();
  return { list: await listNotifications(ctx), readAt };
}

export async function listNotifications(ctx: Member): Promise<NotificationList> {
  const [unread, rows] = await Promise.all([
    db.notification.count({ where: { ...mine(ctx), readAt: null } }),
    db.notification.findMany({
      where: mine(ctx),
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: LISTED,
      select: { id: true, type: true, title: true, body: true, href: true, createdAt: true, readAt: true },
    }),
  ]);
  return { unread, notifications: rows.map(({ readAt, createdAt, ...n }) => ({ ...n, createdAt: createdAt.toISOString(), read: readAt !== null })) };
}

/** Marks the member's own notifications read (others' ids match nothing); returns how many changed. */
export async function markNotificationsRead(ctx: Member, input: MarkNotificationsReadInput): Promise<{ marked: number }> {
  const { count } = await db.notification.updateMany({
    where: { ...mine(ctx), readAt: null, ...("ids" in input ? { id: { in: input.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { marked: count };
}

/** The member's choice for every type their role receives, the defaults where none is saved. */
export async function notificationPreferences(ctx: Pick<TeamContext, "user" | "team" | "role">): Promise<NotificationPreference[]> {
  const saved = new Map((await db.notificationPreference.findMany({ where: { userId: ctx.user.id, teamId: ctx.team.id }, select: { type: true, inApp: true, email: true } })).map((p) => [p.type, p]));
  return notificationTypesFor(ctx.role).map((t) => {
    const p = saved.get(t.type);
    return { type: t.type, inApp: p?.inApp ?? DEFAULT_PREFERENCE.inApp, email: p?.email ?? DEFAULT_PREFERENCE.email };
  });
}

/** Saves the member's choices; types their role does not receive are ignored. */
export async function saveNotificationPreferences(ctx: Pick<TeamContext, "user" | "team" | "role">, input: NotificationPreferencesInput): Promise<NotificationPreference[]> {
  const allowed = new Set(notificationTypesFor(ctx.role).map((t) => t.type));
  const userId = ctx.user.id;
  const teamId = ctx.team.id;
  await db.$transaction(
    input.preferences
      .filter((p) => allowed.has(p.type))
      .map((p) =>
        db.notificationPreference.upsert({
          where: { userId_teamId_type: { userId, teamId, type: p.type } },
          create: { userId, teamId, type: p.type, inApp: p.inApp, email: p.email },
          update: { inApp: p.inApp, email: p.email },
        }),
      ),
  );
  return notificationPreferences(ctx);
}
