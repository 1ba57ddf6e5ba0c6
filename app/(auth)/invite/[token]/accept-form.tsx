"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { acceptAsNewUser, acceptAsSignedInUser, type AcceptState } from "./actions";

export function NewUserForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState<AcceptState, FormData>(acceptAsNewUser.bind(null, token), {});
  const err = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error && <Alert tone="error">{state.error}</Alert>}
      <Field label="Email">
        <Input value={email} readOnly disabled />
      </Field>
      <Field label="Your name" error={err.name}>
        <Input name="name" autoComplete="name" autoFocus invalid={!!err.name} defaultValue={state.name} />
      </Field>
      <Field label="Password" error={err.password} hint="At least 10 characters, and not a common password.">
        <Input name="password" type="password" autoComplete="new-password" invalid={!!err.password} />
      </Field>
      <Field label="Confirm password" error={err.confirm}>
        <Input name="confirm" type="password" autoComplete="new-password" invalid={!!err.confirm} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : "Set password and join"}
      </Button>
    </form>
  );
}

export function JoinButton({ token }: { token: string }) {
  const [state, action, pending] = useActionState<AcceptState, FormData>(() => acceptAsSignedInUser(token), {});
  return (
    <form action={action} className="space-y-4">
      {state.error && <Alert tone="error">{state.error}</Alert>}
      <Button type="submit" className="w-full" disabled={pending}>
        Join the team
      </Button>
    </form>
  );
}
