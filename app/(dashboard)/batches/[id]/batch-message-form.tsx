"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { JobProgress } from "@/components/jobs/job-progress";
import { apiFetch } from "@/lib/api-client";
import { BatchMessageInput } from "@/lib/workers/worker-action-input";

const TEXTAREA = "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600";

/** NotifyWorkers to everyone who worked on the batch, as a job with progress and per-worker failures. */
export function BatchMessageForm({ batchId, workers }: { batchId: string; workers: number }) {
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [issues, setIssues] = useState<string[]>([]);
  const send = useMutation({ mutationFn: (input: unknown) => apiFetch<{ jobId: string; total: number }>(`/api/batches/${batchId}/messages`, { body: input }) });
  return (
    <Card
      title="Message the batch's workers"
      description={`${workers} ${workers === 1 ? "worker has" : "workers have"} worked on this batch (as of the last sync). MTurk emails the message from you.`}
    >
      <form
        className="max-w-2xl space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = BatchMessageInput.safeParse({ subject, body });
          if (!parsed.success) return setIssues(parsed.error.issues.map((i) => i.message));
          setIssues([]);
          send.mutate(parsed.data);
        }}
      >
        <Field label="Subject" hint={`${subject.length}/200`}>
          <Input value={subject} onChange={(e) => setSubject(e.target.value)} invalid={subject.length > 200} />
        </Field>
        <Field label="Message" hint={`${body.length}/4096`}>
          <textarea className={TEXTAREA} rows={4} value={body} onChange={(e) => setBody(e.target.value)} />
        </Field>
        {issues.length > 0 && <Alert tone="error">{issues.join("; ")}</Alert>}
        <Button type="submit" disabled={send.isPending || workers === 0 || !!send.data}>
          {send.isPending ? "Sending…" : `Send to ${workers} ${workers === 1 ? "worker" : "workers"}`}
        </Button>
        {send.error && <Alert tone="error">{send.error.message}</Alert>}
        {send.data && (
          <JobProgress jobId={send.data.jobId} testId="worker-job-progress" refreshOnFinish what={`Sending "${subject}" to ${send.data.total} ${send.data.total === 1 ? "worker" : "workers"}`} />
        )}
      </form>
    </Card>
  );
}
