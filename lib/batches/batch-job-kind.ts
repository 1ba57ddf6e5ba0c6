/** The job kind that creates a batch's HITs (lib/batches/batch-job.ts). */
export const BATCH_CREATE_JOB = "batch.create";
