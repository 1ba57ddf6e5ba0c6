"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { setup, type FormState } from "./actions";

export function SetupForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setup, {});
  const err = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error && <Alert tone="error">{state.error}</Alert>}
      <input type="hidden" name="token" value={token} />
      <Field label="Your name" error={err.name}>
        <Input name="name" autoComplete="name" required autoFocus invalid={!!err.name} defaultValue={state.values?.name} />
      </Field>
      <Field label="Email" error={err.email}>
        <Input name="email" type="email" autoComplete="email" required invalid={!!err.email} defaultValue={state.values?.email} />
      </Field>
      <Field label="Team name" error={err.teamName} hint="The requester account your team shares. You can rename it later.">
        <Input name="teamName" required invalid={!!err.teamName} defaultValue={state.values?.teamName} />
      </Field>
      <Field label="Password" error={err.password} hint="At least 10 characters, and not a common password.">
        <Input name="password" type="password" autoComplete="new-password" required invalid={!!err.password} />
      </Field>
      <Field label="Confirm password" error={err.confirm}>
        <Input name="confirm" type="password" autoComplete="new-password" required invalid={!!err.confirm} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating…" : "Create owner account"}
      </Button>
    </form>
  );
}
