import { withTeam } from "@/lib/auth/guard";
import { csvResponse, resultsCsvStream, resultsFileName } from "@/lib/hits/export-results";
import { HitFilter } from "@/lib/hits/hit-filter";

export const GET = withTeam({ role: "viewer", input: HitFilter }, async ({ ctx, input }) =>
  csvResponse(resultsCsvStream({ teamId: ctx.team.id, environment: ctx.environment }, input), resultsFileName(`HITs_${new Date().toISOString().slice(0, 10)}`)),
);
