import { describe, expect, it } from "vitest";
import { groupWrites, mapLimited } from "@/lib/sync/sync-context";

describe("groupWrites", () => {
  it("writes what arrives during a write in the next one, and settles each caller with its own write", async () => {
    const batches: number[][] = [];
    const write = groupWrites(async (items: number[]) => {
      batches.push(items);
      await new Promise((r) => setTimeout(r, 10));
      if (items.includes(3)) throw new Error("write failed");
    });
    const settled = await Promise.allSettled([1, 2, 3, 4].map((n) => write(n)));
    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "rejected", "rejected"]);
    await write(5);
    expect(batches.at(-1)).toEqual([5]);
  });
});

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
