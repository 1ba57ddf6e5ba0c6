import { withTeam } from "@/lib/auth/guard";
import { markNotificationsRead } from "@/lib/notifications/member-notifications";
import { MarkNotificationsReadInput } from "@/lib/notifications/notification-types";

export const POST = withTeam({ role: "viewer", input: MarkNotificationsReadInput }, ({ ctx, input }) => markNotificationsRead(ctx, input));
