/** Team roles, weakest first. Safe to import from client components. */
export const ROLES = ["viewer", "reviewer", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, reviewer: 1, admin: 2, owner: 3 };

export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  reviewer: "Reviewer",
  viewer: "Viewer",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Everything, including billing and owners",
  admin: "Everything except changing owners",
  reviewer: "Review, approve, reject, bonus up to the team limit",
  viewer: "Read only",
};
