import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

/** Input schemas shared by the auth forms and the server. */

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address").max(254, "Email is too long"));

export const PasswordInput = z
  .string()
  .min(10, "Password must be at least 10 characters")
  .max(200, "Password must be at most 200 characters");

export const LoginInput = z.object({
  email: EmailSchema,
  password: z.string().min(1, "Enter your password").max(200),
});

export const SetPasswordInput = z
  .object({
    name: z.string().trim().min(1, "Enter your name").max(100, "Name is too long"),
    password: PasswordInput,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "Passwords do not match" });

export const SetupInput = z
  .object({
    token: z.string().min(1),
    email: EmailSchema,
    teamName: z.string().trim().min(2, "Team name must be at least 2 characters").max(80, "Team name is too long"),
  })
  .and(SetPasswordInput);

export const InviteInput = z.object({
  email: EmailSchema,
  role: z.enum(ROLES, { message: "Choose a role" }),
});

export const TeamNameInput = z.object({
  name: z.string().trim().min(2, "Team name must be at least 2 characters").max(80, "Team name is too long"),
});
