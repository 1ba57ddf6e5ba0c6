/**
 * Gathers items per key and hands each key's batch to `flush` once the key has been quiet for
 * `quietMs`, or `maxWaitMs` after its first item at the latest (a steady stream still flushes).
 * One flush per key at a time: items arriving meanwhile wait for the next one.
 */
export class Coalescer<T> {
  private readonly pending = new Map<string, { items: T[]; firstAt: number; timer?: NodeJS.Timeout }>();
  private readonly flushing = new Set<string>();

  constructor(private readonly options: { quietMs: number; maxWaitMs: number; flush: (key: string, items: T[]) => Promise<void> }) {}

  add(key: string, item: T): void {
    let entry = this.pending.get(key);
    if (!entry) {
      entry = { items: [], firstAt: Date.now() };
      this.pending.set(key, entry);
    }
    entry.items.push(item);
    this.schedule(key);
  }

  private schedule(key: string): void {
    const entry = this.pending.get(key);
    if (!entry || this.flushing.has(key)) return;
    clearTimeout(entry.timer);
    const delay = Math.max(0, Math.min(this.options.quietMs, entry.firstAt + this.options.maxWaitMs - Date.now()));
    entry.timer = setTimeout(() => void this.flush(key), delay);
    entry.timer.unref?.();
  }

  private async flush(key: string): Promise<void> {
    const entry = this.pending.get(key);
    if (!entry) return;
    this.pending.delete(key);
    this.flushing.add(key);
    try {
      await this.options.flush(key, entry.items);
    } catch (e) {
      console.error(`[live] refreshing ${key} failed`, e);
    } finally {
      this.flushing.delete(key);
      this.schedule(key);
    }
  }
}
