"use server";

import { signIn } from "@/lib/auth/auth";
import { SetupInput } from "@/lib/auth/schemas";
import { completeSetup } from "@/lib/setup/first-run";

export interface FormState {
  error?: string;
  fieldErrors?: Record<string, string>;
  /** What was typed (never the passwords), to refill the form after an error. */
  values?: { name?: string; email?: string; teamName?: string };
}

function typed(form: FormData): FormState["values"] {
  const text = (k: string) => (typeof form.get(k) === "string" ? (form.get(k) as string) : undefined);
  return { name: text("name"), email: text("email"), teamName: text("teamName") };
}

export async function setup(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = SetupInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return { fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])), values: typed(form) };
  }
  try {
    await completeSetup(parsed.data);
  } catch (e) {
    return { error: e instanceof Error ? e.message : "Setup failed", values: typed(form) };
  }
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/" });
  return {};
}
