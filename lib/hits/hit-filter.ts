import { z } from "zod";

/**
 * Which HITs of the cache a list, an export or a bulk action is about. One schema for the
 * list's URL search params, the export links and the bulk-action requests. Pure: the browser
 * builds links with it too.
 */
export const HIT_STATUSES = ["Assignable", "Unassignable", "Reviewable", "Reviewing", "Disposed"] as const;
export const HIT_SORTS = ["created", "expires", "title", "reward", "status"] as const;
export const HIT_PAGE_SIZE = 50;
/**
 * Filtered by title, annotation, batch or project, the list counts at most this many matching
 * HITs ("10,000+"): a count of every row costs as much as reading them. The whole list and a
 * status filter read exact totals from the per-status counts instead.
 */
export const HIT_COUNT_CAP = 10_000;

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

/**
 * Where a page of the list starts or ends: the sort column's value and the HIT id of a row, as
 * `value~hitId` (HIT ids hold no "~"). Pages are found by these keys, not by an offset, so a
 * deep page reads only its own rows.
 */
export const HitCursor = z
  .string()
  .max(500)
  .transform((raw, ctx) => {
    const at = raw.lastIndexOf("~");
    if (at < 0 || at === raw.length - 1) {
      ctx.addIssue({ code: "custom", message: "Not a page cursor" });
      return z.NEVER;
    }
    return { value: raw.slice(0, at), hitId: raw.slice(at + 1) };
  });
export type HitCursor = z.output<typeof HitCursor>;
export const hitCursorParam = (cursor: HitCursor) => `${cursor.value}~${cursor.hitId}`;

export const HitListQuery = HitFilter.extend({
  sort: z.enum(HIT_SORTS).catch("created"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  // One of: the page after a row, the page before a row, the last page; none is the first page.
  after: HitCursor.optional().catch(undefined),
  before: HitCursor.optional().catch(undefined),
  last: z
    .literal("1")
    .optional()
    .catch(undefined)
    .transform((v) => v === "1"),
  /** With a cursor: how many matching HITs come before the page, as its link knew (saves counting them). */
  start: z.coerce.number().int().min(0).max(100_000_000).optional().catch(undefined),
});
export type HitListQuery = z.output<typeof HitListQuery>;

/** A filter as URL search params, without the empty ones. */
export function filterParams(filter: Partial<Record<keyof HitListQuery, string | number | undefined>>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== "") params.set(k, String(v));
  return params;
}
