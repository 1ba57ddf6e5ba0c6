"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { JobProgress } from "@/components/jobs/job-progress";
import { apiFetch } from "@/lib/api-client";
import { MessageInput } from "@/lib/workers/worker-action-input";

const TEXTAREA = "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600";

/**
 * Block/unblock with a reason and message the given workers. One worker is done at once; several
 * go to a durable job whose progress and per-worker failures are shown here.
 */
export function WorkerActions({ workerIds, blocked }: { workerIds: string[]; blocked?: boolean }) {
  const router = useRouter();
  const [panel, setPanel] = useState<"none" | "block" | "message">("none");
  const [reason, setReason] = useState("");
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [issues, setIssues] = useState<string[]>([]);
  const block = useMutation({
    mutationFn: (action: "block" | "unblock") =>
      apiFetch<{ results?: { workerId: string; ok: boolean; message: string }[]; jobId?: string }>("/api/workers/blocks", { body: { action, workerIds, reason } }),
    onSuccess: () => router.refresh(),
  });
  const message = useMutation({
    mutationFn: (input: unknown) => apiFetch<{ sent?: number; failures?: { workerId: string; type: string; message: string }[]; jobId?: string }>("/api/workers/messages", { body: input }),
  });
  const who = workerIds.length === 1 ? workerIds[0] : `${workerIds.length} workers`;
  const failed = block.data?.results?.filter((r) => !r.ok) ?? [];
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={!workerIds.length} onClick={() => setPanel(panel === "message" ? "none" : "message")}>
          Message {workerIds.length > 1 ? `${workerIds.length} workers` : ""}
        </Button>
        <Button variant="secondary" className="text-red-700" disabled={!workerIds.length} onClick={() => setPanel(panel === "block" ? "none" : "block")}>
          {blocked === undefined ? "Block or unblock…" : blocked ? "Unblock…" : "Block…"}
        </Button>
      </div>
      {panel === "block" && (
        <div className="space-y-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
          {!blocked && (
            <p className="text-sm text-slate-600">
              A block hides all your HITs from {who} and counts against their standing on MTurk. The softer way: give them an{" "}
              <Link href="/qualifications/new" className="font-medium text-brand-700 hover:underline">
                exclusion qualification
              </Link>{" "}
              and require it to be absent on your HITs.
            </p>
          )}
          <Field label="Reason" hint="MTurk requires one; the worker may see it">
            <Input value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <div className="flex flex-wrap gap-2">
            {!blocked && (
              <Button variant="danger" disabled={!reason.trim() || block.isPending} onClick={() => block.mutate("block")}>
                Block {who}
              </Button>
            )}
            {blocked !== false && (
              <Button variant={blocked ? "primary" : "secondary"} disabled={!reason.trim() || block.isPending} onClick={() => block.mutate("unblock")}>
                Unblock {who}
              </Button>
            )}
          </div>
          {block.error && <Alert tone="error">{block.error.message}</Alert>}
          {block.data?.results && failed.length === 0 && (
            <Alert tone="success">
              {block.variables === "unblock" ? "Unblocked" : "Blocked"} {who}.
            </Alert>
          )}
          {block.data?.jobId && <JobProgress jobId={block.data.jobId} testId="worker-job-progress" refreshOnFinish what={`${block.variables === "unblock" ? "Unblocking" : "Blocking"} ${who}`} />}
          {failed.length > 0 && <Alert tone="error">{failed.map((f) => `${f.workerId}: ${f.message}`).join("; ")}</Alert>}
        </div>
      )}
      {panel === "message" && (
        <form
          className="space-y-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200"
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = MessageInput.safeParse({ workerIds, subject, body });
            if (!parsed.success) return setIssues(parsed.error.issues.map((i) => i.message));
            setIssues([]);
            message.mutate(parsed.data);
          }}
        >
          <Field label="Subject" hint={`${subject.length}/200`}>
            <Input value={subject} onChange={(e) => setSubject(e.target.value)} invalid={subject.length > 200} />
          </Field>
          <Field label="Message" hint={`${body.length}/4096 · sent by MTurk as an email from you`}>
            <textarea className={TEXTAREA} rows={5} value={body} onChange={(e) => setBody(e.target.value)} />
          </Field>
          {issues.length > 0 && <Alert tone="error">{issues.join("; ")}</Alert>}
          <Button type="submit" disabled={message.isPending}>
            {message.isPending ? "Sending…" : `Send to ${who}`}
          </Button>
          {message.error && <Alert tone="error">{message.error.message}</Alert>}
          {message.data?.failures && (
            <Alert tone={message.data.failures.length ? "warning" : "success"}>
              Sent to {message.data.sent} {message.data.sent === 1 ? "worker" : "workers"}.
              {message.data.failures.length > 0 && ` Not delivered: ${message.data.failures.map((f) => `${f.workerId} (${f.type}: ${f.message})`).join("; ")}`}
            </Alert>
          )}
          {message.data?.jobId && <JobProgress jobId={message.data.jobId} testId="worker-job-progress" refreshOnFinish what={`Sending "${subject}" to ${who}`} />}
        </form>
      )}
    </div>
  );
}
