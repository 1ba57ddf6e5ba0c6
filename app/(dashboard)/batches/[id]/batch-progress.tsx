import Link from "next/link";
import { JobProgress } from "@/components/jobs/job-progress";
import type { batchSummary } from "@/lib/batches/batch-status";
import { centsToDollars } from "@/lib/money";

/** A batch and its creation job's progress; pause, resume and cancel act on the durable job. */
export function BatchProgress({ batch }: { batch: Awaited<ReturnType<typeof batchSummary>> }) {
  return (
    <div className="space-y-6">
      <div>
        <Link href="/projects" className="text-sm text-slate-500 hover:text-slate-800">
          ← Projects
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{batch.name}</h1>
        <p className="text-sm text-slate-500">
          {batch.project ? (
            <>
              <Link className="hover:underline" href={`/projects/${batch.project.id}`}>
                {batch.project.name}
              </Link>{" "}
              v{batch.project.version} ·{" "}
            </>
          ) : null}
          {batch.rowCount} rows · {batch.environment} · up to ${centsToDollars(batch.estimatedCostCents)}
        </p>
      </div>
      <section className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        {batch.jobId && <JobProgress jobId={batch.jobId} what="Batch" testId="batch-progress" />}
        <p className="text-xs text-slate-500">The job runs on the server: you can close this page, and a restart resumes it without creating any HIT twice.</p>
      </section>
      <section className="flex flex-wrap gap-3 text-sm">
        <a href={`/api/batches/${batch.id}/results`} className="rounded-md bg-white px-3.5 py-2 font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50">
          Download results (CSV)
        </a>
        <Link href={`/hits?batch=${batch.id}`} className="rounded-md px-3.5 py-2 font-semibold text-brand-700 hover:bg-brand-50">
          See the batch&apos;s HITs
        </Link>
      </section>
    </div>
  );
}
