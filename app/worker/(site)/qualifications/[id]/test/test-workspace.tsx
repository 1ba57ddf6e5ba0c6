"use client";

import Link from "next/link";
import { useCallback, useState } from "react";
import { TaskFrameView, type TaskFrameEvent } from "@/app/worker/_components/task-frame";
import { Notice } from "@/app/worker/_components/ui";

export function TestWorkspace({ src, title, secondsLeft }: { src: string; title: string; secondsLeft: number }) {
  const [outcome, setOutcome] = useState<TaskFrameEvent | null>(null);
  const onEvent = useCallback((e: TaskFrameEvent) => setOutcome(e), []);
  if (outcome?.type === "qualification-submitted") {
    const granted = outcome.status === "Granted";
    return (
      <div className="space-y-3 rounded-3xl bg-white p-8 text-center shadow-sm ring-1 ring-stone-200">
        <p className="text-lg font-semibold text-emerald-800">{granted ? `Test scored: ${String(outcome.value)}` : "Test submitted"}</p>
        <p className="text-sm text-stone-600">{granted ? "The qualification is yours with this score." : "The requester will review your answers."}</p>
        <Link href="/worker" className="inline-block rounded-full bg-emerald-700 px-4 py-2 text-sm font-semibold text-white hover:bg-emerald-800">
          Find work
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <p className="text-sm text-stone-600">You have {Math.round(secondsLeft / 60)} minutes for this test.</p>
      {outcome?.type === "submit-refused" && <Notice tone="error">{typeof outcome.message === "string" ? outcome.message : "The test was not accepted."}</Notice>}
      <TaskFrameView frame={{ src, height: 720, sandbox: "allow-scripts allow-forms" }} title={title} onEvent={onEvent} />
    </div>
  );
}
