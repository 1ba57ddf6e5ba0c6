import { listReviewQueue } from "@/lib/review/list-review-queue";
import { QueueFilter } from "@/lib/review/review-inputs";
import type { Scope } from "@/lib/scope";

export interface QueueCase {
  name: string;
  filter: Record<string, string | number>;
  /** Start from the page after this one's first (keyset pagination past the first page). */
  deep?: boolean;
}

export interface QueueFigures {
  p50: number;
  p95: number;
  /** p50 and p95 of each case, to see which filter is slow. */
  byCase: Record<string, { p50: number; p95: number }>;
}

const quantile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10;
};

/**
 * The review queue's server time as /review sees it: `requests` pages of 50 through
 * listReviewQueue (the function the route calls), `concurrency` at once, cycling through the cases.
 */
export async function measureQueue(scope: Scope, cases: QueueCase[], requests = 1_300, concurrency = 10): Promise<QueueFigures> {
  const cursors = new Map<string, string | undefined>();
  for (const c of cases.filter((c) => c.deep)) cursors.set(c.name, (await listReviewQueue(scope, QueueFilter.parse(c.filter), { limit: 50 })).nextCursor ?? undefined);
  const request = (i: number) => {
    const c = cases[i % cases.length]!;
    return listReviewQueue(scope, QueueFilter.parse(c.filter), { limit: 50, cursor: cursors.get(c.name) });
  };
  // Warm at full concurrency: a running server's pool already holds its connections, and opening
  // them on a busy machine would otherwise be most of the measured tail.
  await Promise.all(Array.from({ length: concurrency * 2 }, (_, i) => request(i)));
  const times: { name: string; ms: number }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const t = performance.now();
        await request(i);
        times.push({ name: cases[i % cases.length]!.name, ms: performance.now() - t });
      }
    }),
  );
  const all = times.map((t) => t.ms);
  return {
    p50: quantile(all, 0.5),
    p95: quantile(all, 0.95),
    byCase: Object.fromEntries(
      cases.map((c) => {
        const mine = times.filter((t) => t.name === c.name).map((t) => t.ms);
        return [c.name, { p50: quantile(mine, 0.5), p95: quantile(mine, 0.95) }];
      }),
    ),
  };
}

/** One line per filter: "name  p50 … ms  p95 … ms". */
export const describeCases = (figures: QueueFigures, indent = "") =>
  Object.entries(figures.byCase)
    .map(([name, f]) => `${indent}${name.padEnd(24)} p50 ${String(f.p50).padStart(6)} ms   p95 ${String(f.p95).padStart(6)} ms`)
    .join("\n");

/** Each filter's p95, for the JSON line. */
export const p95ByCase = (figures: QueueFigures) => Object.fromEntries(Object.entries(figures.byCase).map(([name, f]) => [name, f.p95]));
