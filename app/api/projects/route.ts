import { withTeam } from "@/lib/auth/guard";
import { createProject, ProjectInput } from "@/lib/projects/projects";

export const POST = withTeam({ role: "admin", input: ProjectInput }, ({ ctx, input }) => createProject(ctx, input));
