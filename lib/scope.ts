import type { TeamContext } from "@/lib/auth/session";

/** The two marketplaces a team works in; every team row belongs to one. */
export const ENVIRONMENTS = ["sandbox", "production"] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** What every team query filters by, so a missed check cannot read another team's data. */
export type Scope = { teamId: string; environment: EnvironmentName };

/** Who makes a change: the team and environment it applies to and the user the audit log names. */
export type Actor = Pick<TeamContext, "team" | "user" | "environment">;
