import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { notificationPreferences, saveNotificationPreferences } from "@/lib/notifications/member-notifications";
import { NotificationPreferencesInput } from "@/lib/notifications/notification-types";

export const GET = withTeam({ role: "viewer", input: z.object({}) }, ({ ctx }) => notificationPreferences(ctx));
export const PUT = withTeam({ role: "viewer", input: NotificationPreferencesInput }, ({ ctx, input }) => saveNotificationPreferences(ctx, input));
