"use client";

import Link from "next/link";
import { useCallback, useActionState, useEffect, useState } from "react";
import { acceptAction, returnAction, submissionConfirmedAction, type FormState } from "@/app/worker/actions";
import { TaskFrameView, type TaskFrame, type TaskFrameEvent } from "@/app/worker/_components/task-frame";
import { Notice, WorkButton } from "@/app/worker/_components/ui";

function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}` : `${m}:${String(s).padStart(2, "0")}`;
}

/** The task frame with its timer to the deadline, Return, and what happens after a submit. */
export function TaskWorkspace(props: { assignmentId: string; hitTypeId: string; title: string; frame: TaskFrame; secondsLeft: number }) {
  const [left, setLeft] = useState(props.secondsLeft);
  const [outcome, setOutcome] = useState<TaskFrameEvent | null>(null);
  const [returnState, returnForm, returning] = useActionState<FormState, FormData>(() => returnAction(props.assignmentId), {});
  const [nextState, nextForm, accepting] = useActionState<FormState, FormData>(() => acceptAction(props.hitTypeId), {});
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setLeft(Math.max(0, props.secondsLeft - Math.floor((Date.now() - started) / 1000))), 1000);
    return () => clearInterval(timer);
  }, [props.secondsLeft]);
  // The frame runs the requester's HTML, which can post a "submitted" message without submitting:
  // only the server's record of the assignment ends the task here.
  const onEvent = useCallback(
    (e: TaskFrameEvent) => {
      if (e.type !== "submitted") return setOutcome(e);
      void submissionConfirmedAction(props.assignmentId).then(
        (confirmed) => confirmed && setOutcome(e),
        () => undefined,
      );
    },
    [props.assignmentId],
  );
  const submitted = outcome?.type === "submitted";
  const expired = left === 0 && !submitted;

  if (submitted) {
    return (
      <div className="space-y-4 rounded-3xl bg-white p-8 text-center shadow-sm ring-1 ring-stone-200">
        <p className="text-lg font-semibold text-emerald-800">Submitted. Thank you!</p>
        <p className="text-sm text-stone-600">The requester will review your work. You can follow it on My work.</p>
        <div className="flex justify-center gap-3">
          <form action={nextForm}>
            <WorkButton type="submit" disabled={accepting}>
              {accepting ? "Accepting…" : "Accept the next HIT in this group"}
            </WorkButton>
          </form>
          <Link href="/worker" className="rounded-full px-4 py-2 text-sm font-semibold text-stone-800 ring-1 ring-stone-300 hover:bg-stone-50">
            Find other work
          </Link>
        </div>
        {nextState.error && <Notice tone="info">{nextState.error}</Notice>}
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-2xl bg-white px-4 py-3 shadow-sm ring-1 ring-stone-200">
        <p className="text-sm text-stone-700">
          Time left:{" "}
          <span role="timer" aria-live="off" className={`font-mono text-base font-semibold ${left < 60 ? "text-red-700" : "text-stone-900"}`}>
            {clock(left)}
          </span>
        </p>
        <form action={returnForm}>
          <WorkButton tone="danger" type="submit" disabled={returning}>
            {returning ? "Returning…" : "Return HIT"}
          </WorkButton>
        </form>
      </div>
      {returnState.error && <Notice tone="error">{returnState.error}</Notice>}
      {outcome?.type === "submit-refused" && <Notice tone="error">{typeof outcome.message === "string" ? outcome.message : "The submission was refused."}</Notice>}
      {expired ? (
        <Notice tone="warning">The time allotted ran out, so this assignment can no longer be submitted. It goes back to other workers.</Notice>
      ) : (
        <TaskFrameView frame={props.frame} title={props.title} onEvent={onEvent} />
      )}
    </div>
  );
}
