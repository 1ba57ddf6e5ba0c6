import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { hasRole } from "@/lib/auth/roles";
import { currentTeamContext } from "@/lib/auth/session";
import { batchStatus } from "@/lib/batches/batch-status";
import { HttpError } from "@/lib/http-error";
import { batchFairness } from "@/lib/workers/pay-fairness";
import { batchWorkerCount } from "@/lib/workers/worker-jobs";
import { BatchMessageForm } from "./batch-message-form";
import { BatchPayCard } from "./batch-pay-card";
import { BatchProgress } from "./batch-progress";

export const metadata: Metadata = { title: "Batch" };

export default async function BatchPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await currentTeamContext();
  if (!ctx) return null;
  const { id } = await params;
  const status = await batchStatus(ctx, id).catch((e) => {
    if (e instanceof HttpError && e.status === 404) notFound();
    throw e;
  });
  const scope = { teamId: ctx.team.id, environment: ctx.environment };
  const isAdmin = hasRole(ctx.role, "admin");
  const [pay, workers] = await Promise.all([batchFairness(scope, id), isAdmin ? batchWorkerCount(scope, id) : Promise.resolve(0)]);
  return (
    <div className="space-y-6">
      <BatchProgress initial={JSON.parse(JSON.stringify(status))} canControl={isAdmin} />
      {pay.assignments > 0 && <BatchPayCard batchId={id} pay={pay} canPay={hasRole(ctx.role, "reviewer")} />}
      {isAdmin && workers > 0 && <BatchMessageForm batchId={id} workers={workers} />}
    </div>
  );
}
