import { withTeam } from "@/lib/auth/guard";
import { ActivityChartsInput, activityCharts } from "@/lib/overview/activity-charts";

export const GET = withTeam({ role: "viewer", input: ActivityChartsInput }, ({ ctx, input }) => activityCharts({ teamId: ctx.team.id, environment: ctx.environment }, input.days, input.timeZone));
