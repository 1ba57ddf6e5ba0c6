"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { JobProgress } from "@/components/jobs/job-progress";
import { ApiError, apiFetch } from "@/lib/api-client";

/** Blocks every worker of a CSV (WorkerId, Reason); the server checks the whole file before blocking anyone. */
export function BlockCsvForm() {
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: async (f: File) => apiFetch<{ jobId: string; total: number }>("/api/workers/blocks/csv", { body: { csv: await f.text() } }),
  });
  const rowErrors = upload.error instanceof ApiError && Array.isArray(upload.error.details) && typeof upload.error.details[0] === "string" ? (upload.error.details as string[]) : null;
  return (
    <details className="group rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <summary className="cursor-pointer list-none px-5 py-3 text-sm font-semibold text-slate-800 select-none">
        <span className="mr-1 inline-block transition group-open:rotate-90">›</span> Block workers from a CSV
      </summary>
      <form
        className="space-y-3 border-t border-slate-100 px-5 py-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (file) upload.mutate(file);
        }}
      >
        <p className="text-sm text-slate-600">
          Columns <code className="rounded bg-slate-100 px-1">WorkerId</code> and <code className="rounded bg-slate-100 px-1">Reason</code>, one worker a row. The whole file is checked first: if any
          row is wrong, nobody is blocked.
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <input
            type="file"
            accept=".csv,text/csv"
            aria-label="Blocks CSV"
            className="text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-slate-800 hover:file:bg-slate-200"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              upload.reset();
            }}
          />
          <Button type="submit" variant="danger" disabled={!file || upload.isPending}>
            {upload.isPending ? "Checking…" : "Block everyone in the file"}
          </Button>
        </div>
        {upload.error && (
          <Alert tone="error">
            {rowErrors ? (
              <>
                <p className="font-medium">The CSV was not used; nothing was blocked.</p>
                <ul className="mt-1 list-disc pl-5">
                  {rowErrors.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              </>
            ) : (
              upload.error.message
            )}
          </Alert>
        )}
        {upload.data && (
          <JobProgress
            jobId={upload.data.jobId}
            testId="worker-job-progress"
            refreshOnFinish
            what={`Blocking ${upload.data.total} ${upload.data.total === 1 ? "worker" : "workers"} from ${file?.name ?? "the CSV"}`}
          />
        )}
      </form>
    </details>
  );
}
