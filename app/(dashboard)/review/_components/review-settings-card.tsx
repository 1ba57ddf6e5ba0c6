"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/api-client";
import { FeedbackTemplateInput, ReviewSettingsInput } from "@/lib/review/review-inputs";
import type { ReviewSettingsView } from "@/lib/review/review-settings";

const input = "rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600";

/** The team's review settings (admins) and its feedback templates (reviewers and up). */
export function ReviewSettingsCard({ settings, canEditSettings }: { settings: ReviewSettingsView; canEditSettings: boolean }) {
  const router = useRouter();
  const [undo, setUndo] = useState(String(settings.undoWindowSeconds));
  const [confirm, setConfirm] = useState(settings.confirmProductionRejections);
  const [template, setTemplate] = useState({ label: "", text: "" });
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const save = async (path: string, method: string, body: unknown, done: string) => {
    setMessage(null);
    try {
      await apiFetch(path, { method, body });
      setMessage({ tone: "success", text: done });
      router.refresh();
    } catch (e) {
      setMessage({ tone: "error", text: (e as Error).message });
    }
  };
  return (
    <div className="grid gap-6 md:grid-cols-2">
      {canEditSettings && (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = ReviewSettingsInput.safeParse({ undoWindowSeconds: Number(undo), confirmProductionRejections: confirm });
            if (!parsed.success) return setMessage({ tone: "error", text: parsed.error.issues[0]!.message });
            void save("/api/review/settings", "PATCH", parsed.data, "Review settings saved.");
          }}
        >
          <h3 className="text-sm font-semibold text-slate-900">Safety</h3>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            Undo window for rejections
            <input aria-label="Undo window (seconds)" inputMode="numeric" value={undo} onChange={(e) => setUndo(e.target.value)} className={`${input} w-20`} /> seconds
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} />
            Production rejections need a second reviewer&apos;s confirmation
          </label>
          <Button type="submit" variant="secondary">
            Save
          </Button>
        </form>
      )}
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = FeedbackTemplateInput.safeParse(template);
          if (!parsed.success) return setMessage({ tone: "error", text: parsed.error.issues[0]!.message });
          void save("/api/review/feedback-templates", "POST", parsed.data, "Template saved.").then(() => setTemplate({ label: "", text: "" }));
        }}
      >
        <h3 className="text-sm font-semibold text-slate-900">New feedback template</h3>
        <input
          aria-label="Template name"
          placeholder="Name, e.g. Missed the gold question"
          value={template.label}
          onChange={(e) => setTemplate({ ...template, label: e.target.value })}
          className={`${input} w-full`}
        />
        <textarea
          aria-label="Template text"
          placeholder="What the worker reads"
          rows={2}
          value={template.text}
          onChange={(e) => setTemplate({ ...template, text: e.target.value })}
          className={`${input} w-full`}
        />
        <Button type="submit" variant="secondary">
          Save template
        </Button>
      </form>
      {message && (
        <div className="md:col-span-2">
          <Alert tone={message.tone}>{message.text}</Alert>
        </div>
      )}
    </div>
  );
}
