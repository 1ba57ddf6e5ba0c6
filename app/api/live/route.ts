import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { liveStream } from "@/lib/live/live-stream";

// Every member may watch their team's pages update; the stream carries ids, never data.
export const GET = withTeam({ role: "viewer", input: z.object({}) }, ({ ctx, request }) => liveStream({ teamId: ctx.team.id, environment: ctx.environment }, request.signal));
