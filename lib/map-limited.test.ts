import { describe, expect, it } from "vitest";
import { mapLimited } from "@/lib/map-limited";

describe("mapLimited", () => {
  it("starts nothing after a failure and throws it once the items in flight have finished", async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const run = mapLimited([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      await new Promise((r) => setTimeout(r, n === 2 ? 30 : 5));
      if (n === 1) throw new Error("item 1 failed");
      finished.push(n);
    });
    await expect(run).rejects.toThrow("item 1 failed");
    // Item 2 was in flight when item 1 failed: it finished before the failure was thrown.
    expect(started).toEqual([1, 2]);
    expect(finished).toEqual([2]);
  });
});
