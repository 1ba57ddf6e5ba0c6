import { z } from "zod";

// Inputs for deciding requests and changing scores, single or bulk. Safe to import from client components.

const WorkerId = z
  .string()
  .trim()
  .regex(/^A[A-Z0-9]{11,20}$/, "Not a Worker ID (A followed by capital letters and digits)");
export const QualificationValue = z.number().int().min(-2_147_483_648).max(2_147_483_647);

export const QualificationOp = z.discriminatedUnion("op", [
  z.object({ op: z.literal("accept"), requestId: z.string().min(1), value: QualificationValue }),
  z.object({ op: z.literal("reject"), requestId: z.string().min(1), reason: z.string().trim().max(1024).default("") }),
  z.object({ op: z.literal("grant"), workerId: WorkerId, value: QualificationValue, notify: z.boolean().default(false) }),
  z.object({ op: z.literal("revoke"), workerId: WorkerId, reason: z.string().trim().max(1024).default("") }),
]);
export type QualificationOp = z.output<typeof QualificationOp>;

/** One op runs at once; two or more become a durable job. */
export const QualificationOpsInput = z.object({ ops: z.array(QualificationOp).min(1, "Nothing selected").max(50_000) });

export const ScoreCsvInput = z.object({ csv: z.string().min(1, "The CSV is empty").max(5_000_000), notify: z.boolean().default(false), preview: z.boolean().default(false) });

export const GrantBatchInput = z.object({ batchId: z.string().min(1), value: QualificationValue, notify: z.boolean().default(false), preview: z.boolean().default(false) });

/** "Grant to workers with at least N% agreement": whose work, the threshold, and the fewest comparisons that count. */
export const GrantAgreementInput = z.object({
  source: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("all") }),
    z.object({ kind: z.literal("batch"), batchId: z.string().min(1, "Choose a batch") }),
    z.object({ kind: z.literal("project"), projectId: z.string().min(1, "Choose a project") }),
  ]),
  minPercent: z.number().min(0, "At least 0%").max(100, "At most 100%"),
  /** A worker compared on one assignment is 0% or 100%: too few to judge. */
  minCompared: z.number().int().min(1, "At least 1 compared assignment").max(1_000_000).default(3),
  value: QualificationValue,
  notify: z.boolean().default(false),
  preview: z.boolean().default(false),
});

export { WorkerId };
