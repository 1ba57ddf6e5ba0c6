import Link from "next/link";
import { notFound } from "next/navigation";
import { AcceptButton } from "@/app/worker/(site)/groups/[hitTypeId]/accept-button";
import { TaskFrameView } from "@/app/worker/_components/task-frame";
import { EnvironmentTag, GroupFacts, Notice } from "@/app/worker/_components/ui";
import { requireWorker } from "@/lib/marketplace/worker-site/session";
import { previewGroup } from "@/lib/marketplace/worker-site/work";

export const metadata = { title: "Preview" };

export default async function GroupPreviewPage({ params }: { params: Promise<{ hitTypeId: string }> }) {
  const { hitTypeId } = await params;
  const worker = await requireWorker(`/worker/groups/${hitTypeId}`);
  const group = await previewGroup(worker.workerId, hitTypeId);
  if (!group) notFound();
  const unmet = group.requirements.filter((r) => !r.met);
  return (
    <div className="space-y-5">
      <Link href="/worker" className="text-sm text-stone-500 hover:text-stone-800">
        ← All HITs
      </Link>
      <section className="rounded-3xl bg-white p-6 shadow-sm ring-1 ring-stone-200">
        <div className="flex flex-wrap items-start justify-between gap-6">
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-2">
              <h1 className="text-xl font-semibold tracking-tight">{group.title}</h1>
              <EnvironmentTag environment={group.environment} />
            </div>
            <p className="mt-0.5 text-sm text-stone-500">{group.requesterName}</p>
            <p className="mt-3 text-sm text-stone-700">{group.description}</p>
          </div>
          <div className="flex flex-col items-end gap-3">
            <GroupFacts group={group} />
            {group.hitId && group.access.accept && <AcceptButton hitTypeId={hitTypeId} />}
          </div>
        </div>
        {group.requirements.length > 0 && (
          <div className="mt-5 border-t border-stone-100 pt-4">
            <h2 className="text-sm font-semibold text-stone-800">Qualifications required</h2>
            <ul className="mt-2 space-y-1 text-sm">
              {group.requirements.map((r, i) => (
                <li key={i} className={r.met ? "text-emerald-800" : "text-amber-900"}>
                  {r.met ? "✓ You have" : "✕ You need"}: {r.name} {r.comparator} {r.values}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>

      {!group.hitId && <Notice tone="info">You have done every HIT of this group that is still open. Thank you!</Notice>}
      {group.hitId && !group.access.accept && (
        <Notice tone="warning">
          You do not meet the qualification requirements{unmet.length ? ` (${unmet.map((r) => r.name).join(", ")})` : ""}, so you cannot accept these HITs.{" "}
          <Link className="font-semibold underline" href="/worker/qualifications">
            Find qualifications you can request or take a test for
          </Link>
          .
        </Notice>
      )}
      {group.frame ? (
        <TaskFrameView frame={group.frame} title={`Preview of ${group.title}`} label="Preview: accept the HIT to work on it" />
      ) : (
        group.hitId && <Notice tone="info">The requester shows this task only to qualified workers.</Notice>
      )}
    </div>
  );
}
