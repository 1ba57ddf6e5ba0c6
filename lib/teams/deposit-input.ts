import { z } from "zod";

export const DepositInput = z.object({
  amount: z
    .string()
    .trim()
    .regex(/^\d{1,7}(\.\d{1,2})?$/, "Amount: dollars with at most two decimals, e.g. 250.00")
    .refine((v) => Number(v) > 0, "Amount must be more than $0.00"),
  note: z.string().trim().max(200, "Note is at most 200 characters").optional(),
});
export type DepositInput = z.infer<typeof DepositInput>;
