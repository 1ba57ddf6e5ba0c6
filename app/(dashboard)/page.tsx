import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { currentTeamContext } from "@/lib/auth/session";
import { connectionSummaries } from "@/lib/mturk/connections";
import { BalanceCard } from "./_components/balance-card";

export const metadata: Metadata = { title: "Overview" };

const KIND_LABELS = { builtin: "HITdesk built-in marketplace", aws: "AWS MTurk", custom: "Custom MTurk-compatible endpoint" } as const;

export default async function OverviewPage() {
  // The layout shows sign-in or "not in a team" instead; pages render alongside it, so bail quietly.
  const ctx = await currentTeamContext();
  if (!ctx) return null;
  const connection = (await connectionSummaries(ctx.team.id)).find((c) => c.environment === ctx.environment);
  return (
    <>
      <PageHeader title={ctx.team.name} description="Overview of your requester account in the current environment." />
      <div className="grid gap-6 lg:grid-cols-3">
        <BalanceCard environment={ctx.environment} />
        <Card title="Marketplace" description={`Where ${ctx.environment} work goes`} className="lg:col-span-2">
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
            <Link href="/settings#marketplace" className="font-medium text-brand-600 hover:underline">
              Connection settings →
            </Link>
          </p>
        </Card>
      </div>
    </>
  );
}
