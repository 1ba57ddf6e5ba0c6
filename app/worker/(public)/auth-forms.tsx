"use client";

import Link from "next/link";
import { useActionState } from "react";
import { signInAction, signUpAction, type FormState } from "@/app/worker/actions";
import { Notice, WorkButton, WorkField, WorkInput } from "@/app/worker/_components/ui";

export function SignInForm({ next, invite }: { next?: string; invite?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <input type="hidden" name="next" value={next ?? "/worker"} />
      {invite && <input type="hidden" name="invite" value={invite} />}
      <WorkField label="Email" htmlFor="email">
        <WorkInput id="email" name="email" type="email" autoComplete="email" required autoFocus defaultValue={state.values?.email} />
      </WorkField>
      <WorkField label="Password" htmlFor="password">
        <WorkInput id="password" name="password" type="password" autoComplete="current-password" required />
      </WorkField>
      <WorkButton type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </WorkButton>
      <p className="text-center text-sm text-stone-600">
        New here?{" "}
        <Link className="font-medium text-emerald-700 hover:underline" href={invite ? `/worker/sign-up?invite=${encodeURIComponent(invite)}` : "/worker/sign-up"}>
          Create a worker account
        </Link>
      </p>
    </form>
  );
}

export function SignUpForm({ invite }: { invite?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signUpAction, {});
  const err = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error && <Notice tone="error">{state.error}</Notice>}
      {err.invite && <Notice tone="error">{err.invite}</Notice>}
      {invite && <input type="hidden" name="invite" value={invite} />}
      <WorkField label="Your name" htmlFor="displayName" error={err.displayName}>
        <WorkInput id="displayName" name="displayName" autoComplete="name" required autoFocus defaultValue={state.values?.displayName} invalid={!!err.displayName} />
      </WorkField>
      <WorkField label="Email" htmlFor="email" error={err.email}>
        <WorkInput id="email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} invalid={!!err.email} />
      </WorkField>
      <WorkField label="Password" htmlFor="password" error={err.password}>
        <WorkInput id="password" name="password" type="password" autoComplete="new-password" required invalid={!!err.password} />
      </WorkField>
      <WorkField label="Confirm password" htmlFor="confirm" error={err.confirm}>
        <WorkInput id="confirm" name="confirm" type="password" autoComplete="new-password" required invalid={!!err.confirm} />
      </WorkField>
      <WorkButton type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </WorkButton>
      <p className="text-center text-sm text-stone-600">
        Already have an account?{" "}
        <Link className="font-medium text-emerald-700 hover:underline" href={invite ? `/worker/sign-in?invite=${encodeURIComponent(invite)}` : "/worker/sign-in"}>
          Sign in
        </Link>
      </p>
    </form>
  );
}
