"use client";

import { useActionState } from "react";
import { requestQualificationAction, type FormState } from "@/app/worker/actions";
import { WorkButton } from "@/app/worker/_components/ui";

export function RequestButton({ qualificationTypeId }: { qualificationTypeId: string }) {
  const [state, action, pending] = useActionState<FormState & { done?: string }, FormData>(() => requestQualificationAction(qualificationTypeId), {});
  if (state.done)
    return (
      <span role="status" className="font-medium text-emerald-700">
        {state.done}
      </span>
    );
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <WorkButton type="submit" disabled={pending}>
        {pending ? "Requesting…" : "Request"}
      </WorkButton>
      {state.error && (
        <span role="alert" className="text-xs text-red-700">
          {state.error}
        </span>
      )}
    </form>
  );
}
