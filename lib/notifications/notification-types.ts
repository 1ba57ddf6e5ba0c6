import { z } from "zod";
import { hasRole, type Role } from "@/lib/auth/roles";

/**
 * What a member can be notified of, in the bell and by e-mail. `role`: the weakest role that
 * receives it. Outcomes anyone may want to know (a batch is live) go to every member; what
 * needs acting on goes to the roles that can act (reviewers decide work, admins decide
 * qualification requests and fund the account). Safe to import from client components.
 */
export const NOTIFICATION_TYPES = [
  { type: "BatchFinished", label: "A batch is live", description: "Every HIT of a batch was created.", role: "viewer" },
  { type: "BatchFailed", label: "A batch failed", description: "Some HITs of a batch could not be created.", role: "viewer" },
  { type: "BulkJobFinished", label: "A bulk job you started finished", description: "Bulk approvals, rejections, bonuses and HIT actions.", role: "viewer" },
  { type: "AutoApproveSoon", label: "Work approves on its own soon", description: "Submitted assignments nobody reviewed that MTurk approves within 6 hours.", role: "reviewer" },
  { type: "QualificationRequested", label: "A worker requested a qualification", description: "A request waits in a qualification's inbox.", role: "admin" },
  { type: "BalanceLow", label: "Production balance is low", description: "The balance dropped below what running batches may still cost.", role: "admin" },
] as const satisfies readonly { type: string; label: string; description: string; role: Role }[];

export type NotificationType = (typeof NOTIFICATION_TYPES)[number]["type"];

export const NOTIFICATION_TYPE_NAMES = NOTIFICATION_TYPES.map((t) => t.type) as [NotificationType, ...NotificationType[]];

/** The types a member with `role` receives, in display order. */
export function notificationTypesFor(role: Role) {
  return NOTIFICATION_TYPES.filter((t) => hasRole(role, t.role));
}

/** With no choice saved: in the bell, not by e-mail (nobody gets mail they did not ask for). */
export const DEFAULT_PREFERENCE = { inApp: true, email: false } as const;

export const NotificationPreference = z.object({ type: z.enum(NOTIFICATION_TYPE_NAMES), inApp: z.boolean(), email: z.boolean() });
export type NotificationPreference = z.infer<typeof NotificationPreference>;

/** Settings → Notifications: the member's choice for each event type shown, one row per type. */
export const NotificationPreferencesInput = z.object({
  preferences: z
    .array(NotificationPreference)
    .max(NOTIFICATION_TYPES.length)
    .refine((list) => new Set(list.map((p) => p.type)).size === list.length, "Each event type at most once"),
});
export type NotificationPreferencesInput = z.infer<typeof NotificationPreferencesInput>;

/** Marking read: these notifications, or every one of the member's (`all`). */
export const MarkNotificationsReadInput = z.union([z.object({ ids: z.array(z.string().min(1).max(40)).min(1).max(100) }), z.object({ all: z.literal(true) })]);
export type MarkNotificationsReadInput = z.infer<typeof MarkNotificationsReadInput>;

/** One notification as the bell shows it. */
export interface NotificationView {
  id: string;
  type: string;
  title: string;
  body: string;
  href: string;
  createdAt: string;
  read: boolean;
}

export interface NotificationList {
  unread: number;
  notifications: NotificationView[];
}
