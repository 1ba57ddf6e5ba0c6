import type { Metadata } from "next";
import { IntentLink } from "@/components/ui/intent-link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireTeam } from "@/lib/auth/require-team";
import { connectionSummaries } from "@/lib/mturk/connections";
import { gettingStarted } from "@/lib/overview/getting-started";
import { gettingStartedHidden } from "@/lib/overview/hide-getting-started";
import { needsAttention, runningBatches } from "@/lib/overview/team-overview";
import { ActivityCard } from "./_components/activity-card";
import { BalanceCard } from "./_components/balance-card";
import { GettingStartedCard } from "./_components/getting-started-card";
import { GettingStartedToggle } from "./_components/getting-started-toggle";
import { NeedsAttentionCard } from "./_components/needs-attention-card";
import { RunningWorkCard } from "./_components/running-work-card";

export const metadata: Metadata = { title: "Overview" };

const KIND_LABELS = { builtin: "HITdesk built-in marketplace", aws: "AWS MTurk", custom: "Custom MTurk-compatible endpoint" } as const;

export default requireTeam("viewer", async function OverviewPage(_props: object, ctx) {
  const scope = { teamId: ctx.team.id, environment: ctx.environment };
  const [connections, attention, running, steps, hidden] = await Promise.all([
    connectionSummaries(ctx.team.id),
    needsAttention(scope),
    runningBatches(scope),
    gettingStarted(ctx.team.id),
    gettingStartedHidden(ctx.user.id, ctx.team.id),
  ]);
  const stepsLeft = steps.some((s) => !s.done);
  const connection = connections.find((c) => c.environment === ctx.environment);
  return (
    <>
      <PageHeader title={ctx.team.name} description={`What needs doing, what is running and how work went in ${ctx.environment}.`} />
      <div className="grid gap-6 lg:grid-cols-3">
        {stepsLeft && !hidden && <GettingStartedCard steps={steps} />}
        <NeedsAttentionCard attention={attention} />
        <BalanceCard environment={ctx.environment} depositHref={ctx.environment === "production" && connection?.kind === "builtin" && ctx.role === "owner" ? "/settings#record-deposit" : undefined} />
        <RunningWorkCard batches={running} />
        <ActivityCard environment={ctx.environment} />
        <Card title="Marketplace" description={`Where ${ctx.environment} work goes`} className="lg:col-span-3">
          {connection ? (
            <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
              <dt className="text-slate-500">Connected to</dt>
              <dd className="font-medium">{KIND_LABELS[connection.kind]}</dd>
              <dt className="text-slate-500">Endpoint</dt>
              <dd className="truncate font-mono text-xs leading-5">{connection.endpoint}</dd>
              <dt className="text-slate-500">Access key</dt>
              <dd className="font-mono text-xs leading-5">{connection.accessKeyId}</dd>
            </dl>
          ) : (
            <p className="text-sm text-slate-600">Not connected.</p>
          )}
          <p className="mt-4 text-sm">
            <IntentLink href="/settings#marketplace" className="font-medium text-brand-600 hover:underline">
              Connection settings →
            </IntentLink>
          </p>
        </Card>
      </div>
      {stepsLeft && hidden && (
        <p className="mt-6 text-sm text-slate-600" data-testid="getting-started-hidden">
          You hid the Getting started checklist. <GettingStartedToggle hidden />
        </p>
      )}
    </>
  );
});
