import { z } from "zod";
import { ProjectDesign } from "@/lib/projects/project-design";

// Inputs of the project routes, shared by their forms. Safe to import from client components.

export const ProjectName = z.string().trim().min(1, "Name the project").max(120, "Name is at most 120 characters");

export const ProjectInput = z.object({
  name: ProjectName,
  templateId: z.string().max(64).optional(),
  design: ProjectDesign,
});
export type ProjectInput = z.infer<typeof ProjectInput>;

/** The name step before a project is created from a template or an empty design. */
export const NewProjectForm = ProjectInput.pick({ name: true });

/** Archive (hide from the default list) or restore a project. */
export const ProjectArchiveInput = z.object({ archived: z.boolean({ error: "Say whether the project is archived (true or false)" }) });
