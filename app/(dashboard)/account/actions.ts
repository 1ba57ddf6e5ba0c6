"use server";

import { redirect } from "next/navigation";
import { signOut } from "@/lib/auth/auth";
import { changePassword } from "@/lib/auth/change-password";
import { ChangePasswordInput } from "@/lib/auth/schemas";
import { currentSession } from "@/lib/auth/session";
import { endUserSessions } from "@/lib/auth/user-sessions";

export interface ChangePasswordState {
  fieldErrors?: Record<string, string>;
  done?: boolean;
}

export async function changePasswordAction(_prev: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  const session = await currentSession();
  if (!session) redirect("/login?next=/account");
  const parsed = ChangePasswordInput.safeParse({ current: form.get("current"), password: form.get("password"), confirm: form.get("confirm") });
  if (!parsed.success) return { fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])) };
  const wrongCurrent = await changePassword(session.user, session.sessionId, parsed.data);
  return wrongCurrent ? { fieldErrors: { current: wrongCurrent } } : { done: true };
}

export async function signOutEverywhereAction(): Promise<void> {
  const session = await currentSession();
  if (!session) redirect("/login");
  await endUserSessions(session.user.id);
  await signOut({ redirectTo: "/login?notice=signed-out-everywhere" });
}
