"use server";

import { redirect } from "next/navigation";
import { resetPassword } from "@/lib/auth/reset-password";
import { ResetPasswordInput } from "@/lib/auth/schemas";
import { DomainError } from "@/lib/errors";

export interface ResetState {
  error?: string;
  fieldErrors?: Record<string, string>;
}

export async function resetPasswordAction(token: string, _prev: ResetState, form: FormData): Promise<ResetState> {
  const parsed = ResetPasswordInput.safeParse({ password: form.get("password"), confirm: form.get("confirm") });
  if (!parsed.success) return { fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])) };
  try {
    await resetPassword(token, parsed.data);
  } catch (e) {
    if (e instanceof DomainError) return { error: e.message };
    throw e;
  }
  redirect("/login?notice=password-reset");
}
