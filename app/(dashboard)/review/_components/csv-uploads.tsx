"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/api-client";
import { dollars } from "@/lib/format";
import type { CsvProblem } from "@/lib/review/parse-results-csv";
import { useBonusCsv, useResultsCsv } from "./use-review";

function Problems({ error }: { error: Error | null }) {
  if (!error) return null;
  const problems = error instanceof ApiError ? ((error.details as { problems?: CsvProblem[] } | undefined)?.problems ?? []) : [];
  return (
    <Alert tone="error">
      {problems.length ? `Nothing was done. Fix these ${problems.length} problem${problems.length === 1 ? "" : "s"} and upload again:` : error.message}
      {problems.length > 0 && (
        <ul className="mt-1 max-h-40 list-disc overflow-auto pl-5" data-testid="csv-problems">
          {problems.map((p, i) => (
            <li key={i}>
              Line {p.line}
              {p.column && <>, {p.column}</>}: {p.message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

function CsvCard({ kind, onJob, canAct }: { kind: "results" | "bonus"; onJob: (jobId: string, label: string) => void; canAct: boolean }) {
  const results = useResultsCsv();
  const bonus = useBonusCsv();
  const mutation = kind === "results" ? results : bonus;
  const [csv, setCsv] = useState<{ name: string; text: string } | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const label = kind === "results" ? "Results CSV" : "Bonus CSV";
  const preview = async (text: string) => {
    setSummary(null);
    if (kind === "results") {
      const r = await results.mutateAsync({ csv: text, preview: true });
      setSummary(`${r.approve} to approve, ${r.reject} to reject.`);
    } else {
      const r = await bonus.mutateAsync({ csv: text, preview: true });
      setSummary(`${r.cost.count} bonuses: ${dollars(r.cost.bonusCents)} + fees ${dollars(r.cost.feeCents)} = ${dollars(r.cost.totalCents)} (${r.cost.feeBasis}).`);
    }
  };
  const apply = async () => {
    if (!csv) return;
    if (kind === "results") {
      const r = await results.mutateAsync({ csv: csv.text });
      r.jobIds.forEach((id) => onJob(id, csv.name));
      setSummary(`Queued: ${r.approve} approvals, ${r.reject} rejections (rejections wait out the undo window).`);
    } else {
      const r = await bonus.mutateAsync({ csv: csv.text });
      if (!r.preview && r.jobId) onJob(r.jobId, csv.name);
      if (!r.preview) setSummary(`${r.queued} bonuses queued${r.alreadyRecorded ? `; ${r.alreadyRecorded} were already paid or queued, and are not paid again` : ""}.`);
    }
    setCsv(null);
  };
  return (
    <div className="space-y-2">
      <label className="block text-sm font-medium text-slate-700">
        {label}
        <input
          type="file"
          accept=".csv,text/csv"
          disabled={!canAct}
          className="mt-1 block w-full text-sm text-slate-600 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-slate-200"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (!file) return;
            void file.text().then((text) => {
              setCsv({ name: file.name, text });
              return preview(text).catch(() => setCsv(null));
            });
          }}
        />
      </label>
      <p className="text-xs text-slate-500">
        {kind === "results"
          ? "MTurk's batch results with Approve (x) or Reject (the reason) filled in, one row per assignment."
          : "Columns WorkerId, AssignmentId, Amount, Reason. Uploading the same file again pays nothing twice."}
      </p>
      <Problems error={mutation.error} />
      {summary && (
        <p className="text-sm text-slate-700" data-testid={`${kind}-csv-summary`}>
          {summary}
        </p>
      )}
      {csv && !mutation.error && (
        <Button onClick={() => void apply()} disabled={mutation.isPending}>
          Apply {csv.name}
        </Button>
      )}
    </div>
  );
}

export function CsvUploads(props: { onJob: (jobId: string, label: string) => void; canAct: boolean }) {
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <CsvCard kind="results" {...props} />
      <CsvCard kind="bonus" {...props} />
    </div>
  );
}
