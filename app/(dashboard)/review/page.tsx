import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireTeam } from "@/lib/auth/require-team";
import { hitFilterOptions } from "@/lib/hits/list-hits";
import { listFeedbackTemplates } from "@/lib/review/feedback-templates";
import { reviewQueueReading } from "@/lib/review/list-review-queue";
import { QUEUE_PAGE_SIZE, QueueFilter } from "@/lib/review/review-inputs";
import { reviewSettings } from "@/lib/review/review-settings";
import { ReviewWorkspace } from "./_components/review-workspace";

export const metadata: Metadata = { title: "Review" };

export default requireTeam("viewer", async function ReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }, ctx) {
  const params = Object.fromEntries(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  const parsed = QueueFilter.safeParse(params);
  const filter: QueueFilter = parsed.success ? parsed.data : { group: "none" };
  const [settings, templates, filterOptions, queue] = await Promise.all([
    reviewSettings(ctx.team.id),
    listFeedbackTemplates(ctx.team.id),
    hitFilterOptions({ teamId: ctx.team.id, environment: ctx.environment }),
    reviewQueueReading({ teamId: ctx.team.id, environment: ctx.environment }, filter, QUEUE_PAGE_SIZE),
  ]);
  return (
    <>
      <PageHeader title="Review" description="Submitted work across your HITs, oldest first. Decide with the keyboard; rejections can be undone for a few seconds." />
      <ReviewWorkspace
        initialFilter={filter}
        initialQueue={queue}
        canAct={hasRole(ctx.role, "reviewer")}
        canEditSettings={hasRole(ctx.role, "admin")}
        reviewerLimitCents={ctx.role === "reviewer" ? ctx.team.reviewerBonusLimitCents : null}
        settings={settings}
        templates={templates}
        environment={ctx.environment === "production" ? "Production" : "Sandbox"}
        filterOptions={filterOptions}
      />
    </>
  );
});
