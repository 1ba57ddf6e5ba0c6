import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { hasRole } from "@/lib/auth/roles";
import { requireTeam } from "@/lib/auth/require-team";
import { batchSummary } from "@/lib/batches/batch-status";
import { batchWork } from "@/lib/batches/batch-work";
import { NotFound } from "@/lib/errors";
import { batchFairness } from "@/lib/workers/pay-fairness";
import { batchWorkerCount } from "@/lib/workers/worker-jobs";
import { BatchMessageForm } from "./batch-message-form";
import { BatchPayCard } from "./batch-pay-card";
import { BatchProgress } from "./batch-progress";
import { BatchWorkCard } from "./batch-work-card";

export const metadata: Metadata = { title: "Batch" };

export default requireTeam("viewer", async function BatchPage({ params }: { params: Promise<{ id: string }> }, ctx) {
  const { id } = await params;
  const batch = await batchSummary(ctx, id).catch((e) => {
    if (e instanceof NotFound) notFound();
    throw e;
  });
  const scope = { teamId: ctx.team.id, environment: ctx.environment };
  const isAdmin = hasRole(ctx.role, "admin");
  const [pay, workers, work] = await Promise.all([batchFairness(scope, id), isAdmin ? batchWorkerCount(scope, id) : Promise.resolve(0), batchWork(scope, [id])]);
  return (
    <div className="space-y-6">
      <BatchProgress batch={batch} />
      <BatchWorkCard batchId={id} work={work.get(id)!} />
      {pay.assignments > 0 && <BatchPayCard batchId={id} pay={pay} canPay={hasRole(ctx.role, "reviewer")} />}
      {isAdmin && workers > 0 && <BatchMessageForm batchId={id} workers={workers} />}
    </div>
  );
});
