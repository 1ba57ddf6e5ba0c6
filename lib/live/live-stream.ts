import "server-only";
import { changedSince, onLiveChange, type LiveChange } from "@/lib/live/live-changes";
import type { Scope } from "@/lib/scope";
import { shutdownSignal } from "@/lib/shutdown";

/** Proxies and browsers drop a silent connection after a minute or so; a comment keeps it open. */
const HEARTBEAT_MS = 25_000;
/** How long a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 3_000;

/** What a page is told: the change, minus whose it is (the stream is the team's already). */
export type LiveMessage = Omit<LiveChange, "teamId" | "environment" | "notifications">;

/**
 * A server-sent event stream of one team's changes in one environment: an `event: change` per
 * change published by any instance, its id the time it was sent. It holds no database connection
 * (the process's one listener feeds every stream) and ends when the browser goes away or the
 * server stops. `since` (the page's reading, or the Last-Event-ID of a reconnecting stream):
 * when the cache may have changed after it, the stream starts with a change.
 */
export function liveStream(scope: Scope, requestSignal: AbortSignal, since?: number): Response {
  const encoder = new TextEncoder();
  let end = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      const sendChange = (message: LiveMessage) => send(`id: ${Date.now()}\nevent: change\ndata: ${JSON.stringify(message)}\n\n`);
      const unsubscribe = onLiveChange((change) => {
        if (change.teamId !== scope.teamId || change.environment !== scope.environment) return;
        if (change.notifications) return send("event: notifications\ndata: {}\n\n");
        sendChange({ hitIds: change.hitIds, qualificationRequests: change.qualificationRequests });
      });
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
      end = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        requestSignal.removeEventListener("abort", close);
        shutdownSignal().removeEventListener("abort", close);
      };
      const close = () => {
        const wasOpen = open;
        end();
        if (wasOpen) controller.close();
      };
      requestSignal.addEventListener("abort", close, { once: true });
      shutdownSignal().addEventListener("abort", close, { once: true });
      if (requestSignal.aborted || shutdownSignal().aborted) return close();
      send(`retry: ${RETRY_MS}\n: connected\n\n`);
      // Names no HITs: the page refetches all it shows.
      if (since !== undefined && changedSince(scope, since)) {
        sendChange({ hitIds: [], qualificationRequests: true });
        send("event: notifications\ndata: {}\n\n");
      }
    },
    cancel() {
      end();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: compression would hold events back until a buffer fills.
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
