"use client";

import { useActionState } from "react";
import { acceptAction, type FormState } from "@/app/worker/actions";
import { Notice, WorkButton } from "@/app/worker/_components/ui";

export function AcceptButton({ hitTypeId }: { hitTypeId: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(() => acceptAction(hitTypeId), {});
  return (
    <form action={action} className="flex flex-col items-end gap-2">
      <WorkButton type="submit" disabled={pending} className="px-6">
        {pending ? "Accepting…" : "Accept & work"}
      </WorkButton>
      {state.error && <Notice tone="error">{state.error}</Notice>}
    </form>
  );
}
