import { recordAudit } from "@/lib/audit";
import { withTeam } from "@/lib/auth/guard";
import { workersCsvStream } from "@/lib/workers/export-workers";
import { WorkersQuery } from "@/lib/workers/workers-query";

export const GET = withTeam({ role: "viewer", input: WorkersQuery }, async ({ ctx, input }) => {
  await recordAudit(ctx, "workers.export", undefined, { ...input });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(workersCsvStream({ teamId: ctx.team.id, environment: ctx.environment }, input), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="workers-${ctx.team.slug}-${day}.csv"`, "cache-control": "no-store" },
  });
});
