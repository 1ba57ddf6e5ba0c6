import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { currentTeamContext } from "@/lib/auth/session";
import { connectionSummaries } from "@/lib/mturk/connections";
import { listPendingInvites } from "@/lib/teams/invites";
import { listMembers } from "@/lib/teams/members";
import { ConnectionsSection } from "./_components/connections-section";
import { MembersSection } from "./_components/members-section";
import { NewTeamSection } from "./_components/new-team-section";
import { TeamSection } from "./_components/team-section";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const ctx = (await currentTeamContext())!;
  const isAdmin = hasRole(ctx.role, "admin");
  const [members, invites, connections] = await Promise.all([
    listMembers(ctx.team.id),
    isAdmin ? listPendingInvites(ctx.team.id) : Promise.resolve([]),
    connectionSummaries(ctx.team.id),
  ]);
  return (
    <>
      <PageHeader title="Settings" description={`Team ${ctx.team.name}: members, marketplace connections and limits.`} />
      <div className="space-y-6">
        <TeamSection name={ctx.team.name} reviewerBonusLimitCents={ctx.team.reviewerBonusLimitCents} canEdit={isAdmin} />
        <MembersSection
          currentUserId={ctx.user.id}
          role={ctx.role}
          members={members.map((m) => ({ id: m.id, role: m.role, email: m.user.email, name: m.user.name, userId: m.user.id }))}
          invites={invites.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt.toISOString() }))}
        />
        <ConnectionsSection connections={connections} role={ctx.role} />
        <NewTeamSection />
      </div>
    </>
  );
}
