"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/api-client";

/** Hides the Getting started checklist for this member, or brings it back; the overview re-renders without (or with) it. */
export function GettingStartedToggle({ hidden }: { hidden: boolean }) {
  const router = useRouter();
  const toggle = useMutation({
    mutationFn: () => apiFetch("/api/me/getting-started", { method: "POST", body: { hidden: !hidden } }),
    onSuccess: () => router.refresh(),
  });
  if (!hidden) {
    return (
      <Button
        type="button"
        variant="secondary"
        className="px-2.5 py-1 text-xs"
        disabled={toggle.isPending}
        onClick={() => toggle.mutate()}
        title="Hide this checklist for you; bring it back from the foot of the overview"
      >
        Hide<span className="sr-only"> Getting started</span>
      </Button>
    );
  }
  return (
    <button type="button" disabled={toggle.isPending} onClick={() => toggle.mutate()} className="font-medium text-brand-600 hover:underline disabled:opacity-50">
      Show Getting started
    </button>
  );
}
