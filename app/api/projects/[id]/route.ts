import { withTeam } from "@/lib/auth/guard";
import { ProjectInput, saveProjectVersion } from "@/lib/projects/projects";

export const PUT = withTeam({ role: "admin", input: ProjectInput }, ({ ctx, input, params }) => saveProjectVersion(ctx, String(params.id), input));
