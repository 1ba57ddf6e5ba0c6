import { withTeam } from "@/lib/auth/guard";
import { ProjectInput } from "@/lib/projects/project-input";
import { createProject } from "@/lib/projects/projects";

export const POST = withTeam({ role: "admin", input: ProjectInput }, ({ ctx, input }) => createProject(ctx, input));
