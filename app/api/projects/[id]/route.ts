import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { setProjectArchived } from "@/lib/projects/archive-project";
import { deleteProject } from "@/lib/projects/delete-project";
import { ProjectArchiveInput, ProjectInput } from "@/lib/projects/project-input";
import { saveProjectVersion } from "@/lib/projects/projects";

export const PUT = withTeam({ role: "admin", input: ProjectInput }, ({ ctx, input, params }) => saveProjectVersion(ctx, String(params.id), input));

export const PATCH = withTeam({ role: "admin", input: ProjectArchiveInput }, ({ ctx, input, params }) => setProjectArchived(ctx, String(params.id), input.archived));

export const DELETE = withTeam({ role: "admin", input: z.object({}) }, ({ ctx, params }) => deleteProject(ctx, String(params.id)));
