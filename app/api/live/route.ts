import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { liveStream } from "@/lib/live/live-stream";

const LiveStreamInput = z.object({
  /** When the page read what it shows (ms since the epoch): changes after it are announced at once. */
  since: z.coerce.number().int().nonnegative().optional(),
});

// Every member may watch their team's pages update; the stream carries ids, never data.
export const GET = withTeam({ role: "viewer", input: LiveStreamInput }, ({ ctx, request, input }) => {
  // A reconnecting EventSource says which event it saw last (its id is the time it was sent).
  const lastEventId = Number(request.headers.get("last-event-id"));
  const since = Number.isSafeInteger(lastEventId) && lastEventId > 0 ? lastEventId : input.since;
  return liveStream({ teamId: ctx.team.id, environment: ctx.environment }, request.signal, since);
});
