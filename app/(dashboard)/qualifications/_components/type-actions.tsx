"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/api-client";

/** Deactivate/activate and delete, each saying what it does to workers and HITs. */
export function TypeActions({ qualificationTypeId, status, name }: { qualificationTypeId: string; status: string; name: string }) {
  const router = useRouter();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const toggle = useMutation({
    mutationFn: () => apiFetch(`/api/qualifications/${qualificationTypeId}/status`, { body: { status: status === "Active" ? "Inactive" : "Active" } }),
    onSuccess: () => router.refresh(),
  });
  const remove = useMutation({
    mutationFn: () => apiFetch(`/api/qualifications/${qualificationTypeId}`, { method: "DELETE" }),
    onSuccess: () => router.push("/qualifications"),
  });
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => toggle.mutate()} disabled={toggle.isPending}>
          {status === "Active" ? "Deactivate" : "Activate"}
        </Button>
        {confirmDelete ? (
          <>
            <Button variant="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
              {remove.isPending ? "Deleting…" : `Delete “${name}”`}
            </Button>
            <Button variant="ghost" onClick={() => setConfirmDelete(false)}>
              Keep it
            </Button>
          </>
        ) : (
          <Button variant="ghost" className="text-red-700" onClick={() => setConfirmDelete(true)}>
            Delete…
          </Button>
        )}
      </div>
      {confirmDelete && !remove.error && (
        <Alert tone="warning">
          Deleting rejects every pending request and frees the name. Workers keep the scores they hold; HITs that require the type keep requiring it. Deactivating is reversible.
        </Alert>
      )}
      {toggle.error && <Alert tone="error">{toggle.error.message}</Alert>}
      {remove.error && <Alert tone="error">{remove.error.message}</Alert>}
    </div>
  );
}
