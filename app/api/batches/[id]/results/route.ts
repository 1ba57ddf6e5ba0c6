import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { batchForExport, csvResponse, resultsCsvStream, resultsFileName, syncBeforeExport } from "@/lib/hits/export-results";

export const GET = withTeam({ role: "viewer", input: z.object({}) }, async ({ ctx, params }) => {
  const scope = { teamId: ctx.team.id, environment: ctx.environment };
  const batch = await batchForExport(scope, String(params.id));
  await syncBeforeExport(scope, { batchId: batch.id });
  return csvResponse(resultsCsvStream(scope, { batch: batch.id }), resultsFileName(`Batch_${batch.name}`));
});
