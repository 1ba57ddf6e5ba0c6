import Link from "next/link";
import { notFound } from "next/navigation";
import { TaskWorkspace } from "@/app/worker/(site)/tasks/[assignmentId]/task-workspace";
import { EnvironmentTag, Notice } from "@/app/worker/_components/ui";
import { dollars } from "@/lib/format";
import { requireWorker } from "@/lib/marketplace/worker-site/session";
import { workerAssignment } from "@/lib/marketplace/worker-site/work";

export const metadata = { title: "Working" };

export default async function TaskPage({ params }: { params: Promise<{ assignmentId: string }> }) {
  const { assignmentId } = await params;
  const worker = await requireWorker(`/worker/tasks/${assignmentId}`);
  const a = await workerAssignment(worker.workerId, assignmentId);
  if (!a) notFound();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold tracking-tight">{a.hit.title}</h1>
            <EnvironmentTag environment={a.environment} />
          </div>
          <p className="text-sm text-stone-500">
            {a.requesterName} · {dollars(a.hit.rewardCents)}
          </p>
        </div>
      </div>
      {a.frame ? (
        <TaskWorkspace assignmentId={a.id} hitTypeId={a.hit.hitTypeId} title={a.hit.title} frame={a.frame} secondsLeft={a.secondsLeft} />
      ) : (
        <div className="space-y-3">
          <Notice tone={a.status === "Expired" ? "warning" : "info"}>
            {a.status === "Expired" ? "The time allotted for this assignment ran out. It was released for other workers." : `This assignment is ${a.status.toLowerCase()}.`}
          </Notice>
          <div className="flex gap-3 text-sm">
            <Link className="font-medium text-emerald-700 hover:underline" href="/worker/work">
              See my work
            </Link>
            <Link className="font-medium text-emerald-700 hover:underline" href={`/worker/groups/${a.hit.hitTypeId}`}>
              More HITs like this
            </Link>
          </div>
        </div>
      )}
    </div>
  );
}
