"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { apiFetch } from "@/lib/api-client";
import { blankDesign } from "@/lib/projects/blank-designs";
import { NewProjectForm } from "@/lib/projects/project-input";
import { PROJECT_TEMPLATES } from "@/lib/projects/templates";

const BLANKS = [
  { id: "blank-html", name: "Blank HTML task", summary: "Your own HTMLQuestion, with ${placeholders} for CSV columns.", kind: "HTMLQuestion" as const },
  { id: "blank-external", name: "Your own website", summary: "An ExternalQuestion: workers see your page, which posts back to turkSubmitTo.", kind: "ExternalQuestion" as const },
  { id: "blank-questionform", name: "QuestionForm XML", summary: "Raw QuestionForm XML, rendered natively for workers.", kind: "QuestionForm" as const },
];

interface Choice {
  id: string;
  name: string;
  summary: string;
  kind: string;
  /** A template (with a thumbnail of its task), or an empty design. */
  template: boolean;
}

/**
 * The task as workers see it, shrunk to a thumbnail: a sandboxed frame (opaque origin) that
 * takes no clicks or focus and is hidden from assistive technology (the card names the template).
 */
function TaskThumbnail({ templateId }: { templateId: string }) {
  return (
    <span className="pointer-events-none relative mb-3 block h-36 overflow-hidden rounded-lg bg-slate-50 ring-1 ring-slate-200" aria-hidden="true">
      <iframe
        src={`/task-preview/templates/${templateId}`}
        sandbox="allow-scripts"
        tabIndex={-1}
        loading="lazy"
        title=""
        className="absolute top-0 left-0 h-[576px] w-[400%] origin-top-left scale-25 border-0 bg-white"
      />
    </span>
  );
}

/** Names the project (the template's name to start with), then creates it and opens the editor. */
function NameDialog({ choice, onClose }: { choice: Choice; onClose: () => void }) {
  const router = useRouter();
  const [name, setName] = useState(choice.name);
  const [error, setError] = useState<string | undefined>();
  const create = useMutation({
    mutationFn: (projectName: string) => {
      const template = PROJECT_TEMPLATES.find((t) => t.id === choice.id);
      const blank = BLANKS.find((b) => b.id === choice.id);
      const body = template ? { name: projectName, templateId: template.id, design: template.design } : { name: projectName, design: blankDesign(blank!.kind) };
      return apiFetch<{ id: string }>("/api/projects", { body });
    },
    onSuccess: ({ id }) => router.push(`/projects/${id}`),
  });
  return (
    <Dialog title={`New project from “${choice.name}”`} onClose={onClose}>
      <form
        className="space-y-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = NewProjectForm.safeParse({ name });
          if (!parsed.success) return setError(parsed.error.issues[0]!.message);
          setError(undefined);
          create.mutate(parsed.data.name);
        }}
      >
        <Field label="Project name" error={error} hint="Only your team sees it; workers see the HIT title.">
          <Input autoFocus value={name} invalid={!!error} onChange={(e) => setName(e.target.value)} onFocus={(e) => e.target.select()} />
        </Field>
        {create.error && <Alert tone="error">{create.error.message}</Alert>}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending || create.isSuccess}>
            {create.isPending || create.isSuccess ? "Creating…" : "Create project"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function TemplatePicker() {
  const templates: Choice[] = PROJECT_TEMPLATES.map((t) => ({ id: t.id, name: t.name, summary: t.summary, kind: t.design.task.kind, template: true }));
  const blanks: Choice[] = BLANKS.map((b) => ({ ...b, template: false }));
  const [chosen, setChosen] = useState<Choice | null>(null);
  // The frame sits beside the button, not in it (a button holds no interactive content); the
  // button's ::after stretches over the whole card so a click anywhere picks it.
  const card = (t: Choice) => (
    <li
      key={t.id}
      className="relative flex flex-col rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 transition hover:ring-brand-500 has-[button:focus-visible]:ring-2 has-[button:focus-visible]:ring-brand-600"
    >
      {t.template && <TaskThumbnail templateId={t.id} />}
      <button type="button" onClick={() => setChosen(t)} className="flex flex-1 flex-col text-left after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none">
        <span className="font-semibold text-slate-900">{t.name}</span>
        <span className="mt-1 flex-1 text-sm text-slate-600">{t.summary}</span>
        <span className="mt-3 text-xs font-medium text-slate-500">{t.kind}</span>
      </button>
    </li>
  );
  return (
    <div className="space-y-6">
      <section>
        <h2 className="mb-3 text-sm font-semibold text-slate-700">Templates</h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Templates">
          {templates.map(card)}
        </ul>
      </section>
      <section>
        <h2 className="mb-3 text-sm font-semibold text-slate-700">Start empty</h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Empty designs">
          {blanks.map(card)}
        </ul>
      </section>
      {chosen && <NameDialog choice={chosen} onClose={() => setChosen(null)} />}
    </div>
  );
}
