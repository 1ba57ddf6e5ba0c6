import { z } from "zod";

export const TeamSettingsInput = z
  .object({
    name: z.string().trim().min(2, "Team name must be at least 2 characters").max(80, "Team name is too long").optional(),
    reviewerBonusLimitCents: z.number().int("Bonus limit must be whole cents").min(0, "Bonus limit cannot be negative").max(100_000, "Bonus limit is at most $1,000.00").optional(),
    /** Null clears it. */
    minimumHourlyCents: z
      .number()
      .int("Minimum hourly rate must be whole cents")
      .min(1, "Minimum hourly rate must be at least $0.01")
      .max(100_000, "Minimum hourly rate is at most $1,000.00")
      .nullable()
      .optional(),
  })
  .refine((v) => v.name !== undefined || v.reviewerBonusLimitCents !== undefined || v.minimumHourlyCents !== undefined, "Change the name, the bonus limit or the minimum hourly rate");
