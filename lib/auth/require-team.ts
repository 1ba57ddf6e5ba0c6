import "server-only";
import type { ReactNode } from "react";
import { hasRole, type Role } from "@/lib/auth/roles";
import { currentTeamContext, type TeamContext } from "@/lib/auth/session";

/**
 * The one gate for dashboard pages, as `withTeam` is for route handlers:
 * `export default requireTeam("admin", AuditPage, { refused: (ctx) => <Alert …/> })`.
 * The page renders with the team context when the user has at least `role`; `refused` renders
 * instead when they have less. Signed out or in no team, the page renders nothing: the layout
 * shows sign-in or "not in a team", and pages render alongside it (Next renders segments in
 * parallel), so a page cannot redirect without hiding that screen.
 */
export function requireTeam<P extends object>(
  role: Role,
  page: (props: P, ctx: TeamContext) => Promise<ReactNode> | ReactNode,
  options: { refused?: (ctx: TeamContext) => ReactNode } = {},
): (props: P) => Promise<ReactNode> {
  return async (props) => {
    const ctx = await currentTeamContext();
    if (!ctx) return null;
    if (!hasRole(ctx.role, role)) return options.refused?.(ctx) ?? null;
    return page(props, ctx);
  };
}
