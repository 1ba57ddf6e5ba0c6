"use client";

import { useActionState } from "react";
import { changePasswordAction, type FormState } from "@/app/worker/actions";
import { Notice, WorkButton, WorkField, WorkInput } from "@/app/worker/_components/ui";

export function ChangePasswordForm({ email }: { email: string }) {
  const [state, action, pending] = useActionState<FormState & { done?: boolean }, FormData>(changePasswordAction, {});
  const err = state.fieldErrors ?? {};
  return (
    <form action={action} className="max-w-md space-y-4" noValidate>
      {state.done && <Notice tone="success">Password changed. Every other browser signed in to your account was signed out.</Notice>}
      <input type="text" name="username" value={email} autoComplete="username" readOnly hidden />
      <WorkField label="Current password" htmlFor="current" error={err.current}>
        <WorkInput id="current" name="current" type="password" autoComplete="current-password" invalid={!!err.current} />
      </WorkField>
      <WorkField label="New password" htmlFor="password" error={err.password}>
        <WorkInput id="password" name="password" type="password" autoComplete="new-password" invalid={!!err.password} />
      </WorkField>
      <WorkField label="Confirm new password" htmlFor="confirm" error={err.confirm}>
        <WorkInput id="confirm" name="confirm" type="password" autoComplete="new-password" invalid={!!err.confirm} />
      </WorkField>
      <WorkButton type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </WorkButton>
    </form>
  );
}
