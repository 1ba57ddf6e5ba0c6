"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ApiError, apiFetch } from "@/lib/api-client";

const ROW_ACTION = "rounded-md px-2 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60";

/**
 * Archive or restore a project, or delete it after a confirmation. A project that batches were
 * published from cannot be deleted (their results point at its versions): the dialog says so
 * and offers to archive it instead.
 */
export function ProjectRowActions({ project, batches }: { project: { id: string; name: string; archived: boolean }; batches: number }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const archive = useMutation({
    mutationFn: (archived: boolean) => apiFetch(`/api/projects/${project.id}`, { method: "PATCH", body: { archived } }),
    onSuccess: () => {
      setConfirming(false);
      router.refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => apiFetch(`/api/projects/${project.id}`, { method: "DELETE", body: {} }),
    onSuccess: () => {
      setConfirming(false);
      router.refresh();
    },
  });
  const error = archive.error ?? remove.error;
  // A batch published since the page loaded: the server refuses, and archiving is the way out.
  const blocked = batches > 0 || (remove.error instanceof ApiError && remove.error.status === 409);
  return (
    <>
      <button
        type="button"
        className={`${ROW_ACTION} text-slate-600 hover:text-slate-900`}
        disabled={archive.isPending}
        onClick={() => archive.mutate(!project.archived)}
        aria-label={`${project.archived ? "Restore" : "Archive"} ${project.name}`}
      >
        {project.archived ? "Restore" : "Archive"}
      </button>
      <button type="button" className={`${ROW_ACTION} text-red-700 hover:text-red-800`} onClick={() => setConfirming(true)} aria-label={`Delete ${project.name}`}>
        Delete
      </button>
      {!confirming && error && (
        <p role="alert" className="basis-full text-right text-sm text-red-700">
          {error.message}
        </p>
      )}
      {confirming && (
        <Dialog title={blocked ? `“${project.name}” cannot be deleted` : `Delete “${project.name}”?`} onClose={() => setConfirming(false)}>
          {batches > 0 ? (
            <p className="text-sm text-slate-700">
              {batches === 1 ? "A batch was published from this project; its" : `${batches} batches were published from this project; their`} HITs and results point at its versions, so it stays.
              {project.archived ? " It is archived already: hidden from the list of projects." : " Archive it to hide it from the list of projects; you can restore it at any time."}
            </p>
          ) : (
            !blocked && <p className="text-sm text-slate-700">The project and all its versions are deleted. This cannot be undone.</p>
          )}
          {error && <Alert tone="error">{error.message}</Alert>}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            {blocked ? (
              !project.archived && (
                <Button disabled={archive.isPending} onClick={() => archive.mutate(true)}>
                  Archive instead
                </Button>
              )
            ) : (
              <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
                Delete project
              </Button>
            )}
          </div>
        </Dialog>
      )}
    </>
  );
}
