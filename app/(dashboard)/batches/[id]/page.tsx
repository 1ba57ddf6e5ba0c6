import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { hasRole } from "@/lib/auth/roles";
import { currentTeamContext } from "@/lib/auth/session";
import { batchStatus } from "@/lib/batches/batch-status";
import { HttpError } from "@/lib/http-error";
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
  return <BatchProgress initial={JSON.parse(JSON.stringify(status))} canControl={hasRole(ctx.role, "admin")} />;
}
