"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { apiFetch } from "@/lib/api-client";
import { blankDesign } from "@/lib/projects/blank-designs";
import { PROJECT_TEMPLATES } from "@/lib/projects/templates";

const BLANKS = [
  { id: "blank-html", name: "Blank HTML task", summary: "Your own HTMLQuestion, with ${placeholders} for CSV columns.", kind: "HTMLQuestion" as const },
  { id: "blank-external", name: "Your own website", summary: "An ExternalQuestion: workers see your page, which posts back to turkSubmitTo.", kind: "ExternalQuestion" as const },
  { id: "blank-questionform", name: "QuestionForm XML", summary: "Raw QuestionForm XML, rendered natively for workers.", kind: "QuestionForm" as const },
];

export function TemplatePicker() {
  const templates = PROJECT_TEMPLATES.map((t) => ({ id: t.id, name: t.name, summary: t.summary, kind: t.design.task.kind }));
  const router = useRouter();
  const create = useMutation({
    mutationFn: (id: string) => {
      const template = PROJECT_TEMPLATES.find((t) => t.id === id);
      const blank = BLANKS.find((b) => b.id === id);
      const body = template ? { name: template.name, templateId: template.id, design: template.design } : { name: blank!.name, design: blankDesign(blank!.kind) };
      return apiFetch<{ id: string }>("/api/projects", { body });
    },
    onSuccess: ({ id }) => router.push(`/projects/${id}`),
  });
  const card = (t: { id: string; name: string; summary: string; kind: string }) => (
    <li key={t.id}>
      <button
        type="button"
        onClick={() => create.mutate(t.id)}
        disabled={create.isPending}
        className="flex h-full w-full flex-col rounded-xl bg-white p-5 text-left shadow-sm ring-1 ring-slate-200 transition hover:ring-brand-500 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none disabled:opacity-60"
      >
        <span className="font-semibold text-slate-900">{t.name}</span>
        <span className="mt-1 flex-1 text-sm text-slate-600">{t.summary}</span>
        <span className="mt-3 text-xs font-medium text-slate-400">{t.kind}</span>
      </button>
    </li>
  );
  return (
    <div className="space-y-6">
      {create.error && <Alert tone="error">{create.error.message}</Alert>}
      <section>
        <h2 className="mb-3 text-sm font-semibold text-slate-700">Templates</h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Templates">
          {templates.map(card)}
        </ul>
      </section>
      <section>
        <h2 className="mb-3 text-sm font-semibold text-slate-700">Start empty</h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Empty designs">
          {BLANKS.map(card)}
        </ul>
      </section>
    </div>
  );
}
