"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { NOTIFICATIONS_KEY } from "@/components/shell/use-notifications";
import type { EnvironmentName } from "@/lib/scope";

/** Changes arriving together (several HITs of a burst) refetch once. */
const GATHER_MS = 200;
/** A stream the server refused or ended for good (signed out, restarted) is tried again after this. */
const REOPEN_MS = 10_000;
/** Queries showing the marketplace's work; other queries (settings, jobs) keep their own pace. */
const WORK_QUERY_KEYS = [["review-queue"], ["assignment-review"], ["top-up"]];

/**
 * Keeps open pages current with the team's built-in marketplace: one event stream per tab
 * (/api/live, for the signed-in member's team and environment) says when the cache changed, and
 * the page refetches what shows work. Client data refetches in place, so the review queue keeps
 * its focused row, ticked rows and keyboard focus; Server Component pages re-render with
 * router.refresh(), which keeps client state too. AWS connections push nothing: their pages
 * keep the background sync's pace and show when they were last synced.
 */
export function LiveUpdates({ teamId, environment, renderedAt }: { teamId: string; environment: EnvironmentName; renderedAt: number }) {
  const client = useQueryClient();
  const router = useRouter();
  // The latest render's reading; a re-render (router.refresh) must not reopen the stream.
  const reading = useRef(renderedAt);
  useEffect(() => {
    reading.current = renderedAt;
  });

  useEffect(() => {
    let source: EventSource | undefined;
    let reopen: number | undefined;
    let gathering: number | undefined;
    // What the page shows was read at this time (server clock); each change event moves it on.
    let seen = reading.current;
    const refetch = () => {
      gathering = undefined;
      for (const queryKey of WORK_QUERY_KEYS) void client.invalidateQueries({ queryKey });
      // The review page's data is all client-side; elsewhere, Server Components read the cache.
      if (!window.location.pathname.startsWith("/review")) router.refresh();
    };
    const open = () => {
      source = new EventSource(`/api/live?since=${seen}`);
      source.addEventListener("change", (event) => {
        seen = Number(event.lastEventId) || seen;
        gathering ??= window.setTimeout(refetch, GATHER_MS);
      });
      // A new notification for someone in the team: the bell re-reads the member's own (often nothing new).
      source.addEventListener("notifications", () => void client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }));
      // EventSource reconnects by itself after a dropped connection; after a refused one it gives up.
      source.addEventListener("error", () => {
        if (source?.readyState !== EventSource.CLOSED) return;
        source.close();
        reopen = window.setTimeout(open, REOPEN_MS);
      });
    };
    open();
    return () => {
      source?.close();
      window.clearTimeout(reopen);
      window.clearTimeout(gathering);
    };
    // A new team or environment is a new stream (the server scopes it by the session).
  }, [client, router, teamId, environment]);

  return null;
}
