"use client";

import { useEffect, useRef } from "react";

export interface TaskFrame {
  src: string;
  height: number;
  sandbox: string;
}

export type TaskFrameEvent = { type: string; [key: string]: unknown };

/**
 * A task in its sandboxed frame. HITdesk's task documents tell the page what happened (submitted,
 * refused) with postMessage; only messages from this frame's own window are listened to.
 */
export function TaskFrameView({ frame, title, label, onEvent }: { frame: TaskFrame; title: string; label?: string; onEvent?: (event: TaskFrameEvent) => void }) {
  const ref = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    if (!onEvent) return;
    const listener = (e: MessageEvent) => {
      if (e.source !== ref.current?.contentWindow) return;
      const data = (e.data as { hitdesk?: TaskFrameEvent } | null)?.hitdesk;
      if (data && typeof data.type === "string") onEvent(data);
    };
    window.addEventListener("message", listener);
    return () => window.removeEventListener("message", listener);
  }, [onEvent]);
  return (
    <div className="overflow-hidden rounded-3xl bg-white shadow-sm ring-1 ring-stone-200">
      {label && <div className="border-b border-stone-100 bg-stone-50 px-4 py-2 text-xs font-medium text-stone-500">{label}</div>}
      <iframe ref={ref} src={frame.src} title={title} sandbox={frame.sandbox} referrerPolicy="no-referrer" className="block w-full bg-white" style={{ height: frame.height }} />
    </div>
  );
}
