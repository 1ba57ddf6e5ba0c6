"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ChoiceSelect, Field, Input, Select } from "@/components/ui/field";
import { apiFetch, ApiError } from "@/lib/api-client";
import type { ScoreRow } from "@/lib/qualifications/list-qualification-scores";
import { useQualificationOps, type OpsResult } from "./use-qualification-ops";
import { JobProgress } from "@/components/jobs/job-progress";
import { useSelection } from "@/components/ui/use-selection";
import { Table, TableBody, TableEmpty, TableHead, Th } from "@/components/ui/table";

const TEXTAREA = "block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-xs leading-5 text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600";

/** Holders of a type: update a value, revoke, assign to listed workers, from a CSV, or to a batch's approved workers. */
export function ScoresPanel(props: {
  qualificationTypeId: string;
  status: "Granted" | "Revoked";
  rows: ScoreRow[];
  total: number;
  batches: { id: string; name: string }[];
  projects: { id: string; name: string }[];
  canEdit: boolean;
}) {
  const ops = useQualificationOps(props.qualificationTypeId);
  const pathname = usePathname();
  const params = useSearchParams();
  const [edits, setEdits] = useState<Record<string, string>>({});
  const { selected, set } = useSelection();
  const [reason, setReason] = useState("");
  const [notify, setNotify] = useState(false);
  const tab = (s: string) => {
    const p = new URLSearchParams(params);
    p.set("scores", s);
    return `${pathname}?${p}`;
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav className="inline-flex rounded-md bg-slate-100 p-0.5 text-sm" aria-label="Score status">
          {(["Granted", "Revoked"] as const).map((s) => (
            <Link
              key={s}
              href={tab(s)}
              aria-current={props.status === s ? "page" : undefined}
              className={`rounded px-3 py-1.5 font-medium ${props.status === s ? "bg-white text-slate-900 shadow-sm" : "text-slate-600"}`}
            >
              {s}
            </Link>
          ))}
        </nav>
        {props.canEdit && (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" className="size-4 accent-brand-600" checked={notify} onChange={(e) => setNotify(e.target.checked)} />
            Notify workers by email when granting
          </label>
        )}
      </div>
      {ops.error && <Alert tone="error">{ops.error.message}</Alert>}
      {ops.data?.outcome && <Alert tone="success">{ops.data.outcome}</Alert>}
      {ops.data?.jobId && <JobProgress jobId={ops.data.jobId} what={`Changing ${ops.data.total} scores`} unit="scores" refreshOnFinish />}

      {props.rows.length === 0 ? (
        <TableEmpty className="py-4">{props.status === "Granted" ? "No worker holds this qualification yet." : "No revoked scores."}</TableEmpty>
      ) : (
        <div className="-mx-5 overflow-x-auto">
          <Table loading={ops.isPending}>
            <TableHead>
              <tr className="border-b border-slate-100">
                {props.canEdit && props.status === "Granted" && <Th className="w-8 px-5 py-2" />}
                <Th className="px-5 py-2">Worker</Th>
                <Th className="px-3 py-2">Value</Th>
                <Th className="px-3 py-2">Since</Th>
                {props.canEdit && props.status === "Granted" && <Th className="px-5 py-2" />}
              </tr>
            </TableHead>
            <TableBody>
              {props.rows.map((r) => (
                <tr key={r.workerId}>
                  {props.canEdit && props.status === "Granted" && (
                    <td className="px-5 py-2">
                      <input
                        type="checkbox"
                        aria-label={`Select ${r.workerId}`}
                        className="size-4 accent-brand-600"
                        checked={selected.has(r.workerId)}
                        onChange={(e) => set(r.workerId, e.target.checked)}
                      />
                    </td>
                  )}
                  <td className="px-5 py-2">
                    <Link href={`/workers/${r.workerId}`} className="font-mono text-slate-900 hover:text-brand-700">
                      {r.workerId}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    {props.canEdit && props.status === "Granted" ? (
                      <Input
                        aria-label={`Value of ${r.workerId}`}
                        type="number"
                        className="w-24"
                        value={edits[r.workerId] ?? String(r.value ?? "")}
                        onChange={(e) => setEdits((x) => ({ ...x, [r.workerId]: e.target.value }))}
                      />
                    ) : (
                      <span className="tabular-nums">{r.value ?? "—"}</span>
                    )}
                  </td>
                  <td className="px-3 py-2 text-slate-500">{new Date(r.grantTime).toLocaleDateString()}</td>
                  {props.canEdit && props.status === "Granted" && (
                    <td className="px-5 py-2 text-right whitespace-nowrap">
                      <Button
                        variant="secondary"
                        disabled={ops.isPending || edits[r.workerId] === undefined}
                        onClick={() => ops.mutate([{ op: "grant", workerId: r.workerId, value: Number(edits[r.workerId]), notify }])}
                      >
                        Update
                      </Button>{" "}
                      <Button variant="ghost" className="text-red-700" disabled={ops.isPending} onClick={() => ops.mutate([{ op: "revoke", workerId: r.workerId, reason }])}>
                        Revoke
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {props.total > props.rows.length && (
        <p className="text-xs text-slate-500">
          Showing {props.rows.length} of {props.total.toLocaleString("en-US")}.
        </p>
      )}
      {props.canEdit && props.status === "Granted" && props.rows.length > 0 && (
        <div className="flex flex-wrap items-center gap-2">
          <Input aria-label="Reason for revoking" placeholder="Reason for revoking (shown to the worker)" className="max-w-sm" value={reason} onChange={(e) => setReason(e.target.value)} />
          <Button variant="danger" disabled={!selected.size || ops.isPending} onClick={() => ops.mutate([...selected].map((workerId) => ({ op: "revoke", workerId, reason })))}>
            Revoke {selected.size || ""} selected
          </Button>
        </div>
      )}
      {props.canEdit && <AssignScores qualificationTypeId={props.qualificationTypeId} batches={props.batches} projects={props.projects} notify={notify} />}
    </div>
  );
}

type Choice = { id: string; name: string };

function AssignScores({ qualificationTypeId, batches, projects, notify }: { qualificationTypeId: string; batches: Choice[]; projects: Choice[]; notify: boolean }) {
  const ops = useQualificationOps(qualificationTypeId);
  const [mode, setMode] = useState<"list" | "csv" | "batch" | "agreement">("list");
  const [workers, setWorkers] = useState("");
  const [value, setValue] = useState("1");
  const [csv, setCsv] = useState("");
  const [batchId, setBatchId] = useState(batches[0]?.id ?? "");
  const [agreement, setAgreement] = useState({ kind: "all" as AgreementKind, batchId: batches[0]?.id ?? "", projectId: projects[0]?.id ?? "", minPercent: "80", minCompared: "3" });
  const changeAgreement = (patch: Partial<typeof agreement>) => {
    setAgreement((a) => ({ ...a, ...patch }));
    upload.reset(); // a preview of other settings would be misleading
  };
  const upload = useMutation({
    mutationFn: (preview: boolean) =>
      mode === "csv"
        ? apiFetch<OpsResult>(`/api/qualifications/${qualificationTypeId}/scores-csv`, { body: { csv, notify, preview } })
        : mode === "agreement"
          ? apiFetch<OpsResult>(`/api/qualifications/${qualificationTypeId}/grant-agreement`, {
              body: {
                source:
                  agreement.kind === "batch" ? { kind: "batch", batchId: agreement.batchId } : agreement.kind === "project" ? { kind: "project", projectId: agreement.projectId } : { kind: "all" },
                minPercent: Number(agreement.minPercent),
                minCompared: Number(agreement.minCompared),
                value: Number(value),
                notify,
                preview,
              },
            })
          : apiFetch<OpsResult>(`/api/qualifications/${qualificationTypeId}/grant-batch`, { body: { batchId, value: Number(value), notify, preview } }),
  });
  const csvErrors = upload.error instanceof ApiError && Array.isArray(upload.error.details) ? (upload.error.details as string[]) : undefined;
  const ids = workers.split(/[\s,;]+/).filter(Boolean);
  const result = ops.data ?? (upload.data?.jobId || upload.data?.outcome ? upload.data : undefined);
  return (
    <section className="space-y-3 border-t border-slate-100 pt-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">Assign scores</h3>
        <div className="inline-flex rounded-md bg-slate-100 p-0.5 text-sm" role="radiogroup" aria-label="Assign from">
          {(
            [
              ["list", "Worker IDs"],
              ["csv", "CSV"],
              ["batch", "Approved in a batch"],
              ["agreement", "By agreement"],
            ] as const
          ).map(([m, label]) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              onClick={() => (setMode(m), upload.reset())}
              className={`rounded px-3 py-1.5 font-medium ${mode === m ? "bg-white text-slate-900 shadow-sm" : "text-slate-600"}`}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      {mode === "list" && (
        <div className="grid gap-3 sm:grid-cols-[1fr_8rem_auto] sm:items-end">
          <Field label="Worker IDs" hint="Separated by spaces, commas or new lines">
            <Input value={workers} onChange={(e) => setWorkers(e.target.value)} placeholder="A1B2C3D4E5F6G7 A9Z8Y7X6W5V4U3" />
          </Field>
          <Field label="Value">
            <Input type="number" value={value} onChange={(e) => setValue(e.target.value)} />
          </Field>
          <Button disabled={!ids.length || ops.isPending} onClick={() => ops.mutate(ids.map((workerId) => ({ op: "grant", workerId, value: Number(value), notify })))}>
            Assign to {ids.length || ""} {ids.length === 1 ? "worker" : "workers"}
          </Button>
        </div>
      )}
      {mode === "csv" && (
        <div className="space-y-2">
          <Field label="Scores CSV" hint="Columns WorkerId and Value; every row is checked before any score is sent">
            <textarea className={TEXTAREA} rows={6} value={csv} onChange={(e) => setCsv(e.target.value)} placeholder={"WorkerId,Value\nA1B2C3D4E5F6G7,90"} />
          </Field>
          <input type="file" accept=".csv,text/csv" aria-label="Choose a CSV file" className="text-sm text-slate-600" onChange={(e) => void e.target.files?.[0]?.text().then((t) => setCsv(t))} />
          <div className="flex gap-2">
            <Button variant="secondary" disabled={!csv || upload.isPending} onClick={() => upload.mutate(true)}>
              Check CSV
            </Button>
            <Button disabled={!csv || upload.isPending} onClick={() => upload.mutate(false)}>
              Assign from CSV
            </Button>
          </div>
        </div>
      )}
      {mode === "batch" &&
        (batches.length === 0 ? (
          <p className="text-sm text-slate-500">No batches in this environment yet.</p>
        ) : (
          <div className="grid gap-3 sm:grid-cols-[1fr_8rem_auto_auto] sm:items-end">
            <Field label="Batch">
              <ChoiceSelect value={batchId} onChange={(e) => setBatchId(e.target.value)} choices={batches.map((b) => ({ value: b.id, label: b.name }))} />
            </Field>
            <Field label="Value">
              <Input type="number" value={value} onChange={(e) => setValue(e.target.value)} />
            </Field>
            <Button variant="secondary" disabled={upload.isPending} onClick={() => upload.mutate(true)}>
              Who?
            </Button>
            <Button disabled={upload.isPending} onClick={() => upload.mutate(false)}>
              Grant to approved workers
            </Button>
          </div>
        ))}
      {mode === "agreement" && (
        <div className="space-y-3">
          <p className="text-sm text-slate-500">
            Agreement: the share of a worker&apos;s assignments whose answers match the majority answer of the other workers on the same HIT (as of the last sync).
          </p>
          <div className="flex flex-wrap items-end gap-3 [&>*]:w-32">
            <Field label="Work in">
              <Select value={agreement.kind} onChange={(e) => changeAgreement({ kind: e.target.value as AgreementKind })}>
                <option value="all">All work</option>
                <option value="batch" disabled={!batches.length}>
                  A batch
                </option>
                <option value="project" disabled={!projects.length}>
                  A project
                </option>
              </Select>
            </Field>
            {agreement.kind === "batch" ? (
              <div className="min-w-56 flex-1">
                <Field label="Batch">
                  <ChoiceSelect value={agreement.batchId} onChange={(e) => changeAgreement({ batchId: e.target.value })} choices={batches.map((b) => ({ value: b.id, label: b.name }))} />
                </Field>
              </div>
            ) : agreement.kind === "project" ? (
              <div className="min-w-56 flex-1">
                <Field label="Project">
                  <ChoiceSelect value={agreement.projectId} onChange={(e) => changeAgreement({ projectId: e.target.value })} choices={projects.map((p) => ({ value: p.id, label: p.name }))} />
                </Field>
              </div>
            ) : null}
            <Field label="At least (%)">
              <Input type="number" min={0} max={100} value={agreement.minPercent} onChange={(e) => changeAgreement({ minPercent: e.target.value })} />
            </Field>
            <Field label="Compared at least">
              <Input type="number" min={1} value={agreement.minCompared} onChange={(e) => changeAgreement({ minCompared: e.target.value })} />
            </Field>
            <Field label="Value">
              <Input type="number" value={value} onChange={(e) => setValue(e.target.value)} />
            </Field>
          </div>
          <div className="flex gap-2">
            <Button variant="secondary" disabled={upload.isPending} onClick={() => upload.mutate(true)}>
              Who?
            </Button>
            <Button disabled={upload.isPending || !upload.data || !!upload.data.jobId || upload.data.total === 0} onClick={() => upload.mutate(false)}>
              {upload.data && !upload.data.jobId && !upload.data.outcome ? `Grant to ${upload.data.total} ${upload.data.total === 1 ? "worker" : "workers"}` : "Grant"}
            </Button>
          </div>
        </div>
      )}
      {upload.error &&
        (csvErrors ? (
          <Alert tone="error">
            <p className="font-medium">{csvErrors.length === 1 ? "The CSV was not used:" : `The CSV was not used (${csvErrors.length} problems):`}</p>
            <ul className="mt-1 list-disc pl-5">
              {csvErrors.slice(0, 20).map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </Alert>
        ) : (
          <Alert tone="error">{upload.error.message}</Alert>
        ))}
      {mode === "agreement" && upload.data && !upload.data.jobId && !upload.data.outcome ? (
        <AgreementPreview result={upload.data} />
      ) : (
        upload.data &&
        !upload.data.jobId &&
        !upload.data.outcome && (
          <Alert>
            {upload.data.total} {upload.data.total === 1 ? "worker" : "workers"}: {upload.data.workers?.map((w) => `${w.workerId} (${w.value})`).join(", ")}
            {upload.data.total > (upload.data.workers?.length ?? 0) ? ", …" : ""}
          </Alert>
        )
      )}
      {ops.error && <Alert tone="error">{ops.error.message}</Alert>}
      {result?.outcome && <Alert tone="success">{result.outcome}</Alert>}
      {result?.jobId && <JobProgress jobId={result.jobId} what={`Assigning ${result.total} scores`} unit="scores" refreshOnFinish />}
    </section>
  );
}

type AgreementKind = "all" | "batch" | "project";

/** Who a grant by agreement would reach, with each worker's agreement, before anything is sent. */
function AgreementPreview({ result }: { result: OpsResult }) {
  const rows = result.workers ?? [];
  return (
    <div className="space-y-2" data-testid="agreement-preview">
      <p className="text-sm text-slate-700">
        {result.total} of {result.considered ?? 0} compared {result.considered === 1 ? "worker reaches" : "workers reach"} the threshold
        {result.total > rows.length ? `; the first ${rows.length} are shown` : ""}.
      </p>
      {rows.length > 0 && (
        <Table className="max-w-xl">
          <TableHead>
            <tr className="border-b border-slate-100">
              <Th className="py-1.5 pr-3">Worker</Th>
              <Th className="px-3 py-1.5 text-right">Agreement</Th>
              <Th className="px-3 py-1.5 text-right">Agreed / compared</Th>
            </tr>
          </TableHead>
          <TableBody>
            {rows.map((w) => (
              <tr key={w.workerId}>
                <td className="py-1.5 pr-3 font-mono">{w.workerId}</td>
                <td className="px-3 py-1.5 text-right tabular-nums">{w.percent}%</td>
                <td className="px-3 py-1.5 text-right text-slate-500 tabular-nums">
                  {w.agreed} / {w.compared}
                </td>
              </tr>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
