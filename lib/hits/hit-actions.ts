import { z } from "zod";
import { HitFilter } from "@/lib/hits/hit-filter";

/**
 * What can be done to HITs, one at a time or in bulk: one schema for the dialogs and the
 * server. Pure. Every action is safe to repeat: assignments carry a UniqueRequestToken,
 * extensions name an absolute time, and a HIT already deleted counts as deleted.
 */
const Reward = z
  .string()
  .trim()
  .regex(/^\d{1,4}(\.\d{1,2})?$/, "Reward: dollars with at most two decimals, e.g. 0.25");

export const HitAction = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("addAssignments"), count: z.number().int().min(1, "Add at least 1 assignment").max(1000, "At most 1,000 at once") }),
  /** Moves the expiration to `hours` from now (never earlier than it already is). */
  z.object({ kind: z.literal("extend"), hours: z.number().min(0.1, "At least 0.1 hours").max(8760, "At most a year (8,760 hours)") }),
  z.object({ kind: z.literal("expire") }),
  z
    .object({
      kind: z.literal("changeType"),
      title: z.string().trim().max(128, "Title is at most 128 characters").optional(),
      description: z.string().trim().max(2000, "Description is at most 2,000 characters").optional(),
      reward: Reward.optional(),
      keywords: z.string().trim().max(1000).optional(),
    })
    .refine((a) => a.title || a.description || a.reward || a.keywords !== undefined, "Change at least one of title, description, reward or keywords"),
  z.object({ kind: z.literal("delete") }),
]);
export type HitAction = z.infer<typeof HitAction>;

export const HIT_ACTION_LABELS: Record<HitAction["kind"], string> = {
  addAssignments: "Add assignments",
  extend: "Extend",
  expire: "Expire now",
  changeType: "Change HIT type",
  delete: "Delete",
};

/** One HIT, acted on at once. `requestId` is made once per dialog, so a double click adds assignments once. */
export const SingleHitActionInput = z.object({
  action: HitAction,
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,40}$/)
    .optional(),
});

/** Selected HITs, or every HIT matching a filter: a durable job. */
export const BulkHitActionInput = z
  .object({ action: HitAction, hitIds: z.array(z.string().min(1).max(64)).max(50_000).optional(), filter: HitFilter.optional() })
  .refine((i) => (i.hitIds?.length ?? 0) > 0 || i.filter !== undefined, "Select HITs or send a filter");
export type BulkHitActionInput = z.input<typeof BulkHitActionInput>;
