import { z } from "zod";
import { text } from "@/lib/http/control-characters";
import { confirmed, EmailSchema, PasswordInput } from "@/lib/auth/schemas";

/**
 * Worker account inputs, shared by the worker site's forms and server actions. Apart from the
 * other worker-site schemas because the password rules carry zxcvbn's word lists, which must
 * stay out of client bundles.
 */

export const WorkerSignUpInput = confirmed(
  z.object({
    displayName: text().trim().min(1, "Enter your name").max(80, "Name is too long"),
    email: EmailSchema,
    password: PasswordInput,
    confirm: z.string(),
    invite: text().max(200).optional(),
  }),
);

export const WorkerSignInInput = z.object({
  email: EmailSchema,
  password: z.string().min(1, "Enter your password").max(200),
});
