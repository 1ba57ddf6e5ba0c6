import { withTeam } from "@/lib/auth/guard";
import { csvResponse, resultsCsvStream, resultsFileName, syncBeforeExport } from "@/lib/hits/export-results";
import { HitFilter } from "@/lib/hits/hit-filter";

export const GET = withTeam({ role: "viewer", input: HitFilter }, async ({ ctx, input }) => {
  const scope = { teamId: ctx.team.id, environment: ctx.environment };
  await syncBeforeExport(scope, { filter: input });
  return csvResponse(resultsCsvStream(scope, input), resultsFileName(`HITs_${new Date().toISOString().slice(0, 10)}`));
});
