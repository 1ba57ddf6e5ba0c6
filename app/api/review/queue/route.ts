import { withTeam } from "@/lib/auth/guard";
import { listReviewQueue } from "@/lib/review/list-review-queue";
import { QueuePageInput } from "@/lib/review/review-inputs";

export const GET = withTeam({ role: "viewer", input: QueuePageInput }, ({ ctx, input: { cursor, limit, ...filter } }) =>
  listReviewQueue({ teamId: ctx.team.id, environment: ctx.environment }, filter, { cursor, limit }),
);
