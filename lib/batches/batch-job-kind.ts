import type { QualificationRequirementInput } from "@/lib/projects/project-design";

/** The job kind that creates a batch's HITs (lib/batches/batch-job.ts). */
export const BATCH_CREATE_JOB = "batch.create";

/** Per batch, beyond its project version's design. */
export type BatchJobOptions = {
  /** E.g. the exclusion of earlier batches' workers. */
  extraRequirements: QualificationRequirementInput[];
};
