"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import { useAccountBalance } from "@/components/balance/use-account-balance";
import { ApiError, apiFetch } from "@/lib/api-client";
import type { BatchEstimate, BatchProblem } from "@/lib/batches/plan-batch";
import { dollars, plural } from "@/lib/format";
import { dollarsToCents } from "@/lib/money";
import type { EnvironmentName } from "@/lib/scope";

interface Preview {
  columns: string[];
  rowCount: number;
  problems: BatchProblem[];
  hitAssignments: number[];
  estimate: BatchEstimate;
  samples: { row: number; values: Record<string, string>; html: string | null }[];
  projectVersion: number;
}

/** Upload → every row checked → preview of the first HITs → cost → confirm → a durable job. */
export function NewBatch({
  project,
  environment,
  earlierBatches,
}: {
  project: { id: string; name: string; version: number; placeholders: string[]; title: string };
  environment: EnvironmentName;
  earlierBatches: { id: string; name: string }[];
}) {
  const router = useRouter();
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState("");
  const [name, setName] = useState("");
  // The name follows the uploaded file until the requester types one.
  const [nameEdited, setNameEdited] = useState(false);
  const [split, setSplit] = useState(false);
  const [confirmation, setConfirmation] = useState("");
  const [excluded, setExcluded] = useState<string[]>([]);
  const body = (extra: object = {}) => ({ projectId: project.id, version: project.version, name: name || fileName || "Batch", csv: csv ?? "", split, ...extra });

  const preview = useMutation({ mutationFn: (vars: { csv: string; split: boolean }) => apiFetch<Preview>("/api/batches/preview", { body: { ...body(), ...vars } }) });
  const start = useMutation({
    mutationFn: () => apiFetch<{ batchId: string }>("/api/batches", { body: body({ excludeBatchIds: excluded, ...(environment === "production" ? { confirmation } : {}) }) }),
    onSuccess: ({ batchId }) => router.push(`/batches/${batchId}`),
  });

  async function onFile(file: File | undefined) {
    if (!file) return;
    const text = await file.text();
    setCsv(text);
    setFileName(file.name.replace(/\.csv$/i, ""));
    if (!nameEdited) setName(file.name.replace(/\.csv$/i, ""));
    start.reset();
    preview.mutate({ csv: text, split });
  }

  const p = preview.data;
  const startProblems = start.error instanceof ApiError && Array.isArray(start.error.details) ? (start.error.details as BatchProblem[]) : [];
  const problems = p?.problems.length ? p.problems : startProblems;
  const ready = p && p.problems.length === 0 && p.rowCount > 0;

  return (
    <div className="space-y-6">
      <div>
        <Link href={`/projects/${project.id}`} className="text-sm text-slate-500 hover:text-slate-800">
          ← {project.name}
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Publish a batch</h1>
        <p className="text-sm text-slate-500">
          Version {project.version} of {project.name}, in <strong className={environment === "production" ? "text-red-700" : "text-slate-700"}>{environment}</strong>. One HIT per CSV row
          {project.placeholders.length > 0 ? (
            <>
              ; columns used:{" "}
              {project.placeholders.map((c) => (
                <code key={c} className="mx-0.5 rounded bg-slate-100 px-1 text-slate-700">
                  {c}
                </code>
              ))}
            </>
          ) : null}
          .
        </p>
      </div>

      <section className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="CSV file" hint="UTF-8, first line names the columns (as MTurk's requester site expects)">
            <Input type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e.target.files?.[0])} />
          </Field>
          <Field label="Batch name">
            <Input
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setNameEdited(true);
              }}
              maxLength={120}
            />
          </Field>
        </div>
        {preview.isPending && <p className="text-sm text-slate-500">Checking every row…</p>}
        {preview.error && <Alert tone="error">{preview.error.message}</Alert>}
      </section>

      {problems.length > 0 && (
        <section className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-red-200" aria-label="Problems">
          <h2 className="text-base font-semibold text-red-800">Nothing was created: fix these and upload again</h2>
          <Table className="mt-3">
            <TableHead>
              <tr>
                <Th className="py-1.5">Row</Th>
                <Th className="py-1.5">Column</Th>
                <Th className="py-1.5">Problem</Th>
              </tr>
            </TableHead>
            <TableBody>
              {problems.map((pr, i) => (
                <tr key={i}>
                  <td className="py-1.5 pr-4 align-top">{pr.row ?? "—"}</td>
                  <td className="py-1.5 pr-4 align-top font-mono text-xs">{pr.column ?? "—"}</td>
                  <td className="py-1.5">{pr.message}</td>
                </tr>
              ))}
            </TableBody>
          </Table>
        </section>
      )}

      {ready && (
        <>
          <section className="grid gap-4 lg:grid-cols-3 lg:items-start">
            <div className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 lg:col-span-1" aria-label="Cost estimate">
              <h2 className="text-base font-semibold">Cost if every assignment is approved</h2>
              <dl className="mt-3 space-y-1.5 text-sm">
                <div className="flex justify-between">
                  <dt className="text-slate-500">Rows</dt>
                  <dd>{p.rowCount}</dd>
                </div>
                <div className="flex justify-between">
                  <dt className="text-slate-500">HITs</dt>
                  <dd>{p.estimate.hits}</dd>
                </div>
                <div className="flex justify-between">
                  <dt className="text-slate-500">Assignments</dt>
                  <dd>{p.estimate.assignments}</dd>
                </div>
                <div className="flex justify-between">
                  <dt className="text-slate-500">Rewards</dt>
                  <dd>{dollars(p.estimate.rewardsCents)}</dd>
                </div>
                <div className="flex justify-between">
                  <dt className="text-slate-500">Fees</dt>
                  <dd>{dollars(p.estimate.feesCents)}</dd>
                </div>
                <div className="flex justify-between border-t border-slate-100 pt-1.5 font-semibold">
                  <dt>Total</dt>
                  <dd data-testid="batch-total">{dollars(p.estimate.totalCents)}</dd>
                </div>
              </dl>
              {p.estimate.splitAlternative && (
                <div className="mt-4">
                  <Alert tone="warning">
                    HITs with 10 or more assignments pay an extra 20% fee. Split each row into {p.estimate.splitAlternative.hitsPerRow} HITs of 9 or fewer to pay{" "}
                    {dollars(p.estimate.splitAlternative.totalCents)} (save {dollars(p.estimate.splitAlternative.savingsCents)}).
                    <label className="mt-2 flex items-center gap-2 font-medium">
                      <input
                        type="checkbox"
                        checked={split}
                        onChange={(e) => {
                          setSplit(e.target.checked);
                          preview.mutate({ csv: csv ?? "", split: e.target.checked });
                        }}
                      />{" "}
                      Split into HITs of ≤ 9 assignments
                    </label>
                  </Alert>
                </div>
              )}
              {split && p.hitAssignments.length > 1 && (
                <p className="mt-3 text-xs text-slate-500">
                  Each row becomes {p.hitAssignments.length} HITs ({p.hitAssignments.join(" + ")} assignments). A worker may do more than one of them.
                </p>
              )}
            </div>
            <div className="space-y-3 lg:col-span-2">
              <h2 className="text-base font-semibold">The first HITs, as workers will see them</h2>
              {p.samples.map((s) => (
                <SamplePreview key={s.row} sample={s} />
              ))}
            </div>
          </section>

          <section className="space-y-3 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
            {earlierBatches.length > 0 && (
              <fieldset className="space-y-1.5">
                <legend className="text-sm font-medium text-slate-700">Exclude workers who worked on earlier batches</legend>
                <p className="text-xs text-slate-500">They get this project&apos;s exclusion qualification and will not see the new HITs (workers are known once their work is synced).</p>
                <div className="flex flex-wrap gap-x-4 gap-y-1">
                  {earlierBatches.map((b) => (
                    <label key={b.id} className="flex items-center gap-2 text-sm">
                      <input type="checkbox" checked={excluded.includes(b.id)} onChange={(e) => setExcluded((x) => (e.target.checked ? [...x, b.id] : x.filter((id) => id !== b.id)))} />
                      {b.name}
                    </label>
                  ))}
                </div>
              </fieldset>
            )}
            {environment === "production" && <ProductionFunds totalCents={p.estimate.totalCents} />}
            {environment === "production" && (
              <Field label={`Type ${p.estimate.hits} to publish ${p.estimate.hits} production HITs (up to ${dollars(p.estimate.totalCents)})`}>
                <Input value={confirmation} onChange={(e) => setConfirmation(e.target.value)} inputMode="numeric" className="max-w-40" />
              </Field>
            )}
            {start.error && !startProblems.length && <Alert tone="error">{start.error.message}</Alert>}
            <Button
              type="button"
              onClick={() => start.mutate()}
              disabled={start.isPending || (environment === "production" && confirmation !== String(p.estimate.hits))}
              variant={environment === "production" ? "danger" : "primary"}
            >
              {start.isPending ? "Starting…" : `Publish ${plural(p.estimate.hits, "HIT")}`}
            </Button>
          </section>
        </>
      )}
    </div>
  );
}

/** One sample HIT in a frame of the usual height, which the requester can open to the full task. */
function SamplePreview({ sample }: { sample: { row: number; values: Record<string, string>; html: string | null } }) {
  const [expanded, setExpanded] = useState(false);
  return (
    <div className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex items-center justify-between gap-3 border-b border-slate-100 bg-slate-50 px-4 py-2 text-xs text-slate-500">
        <span className="truncate">
          Row {sample.row}:{" "}
          {Object.entries(sample.values)
            .map(([k, v]) => `${k} = ${v.length > 40 ? `${v.slice(0, 40)}…` : v}`)
            .join(" · ")}
        </span>
        {sample.html !== null && (
          <button type="button" onClick={() => setExpanded(!expanded)} aria-expanded={expanded} className="shrink-0 font-medium text-brand-700 hover:underline">
            {expanded ? "Collapse" : `Expand row ${sample.row}`}
          </button>
        )}
      </div>
      {sample.html !== null ? (
        <iframe
          title={`Row ${sample.row} preview`}
          sandbox="allow-scripts"
          srcDoc={sample.html.replace(/https:\/\/assets\.crowd\.aws\/crowd-html-elements\.js/g, `${window.location.origin}/task-assets/crowd-html-elements.js`)}
          className={`block w-full transition-[height] ${expanded ? "h-[80vh]" : "h-72"}`}
        />
      ) : (
        <p className="px-4 py-3 text-sm text-slate-500">Open the project to preview this kind of task with the row&apos;s values.</p>
      )}
    </div>
  );
}

/** Before a production batch is confirmed: what the account holds against what the batch may cost. */
function ProductionFunds({ totalCents }: { totalCents: number }) {
  const balance = useAccountBalance("production");
  if (!balance.data) return <div className="h-5 w-64 animate-pulse rounded bg-slate-100" />;
  if (!balance.data.ok) return <Alert tone="error">Could not read the production balance: {balance.data.error}</Alert>;
  const availableCents = dollarsToCents(balance.data.availableBalance);
  return (
    <div className="space-y-2" data-testid="production-funds">
      <p className="text-sm text-slate-700">
        Production balance <span className="font-semibold tabular-nums">{dollars(availableCents)}</span> · this batch may cost up to{" "}
        <span className="font-semibold tabular-nums">{dollars(totalCents)}</span>
      </p>
      {availableCents < totalCents && (
        <Alert tone="warning">
          The balance does not cover this batch: make it smaller, or add funds first (
          <Link href="/settings#record-deposit" className="font-medium underline">
            record a deposit
          </Link>{" "}
          on the built-in marketplace).
        </Alert>
      )}
    </div>
  );
}
