import { z } from "zod";

// The workers page's URL search params, shared by the page, its filters and the CSV export.

export const WORKER_SORTS = ["lastSeen", "firstSeen", "submitted", "approvalRate", "earnings", "bonuses", "medianTime", "hourly", "workerId"] as const;
export type WorkerSort = (typeof WORKER_SORTS)[number];

export const WorkersQuery = z.object({
  q: z.string().trim().max(40).default(""),
  sort: z.enum(WORKER_SORTS).default("lastSeen"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  blocked: z.enum(["all", "blocked", "unblocked"]).default("all"),
  minSubmitted: z.coerce.number().int().min(0).default(0),
  page: z.coerce.number().int().min(1).default(1),
});
export type WorkersQuery = z.output<typeof WorkersQuery>;

export function workersQueryParams(q: Partial<WorkersQuery>): URLSearchParams {
  const p = new URLSearchParams();
  if (q.q) p.set("q", q.q);
  if (q.sort && q.sort !== "lastSeen") p.set("sort", q.sort);
  if (q.dir && q.dir !== "desc") p.set("dir", q.dir);
  if (q.blocked && q.blocked !== "all") p.set("blocked", q.blocked);
  if (q.minSubmitted) p.set("minSubmitted", String(q.minSubmitted));
  if (q.page && q.page > 1) p.set("page", String(q.page));
  return p;
}
