import { describe, expect, it } from "vitest";
import { writeBehind } from "@/lib/sync/sync-context";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("writeBehind", () => {
  it("writes what arrives during a write in the next one, letting producers run ahead by the backlog", async () => {
    const groups: number[][] = [];
    const store = writeBehind(async (items: number[]) => {
      groups.push(items);
      await tick(20);
    }, 3);
    // The first item's write starts at once; two more queue behind it without waiting.
    await store.add(1);
    await store.add(2);
    await store.add(3);
    expect(groups).toEqual([[1]]);
    // The backlog is full: this producer waits until the queued items' write begins.
    let fourthQueued = false;
    const fourth = store.add(4).then(() => (fourthQueued = true));
    await tick(5);
    expect(fourthQueued).toBe(false);
    await fourth;
    expect(groups).toEqual([[1], [2, 3, 4]]);
    await store.flush();
    expect(groups).toEqual([[1], [2, 3, 4]]);
  });

  it("after a failed write writes nothing more and throws that failure to every later call", async () => {
    const groups: number[][] = [];
    const store = writeBehind(async (items: number[]) => {
      groups.push(items);
      await tick(10);
      if (items.includes(2)) throw new Error("write failed");
    }, 10);
    await store.add(1);
    await store.add(2);
    await store.add(3);
    await expect(store.flush()).rejects.toThrow("write failed");
    expect(groups).toEqual([[1], [2, 3]]);
    await expect(store.add(4)).rejects.toThrow("write failed");
    await tick(20);
    expect(groups).toEqual([[1], [2, 3]]);
  });
});
