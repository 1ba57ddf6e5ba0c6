import { z } from "zod";
import { text } from "@/lib/http/control-characters";
import { weakPasswordReason } from "@/lib/auth/password-strength";
import { ROLES } from "@/lib/auth/roles";

/** Input schemas shared by the auth forms and the server. */

export const EmailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address").max(254, "Email is too long"));

/** A new password, for team members and workers alike: long enough and not a common one. */
export const PasswordInput = z
  .string()
  .min(10, "Password must be at least 10 characters")
  .max(200, "Password must be at most 200 characters")
  .superRefine((password, ctx) => {
    if (password.length < 10 || password.length > 200) return; // the length message says enough
    const reason = weakPasswordReason(password);
    if (reason) ctx.addIssue({ code: "custom", message: reason });
  });

export const LoginInput = z.object({
  email: EmailSchema,
  password: z.string().min(1, "Enter your password").max(200),
});

/** The form's "Confirm password" must repeat the password. */
export function confirmed<S extends z.ZodType<{ password: string; confirm: string }>>(schema: S): S {
  return schema.refine((v) => v.password === v.confirm, { path: ["confirm"], message: "Passwords do not match" });
}

/** A new login's name and password (invitation, first owner). */
export const SetPasswordInput = confirmed(
  z.object({
    name: text().trim().min(1, "Enter your name").max(100, "Name is too long"),
    password: PasswordInput,
    confirm: z.string(),
  }),
);

/** A new password from a one-time reset link. */
export const ResetPasswordInput = confirmed(z.object({ password: PasswordInput, confirm: z.string() }));

/** A signed-in person (team member or worker) changing their password. */
export const ChangePasswordInput = confirmed(
  z.object({
    current: z.string().min(1, "Enter your current password").max(200),
    password: PasswordInput,
    confirm: z.string(),
  }),
).refine((v) => v.current !== v.password, { path: ["password"], message: "Choose a password different from the current one" });

export const ForgotPasswordInput = z.object({ email: EmailSchema });

export const SetupInput = z
  .object({
    token: z.string().min(1),
    email: EmailSchema,
    teamName: text().trim().min(2, "Team name must be at least 2 characters").max(80, "Team name is too long"),
  })
  .and(SetPasswordInput);

export const InviteInput = z.object({
  email: EmailSchema,
  role: z.enum(ROLES, { message: "Choose a role" }),
});

export const TeamNameInput = z.object({
  name: text().trim().min(2, "Team name must be at least 2 characters").max(80, "Team name is too long"),
});
