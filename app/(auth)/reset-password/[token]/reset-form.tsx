"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { resetPasswordAction, type ResetState } from "./actions";

export function ResetForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState<ResetState, FormData>(resetPasswordAction.bind(null, token), {});
  const err = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error && <Alert tone="error">{state.error}</Alert>}
      <input type="text" name="username" value={email} autoComplete="username" readOnly hidden />
      <Field label="New password" error={err.password} hint="At least 10 characters, and not a common password.">
        <Input name="password" type="password" autoComplete="new-password" autoFocus invalid={!!err.password} />
      </Field>
      <Field label="Confirm new password" error={err.confirm}>
        <Input name="confirm" type="password" autoComplete="new-password" invalid={!!err.confirm} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
