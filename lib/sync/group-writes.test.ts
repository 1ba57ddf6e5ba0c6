import { describe, expect, it } from "vitest";
import { groupWrites } from "@/lib/sync/sync-context";

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
