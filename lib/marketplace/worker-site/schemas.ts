import { z } from "zod";
import { EmailSchema, PasswordInput } from "@/lib/auth/schemas";

/** Worker-site inputs, shared by its forms and its server actions. */

export const WorkerSignUpInput = z
  .object({
    displayName: z.string().trim().min(1, "Enter your name").max(80, "Name is too long"),
    email: EmailSchema,
    password: PasswordInput,
    confirm: z.string(),
    invite: z.string().max(200).optional(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "Passwords do not match" });

export const WorkerSignInInput = z.object({
  email: EmailSchema,
  password: z.string().min(1, "Enter your password").max(200),
});

export const FindWorkInput = z.object({
  q: z.string().trim().max(200).optional(),
  sort: z.enum(["newest", "reward", "available", "title"]).default("newest"),
  env: z.enum(["all", "sandbox", "production"]).default("all"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type FindWorkQuery = z.infer<typeof FindWorkInput>;

export const WorkerInviteInput = z.object({
  label: z.string().trim().max(100, "Label is too long").optional(),
  maxUses: z.coerce.number().int().min(1, "At least 1 use").max(100_000).optional(),
  expiresInDays: z.coerce.number().int().min(1).max(365).optional(),
});
export type WorkerInviteInput = z.infer<typeof WorkerInviteInput>;
