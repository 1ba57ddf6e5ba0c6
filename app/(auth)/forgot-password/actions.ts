"use server";

import { headers } from "next/headers";
import { clientAddress } from "@/lib/auth/client-address";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { ForgotPasswordInput } from "@/lib/auth/schemas";

export interface ForgotState {
  error?: string;
  sentTo?: string;
}

export async function forgotPassword(_prev: ForgotState, form: FormData): Promise<ForgotState> {
  const parsed = ForgotPasswordInput.safeParse({ email: form.get("email") });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Check the form" };
  await requestPasswordReset(parsed.data.email, clientAddress(await headers()));
  return { sentTo: parsed.data.email };
}
