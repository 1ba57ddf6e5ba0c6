"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { RateLimitedLogin, signIn } from "@/lib/auth/auth";
import { LoginInput } from "@/lib/auth/schemas";
import { rateLimitedMessage } from "@/lib/auth/throttled-sign-in";

export interface LoginState {
  error?: string;
  email?: string;
}

export async function login(_prev: LoginState, form: FormData): Promise<LoginState> {
  const raw = { email: form.get("email"), password: form.get("password") };
  const parsed = LoginInput.safeParse(raw);
  const email = typeof raw.email === "string" ? raw.email : "";
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Check the form", email };
  const next = form.get("next");
  const redirectTo = typeof next === "string" && next.startsWith("/") && !next.startsWith("//") ? next : "/";
  try {
    await signIn("credentials", { ...parsed.data, redirectTo });
    return {};
  } catch (e) {
    if (e instanceof RateLimitedLogin) return { error: rateLimitedMessage(e.retryAfterSeconds), email };
    if (e instanceof CredentialsSignin) return { error: "That email and password do not match an account.", email };
    if (e instanceof AuthError) return { error: "Sign-in failed. Try again.", email };
    throw e; // the redirect after success
  }
}
