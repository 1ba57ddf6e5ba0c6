import { z } from "zod";

export const MAX_CSV_BYTES = 20_000_000;

/** A CSV upload against a project version; the same schema checks a preview and a start. */
export const BatchInput = z.object({
  projectId: z.string().min(1),
  version: z.number().int().min(1).optional(),
  name: z.string().trim().min(1, "Name the batch").max(120, "Name is at most 120 characters"),
  csv: z.string().max(MAX_CSV_BYTES, "The file is larger than 20 MB"),
  split: z.boolean().default(false),
  /** Workers of these earlier batches may not see the new one (an exclusion qualification). */
  excludeBatchIds: z.array(z.string().min(1)).max(50).default([]),
  /** Production only: the number of HITs, typed by the requester. */
  confirmation: z.string().trim().max(20).optional(),
});
/** As callers write it (defaults optional); lib functions parse it. */
export type BatchInput = z.input<typeof BatchInput>;
