import { filterParams, type HitFilter } from "@/lib/hits/hit-filter";

/** Where a batch's results CSV downloads from: for "Download results" links on the batch pages. */
export const batchResultsUrl = (batchId: string) => `/api/batches/${encodeURIComponent(batchId)}/results`;

/** The results CSV of every HIT matching a filter of the HITs list. */
export const hitsResultsUrl = (filter: HitFilter) => `/api/hits/results?${filterParams(filter).toString()}`;
