import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AuthShell } from "@/components/auth-shell";
import { LiveUpdates } from "@/components/live/live-updates";
import { AppShell } from "@/components/shell/app-shell";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { currentTeamContext, currentUser } from "@/lib/auth/session";
import { noteTeamActivityInBackground } from "@/lib/sync/note-team-activity";
import { notificationsReading } from "@/lib/notifications/member-notifications";
import { syncStatusReading } from "@/lib/sync/sync-team";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const ctx = await currentTeamContext();
  if (!ctx) {
    if (!(await currentUser())) redirect("/login");
    return (
      <AuthShell title="You are not in a team" subtitle="Ask an owner or admin of your team for a new invitation.">
        <SignOutButton />
      </AuthShell>
    );
  }
  noteTeamActivityInBackground(ctx.team.id, ctx.environment);
  const [status, notifications] = await Promise.all([syncStatusReading(ctx.team.id, ctx.environment), notificationsReading(ctx)]);
  return (
    <AppShell
      user={{ email: ctx.user.email, name: ctx.user.name }}
      team={{ id: ctx.team.id, name: ctx.team.name }}
      role={ctx.role}
      teams={ctx.teams}
      environment={ctx.environment}
      syncStatus={status}
      notifications={notifications}
    >
      <LiveUpdates teamId={ctx.team.id} environment={ctx.environment} renderedAt={status.readAt} />
      {children}
    </AppShell>
  );
}
