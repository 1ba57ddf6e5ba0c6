import { withTeam } from "@/lib/auth/guard";
import { activityCharts } from "@/lib/overview/activity-charts";
import { ActivityChartsInput } from "@/lib/overview/activity-charts-input";

export const GET = withTeam({ role: "viewer", input: ActivityChartsInput }, ({ ctx, input }) => activityCharts({ teamId: ctx.team.id, environment: ctx.environment }, input.days, input.timeZone));
