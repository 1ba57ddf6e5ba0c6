import { z } from "zod";

/**
 * The review inputs, shared by the forms in app/(dashboard)/review and the route handlers.
 * Safe to import from client components.
 */

const AssignmentId = z.string().trim().min(1).max(64);
const Feedback = z.string().trim().max(1024, "Feedback is at most 1,024 characters");

/** The queue's filters, as URL search params, so a view can be shared and reloaded. */
export const QueueFilter = z.object({
  hitId: z.string().trim().max(64).optional(),
  /** HIT type id, or words of the title. */
  hit: z.string().trim().max(200).optional(),
  workerId: z.string().trim().max(64).optional(),
  /** Submitted at least this many hours ago. */
  olderThanHours: z.coerce
    .number()
    .min(0)
    .max(24 * 365)
    .optional(),
  /** Auto-approved within this many hours. */
  dueWithinHours: z.coerce
    .number()
    .min(0)
    .max(24 * 365)
    .optional(),
  answer: z.string().trim().max(200).optional(),
  batch: z.string().trim().max(64).optional(),
  project: z.string().trim().max(64).optional(),
  group: z.enum(["none", "hit", "worker"]).default("none"),
});
export type QueueFilter = z.infer<typeof QueueFilter>;

/** Assignments per page of the review queue, as the client asks for them (no `limit` given). */
export const QUEUE_PAGE_SIZE = 50;

export const QueuePageInput = QueueFilter.extend({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(QUEUE_PAGE_SIZE),
});

/** The assignments to act on: listed, or every submitted one matching a filter. */
const Selection = z.union([z.object({ assignmentIds: z.array(AssignmentId).min(1, "Select at least one assignment").max(10_000) }), z.object({ filter: QueueFilter })]);

export const DecideInput = z
  .object({
    action: z.enum(["approve", "reject", "override"]),
    feedback: Feedback.optional(),
    /** Bulk rejections are confirmed once the reviewer has seen who they affect. */
    confirmedImpact: z.boolean().optional(),
  })
  .and(Selection)
  .refine((v) => v.action !== "reject" || (v.feedback ?? "").length > 0, { message: "A rejection needs feedback for the worker", path: ["feedback"] });
export type DecideInput = z.infer<typeof DecideInput>;

export const DecisionIdsInput = z.object({ decisionIds: z.array(z.string().min(1).max(64)).min(1).max(10_000) });

/** Dollars as typed ("0.50"), to integer cents. */
export const BonusAmount = z
  .string()
  .trim()
  .regex(/^\d{1,4}(\.\d{1,2})?$/, "Enter an amount like 0.50")
  .transform((s) => Math.round(Number(s) * 100))
  .refine((c) => c >= 1, "A bonus is at least $0.01");

export const BonusInput = z
  .object({
    amount: BonusAmount,
    reason: z.string().trim().min(1, "Say why the worker gets the bonus").max(1024, "The reason is at most 1,024 characters"),
    /** Made once per form opening: a double click or a resend carries the same key. */
    requestKey: z.string().min(8).max(64),
    preview: z.boolean().optional(),
  })
  .and(z.object({ assignmentIds: z.array(AssignmentId).min(1, "Select at least one assignment").max(10_000) }));
export type BonusInput = z.infer<typeof BonusInput>;

export const CsvUploadInput = z.object({
  csv: z.string().min(1, "The file is empty").max(20_000_000, "The file is larger than 20 MB"),
  fileName: z.string().max(200).optional(),
  preview: z.boolean().optional(),
});

export const ReviewSettingsInput = z
  .object({
    undoWindowSeconds: z.number().int().min(0, "At least 0 seconds").max(600, "At most 10 minutes").optional(),
    confirmProductionRejections: z.boolean().optional(),
  })
  .refine((v) => v.undoWindowSeconds !== undefined || v.confirmProductionRejections !== undefined, "Change a setting");

export const FeedbackTemplateInput = z.object({
  label: z.string().trim().min(1, "Give the template a name").max(60),
  text: Feedback.min(1, "Write the feedback"),
});
