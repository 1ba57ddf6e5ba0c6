import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireTeam } from "@/lib/auth/require-team";
import { appUrl } from "@/lib/env";
import { connectionSummaries } from "@/lib/mturk/connections";
import { builtinEndpointPath } from "@/lib/mturk/endpoints";
import { listTeamApiKeys } from "@/lib/teams/api-keys";
import { listPendingInvites } from "@/lib/teams/invites";
import { listMembers } from "@/lib/teams/members";
import { teamWorkforce } from "@/lib/teams/worker-invites";
import { minimumHourlyCents } from "@/lib/workers/pay-fairness";
import { ApiKeysSection } from "./_components/api-keys-section";
import { ConnectionsSection } from "./_components/connections-section";
import { MembersSection } from "./_components/members-section";
import { NewTeamSection } from "./_components/new-team-section";
import { SimulatedWorkforceSection } from "./_components/simulated-workforce-section";
import { TeamSection } from "./_components/team-section";
import { WorkforceSection } from "./_components/workforce-section";

export const metadata: Metadata = { title: "Settings" };

export default requireTeam("viewer", async function SettingsPage(_props: object, ctx) {
  const isAdmin = hasRole(ctx.role, "admin");
  const [members, invites, connections, apiKeys] = await Promise.all([
    listMembers(ctx.team.id),
    isAdmin ? listPendingInvites(ctx.team.id) : Promise.resolve([]),
    connectionSummaries(ctx.team.id),
    isAdmin ? listTeamApiKeys(ctx.team.id) : Promise.resolve(null),
  ]);
  const builtin = connections.find((c) => c.environment === ctx.environment)?.kind === "builtin";
  const workforce = isAdmin && builtin ? await teamWorkforce(ctx) : null;
  return (
    <>
      <PageHeader title="Settings" description={`Team ${ctx.team.name}: members, marketplace connections and limits.`} />
      <div className="space-y-6">
        <TeamSection
          name={ctx.team.name}
          slug={ctx.team.slug}
          reviewerBonusLimitCents={ctx.team.reviewerBonusLimitCents}
          minimumHourlyCents={await minimumHourlyCents(ctx.team.id)}
          canEdit={isAdmin}
        />
        <MembersSection
          currentUserId={ctx.user.id}
          role={ctx.role}
          members={members.map((m) => ({ id: m.id, role: m.role, email: m.user.email, name: m.user.name, userId: m.user.id }))}
          invites={invites.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt.toISOString() }))}
        />
        <ConnectionsSection connections={connections} role={ctx.role} />
        <Card title="Notifications" description="Your own choice of what shows in the bell and what comes by e-mail: finished batches, work due for review, low balance.">
          <Link href="/settings/notifications" className="text-sm font-medium text-brand-700 hover:underline">
            Choose your notifications →
          </Link>
        </Card>
        {isAdmin && (
          <Card title="Webhooks" description="Signed HTTP POSTs to your own receivers when work is submitted, decided or a HIT expires.">
            <Link href="/settings/webhooks" className="text-sm font-medium text-brand-700 hover:underline">
              Manage webhooks and see their deliveries →
            </Link>
          </Card>
        )}
        {apiKeys && <ApiKeysSection keys={apiKeys} endpoints={{ sandbox: `${appUrl()}${builtinEndpointPath("sandbox")}`, production: `${appUrl()}${builtinEndpointPath("production")}` }} />}
        {/* Simulated workers exist only in the sandbox: in Production the section would only distract. */}
        {ctx.environment === "sandbox" && <SimulatedWorkforceSection canEdit={isAdmin} />}
        {workforce && (
          <WorkforceSection
            environment={workforce.environment}
            openWorkforce={workforce.openWorkforce}
            invites={workforce.invites.map((i) => ({ ...i, expiresAt: i.expiresAt?.toISOString() ?? null }))}
            members={workforce.members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() }))}
          />
        )}
        <NewTeamSection />
      </div>
    </>
  );
});
