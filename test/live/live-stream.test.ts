import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { onLiveChange, publishLiveChange } from "@/lib/live/live-changes";
import { liveStream } from "@/lib/live/live-stream";

/**
 * A page is rendered, then its stream opens: a change in between must not wait for the next
 * poll. The stream opened with the page's reading time (`since`) starts with a change when the
 * cache may have changed after it, and says nothing when it has not.
 */

const scope = () => ({ teamId: `team-${randomBytes(4).toString("hex")}`, environment: "sandbox" as const });

/** What the stream sends at once when opened, then closes it. */
async function firstMessages(s: ReturnType<typeof scope>, since?: number): Promise<string> {
  const abort = new AbortController();
  const reader = liveStream(s, abort.signal, since).body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  // Everything sent on opening is queued at once; a read still pending after a moment means no more.
  for (;;) {
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 300))]);
    if (!chunk || chunk.done) break;
    text += decoder.decode(chunk.value);
  }
  abort.abort();
  return text;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the live stream's catch-up on opening", { timeout: 30_000 }, () => {
  it("announces a change made after the page's reading, and nothing otherwise", async () => {
    const quiet = scope();
    // Before this process listened it cannot know what happened: it says the page may be stale.
    expect(await firstMessages(quiet, Date.now() - 60_000)).toContain("event: change");
    // Without a reading (an old page), nothing is announced.
    expect(await firstMessages(quiet)).not.toContain("event: change");
    // Listening for longer than the clocks' margin, with nothing heard for this team: nothing.
    await pause(2_100);
    const renderedAt = Date.now();
    expect(await firstMessages(quiet, renderedAt)).not.toContain("event: change");

    // A change for the team after the page's reading, heard by this process.
    const changed = scope();
    const heard = new Promise<void>((resolve) => {
      const stop = onLiveChange((c) => {
        if (c.teamId !== changed.teamId) return;
        stop();
        resolve();
      });
    });
    await publishLiveChange({ ...changed, hitIds: ["H1"], qualificationRequests: false });
    await heard;
    const opened = await firstMessages(changed, renderedAt);
    expect(opened).toMatch(/id: \d+\nevent: change\ndata: \{"hitIds":\[\],"qualificationRequests":true\}/);
    // Another team's change is not this one's; a reading after the change (past the margin) is current.
    expect(await firstMessages(quiet, renderedAt)).not.toContain("event: change");
    await pause(2_100);
    expect(await firstMessages(changed, Date.now())).not.toContain("event: change");
  });
});
