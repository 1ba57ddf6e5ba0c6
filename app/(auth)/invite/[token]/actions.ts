"use server";

import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/auth";
import { SetPasswordInput } from "@/lib/auth/schemas";
import { currentUser } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { acceptInviteAsNewUser, acceptInviteAsUser } from "@/lib/teams/invites";

export interface AcceptState {
  error?: string;
  fieldErrors?: Record<string, string>;
  /** The name typed, to refill the form after an error (passwords are never echoed). */
  name?: string;
}

export async function acceptAsNewUser(token: string, _prev: AcceptState, form: FormData): Promise<AcceptState> {
  const parsed = SetPasswordInput.safeParse(Object.fromEntries(form));
  const name = typeof form.get("name") === "string" ? (form.get("name") as string) : undefined;
  if (!parsed.success) return { fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])), name };
  let email: string;
  try {
    ({ email } = await acceptInviteAsNewUser(token, parsed.data));
  } catch (e) {
    return { error: e instanceof DomainError ? e.message : "Could not accept the invitation", name };
  }
  await signIn("credentials", { email, password: parsed.data.password, redirectTo: "/" });
  return {};
}

export async function acceptAsSignedInUser(token: string): Promise<AcceptState> {
  const user = await currentUser();
  if (!user) redirect(`/login?next=/invite/${token}`);
  try {
    await acceptInviteAsUser(token, user);
  } catch (e) {
    return { error: e instanceof DomainError ? e.message : "Could not accept the invitation" };
  }
  redirect("/");
}
