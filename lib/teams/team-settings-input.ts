import { z } from "zod";

export const TeamSettingsInput = z
  .object({
    name: z.string().trim().min(2, "Team name must be at least 2 characters").max(80, "Team name is too long").optional(),
    reviewerBonusLimitCents: z.number().int("Bonus limit must be whole cents").min(0, "Bonus limit cannot be negative").max(100_000, "Bonus limit is at most $1,000.00").optional(),
  })
  .refine((v) => v.name !== undefined || v.reviewerBonusLimitCents !== undefined, "Change the name or the bonus limit");
