import type { ReactNode } from "react";
import { Logo } from "@/components/logo";
import { EnvironmentSwitch } from "@/components/shell/environment-switch";
import { IntentLink } from "@/components/ui/intent-link";
import { NavLinks } from "@/components/shell/nav-links";
import { NotificationBell } from "@/components/shell/notification-bell";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { SyncStatus } from "@/components/shell/sync-status";
import { TeamSwitch } from "@/components/shell/team-switch";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";
import type { TeamSummary } from "@/lib/auth/session";
import type { NotificationList } from "@/lib/notifications/notification-types";
import type { EnvironmentName } from "@/lib/scope";
import type { SyncStatus as SyncStatusReading } from "@/lib/sync/sync-team";

export function AppShell(props: {
  user: { email: string; name: string | null };
  team: { id: string; name: string };
  role: Role;
  teams: TeamSummary[];
  environment: EnvironmentName;
  /** The sync status as the layout read it, the header's first reading. */
  syncStatus: { status: SyncStatusReading; readAt: number };
  /** The member's notifications as the layout read them, the bell's first reading. */
  notifications: { list: NotificationList; readAt: number };
  children: ReactNode;
}) {
  const production = props.environment === "production";
  return (
    <div className="min-h-screen" data-environment={props.environment}>
      {production && (
        <div data-testid="production-band" className="sticky top-0 z-30 bg-red-600 px-4 py-1.5 text-center text-xs font-bold tracking-wide text-white uppercase">
          Production · real workers, real money
        </div>
      )}
      <header className={`sticky z-20 border-b ${production ? "top-7 border-red-200 bg-red-50" : "top-0 border-slate-200 bg-white"}`}>
        <div className="flex h-14 items-center gap-4 px-4 lg:px-6">
          <Logo />
          <TeamSwitch teams={props.teams} activeTeamId={props.team.id} />
          <div className="ml-auto flex items-center gap-4">
            <SyncStatus environment={props.environment} initial={props.syncStatus} />
            <EnvironmentSwitch environment={props.environment} />
            <NotificationBell environment={props.environment} initial={props.notifications} />
            <div className="hidden text-right text-xs leading-tight sm:block">
              <div className="font-medium text-slate-800">{props.user.name ?? props.user.email}</div>
              <div className="text-slate-500" data-testid="current-role">
                {ROLE_LABELS[props.role]}
              </div>
            </div>
            <IntentLink href="/account" className="text-sm font-medium text-slate-600 hover:text-slate-900">
              Account
            </IntentLink>
            <SignOutButton />
          </div>
        </div>
      </header>
      <div className="flex">
        <nav aria-label="Main" className="sticky top-14 hidden h-[calc(100vh-3.5rem)] w-56 shrink-0 border-r border-slate-200 bg-white px-3 py-4 md:block">
          <NavLinks />
        </nav>
        <main className="min-w-0 flex-1 px-4 py-6 lg:px-8">
          {production && (
            <p className="mb-4 inline-flex items-center gap-2 rounded-full bg-red-100 px-3 py-1 text-xs font-semibold text-red-800">
              <span aria-hidden className="h-2 w-2 rounded-full bg-red-600" /> You are in Production
            </p>
          )}
          {props.children}
        </main>
      </div>
    </div>
  );
}
