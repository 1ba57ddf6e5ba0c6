import type { Metadata } from "next";
import { requireTeam } from "@/lib/auth/require-team";
import { listBatches } from "@/lib/batches/batch-status";
import { designPlaceholders } from "@/lib/projects/project-design";
import { projectOrNotFound } from "@/app/(dashboard)/projects/project-or-not-found";
import { NewBatch } from "./new-batch";

export const metadata: Metadata = { title: "Publish a batch" };

export default requireTeam("viewer", async function NewBatchPage({ params }: { params: Promise<{ id: string }> }, ctx) {
  const { id } = await params;
  const [project, batches] = await Promise.all([projectOrNotFound(ctx.team.id, id), listBatches(ctx)]);
  return (
    <NewBatch
      project={{ id: project.id, name: project.name, version: project.version, placeholders: designPlaceholders(project.design.task), title: project.design.title }}
      environment={ctx.environment}
      earlierBatches={batches.map((b) => ({ id: b.id, name: b.name }))}
    />
  );
});
