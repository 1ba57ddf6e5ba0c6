"use server";

import { signIn } from "@/lib/auth/auth";
import { SetupInput } from "@/lib/auth/schemas";
import { completeSetup } from "@/lib/setup/first-run";

export interface FormState {
  error?: string;
  fieldErrors?: Record<string, string>;
}

export async function setup(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = SetupInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return { fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])) };
  }
  try {
    await completeSetup(parsed.data);
  } catch (e) {
    return { error: e instanceof Error ? e.message : "Setup failed" };
  }
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/" });
  return {};
}
