import { z } from "zod";

/** Worker-site inputs, shared by its forms and its server actions (account inputs: account-schemas.ts). */

export const FindWorkInput = z.object({
  q: z.string().trim().max(200).optional(),
  sort: z.enum(["newest", "reward", "available", "title"]).default("newest"),
  env: z.enum(["all", "sandbox", "production"]).default("all"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type FindWorkQuery = z.infer<typeof FindWorkInput>;
