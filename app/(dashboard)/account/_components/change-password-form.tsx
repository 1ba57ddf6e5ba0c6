"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { changePasswordAction, type ChangePasswordState } from "../actions";

export function ChangePasswordForm({ email }: { email: string }) {
  const [state, action, pending] = useActionState<ChangePasswordState, FormData>(changePasswordAction, {});
  const err = state.fieldErrors ?? {};
  return (
    <form action={action} className="max-w-md space-y-4" noValidate>
      {state.done && <Alert tone="success">Password changed. Every other browser signed in as you was signed out.</Alert>}
      <input type="text" name="username" value={email} autoComplete="username" readOnly hidden />
      <Field label="Current password" error={err.current}>
        <Input name="current" type="password" autoComplete="current-password" invalid={!!err.current} />
      </Field>
      <Field label="New password" error={err.password} hint="At least 10 characters, and not a common password.">
        <Input name="password" type="password" autoComplete="new-password" invalid={!!err.password} />
      </Field>
      <Field label="Confirm new password" error={err.confirm}>
        <Input name="confirm" type="password" autoComplete="new-password" invalid={!!err.confirm} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
