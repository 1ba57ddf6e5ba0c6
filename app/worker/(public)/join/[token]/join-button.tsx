"use client";

import { useActionState } from "react";
import { joinAction, type FormState } from "@/app/worker/actions";
import { Notice, WorkButton } from "@/app/worker/_components/ui";

export function JoinButton({ token, name }: { token: string; name: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(() => joinAction(token), {});
  return (
    <form action={action} className="space-y-3">
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <WorkButton type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : `Join as ${name}`}
      </WorkButton>
    </form>
  );
}
