import { z } from "zod";

/**
 * Which HITs of the cache a list, an export or a bulk action is about. One schema for the
 * list's URL search params, the export links and the bulk-action requests. Pure: the browser
 * builds links with it too.
 */
export const HIT_STATUSES = ["Assignable", "Unassignable", "Reviewable", "Reviewing", "Disposed"] as const;
export const HIT_SORTS = ["created", "expires", "title", "reward", "status"] as const;
export const HIT_PAGE_SIZE = 50;

// Empty form fields and search params mean "no filter".
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .optional()
    .transform((v) => v || undefined);

export const HitFilter = z.object({
  batch: optionalText(64),
  project: optionalText(64),
  status: z
    .enum([...HIT_STATUSES, ""])
    .optional()
    .transform((v) => v || undefined),
  annotation: optionalText(200),
  title: optionalText(200),
});
export type HitFilter = Partial<z.output<typeof HitFilter>>;

export const HitListQuery = HitFilter.extend({
  sort: z.enum(HIT_SORTS).catch("created"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type HitListQuery = z.output<typeof HitListQuery>;

/** A filter as URL search params, without the empty ones. */
export function filterParams(filter: Partial<Record<keyof HitListQuery, string | number | undefined>>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== "") params.set(k, String(v));
  return params;
}
