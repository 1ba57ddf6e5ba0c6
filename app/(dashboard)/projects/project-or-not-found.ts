import "server-only";
import { notFound } from "next/navigation";
import { NotFound } from "@/lib/errors";
import { getProject } from "@/lib/projects/projects";

/** For pages: the project's latest version, or Next's not-found page. */
export async function projectOrNotFound(teamId: string, projectId: string) {
  try {
    return await getProject(teamId, projectId);
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
}
