import "server-only";
import { GetHITCommand } from "@aws-sdk/client-mturk";
import type { TeamContext } from "@/lib/auth/session";
import { NotFound, Unprocessable } from "@/lib/errors";
import { questionContent } from "@/lib/mturk-formats/question";
import { MturkError } from "@/lib/mturk/errors";
import { sendMturk } from "@/lib/mturk/send";
import { ProjectDesign, type QualificationRequirementInput } from "@/lib/projects/project-design";
import { createProject } from "@/lib/projects/projects";

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(n)));

/**
 * A new project whose design is this HIT's: its Question (HTML, external URL or QuestionForm)
 * and its properties. Works for HITs made outside HITdesk too; the lifetime is the HIT's
 * original one (expiration minus creation), within MTurk's limits.
 */
export async function copyHitAsProject(ctx: TeamContext, hitId: string): Promise<{ projectId: string; name: string }> {
  let hit;
  try {
    hit = (await sendMturk(ctx.team.id, ctx.environment, new GetHITCommand({ HITId: hitId }))).HIT;
  } catch (e) {
    if (e instanceof MturkError && e.kind === "request") throw new NotFound(`The marketplace no longer has this HIT, so its task cannot be copied (${e.message})`);
    throw e;
  }
  if (!hit?.Question) throw new NotFound("The marketplace returned no task for this HIT");
  const lifetime = hit.Expiration && hit.CreationTime ? (hit.Expiration.getTime() - hit.CreationTime.getTime()) / 1000 : 86_400;
  const parsed = ProjectDesign.safeParse({
    title: hit.Title,
    description: hit.Description,
    keywords: hit.Keywords ?? "",
    reward: Number(hit.Reward ?? "0").toFixed(2),
    assignmentsPerHit: clamp(hit.MaxAssignments ?? 1, 1, 1_000_000),
    lifetimeSeconds: clamp(lifetime, 30, 31_536_000),
    assignmentDurationSeconds: clamp(hit.AssignmentDurationInSeconds ?? 3600, 30, 31_536_000),
    autoApprovalDelaySeconds: clamp(hit.AutoApprovalDelayInSeconds ?? 259_200, 0, 2_592_000),
    qualificationRequirements: (hit.QualificationRequirements ?? []) as QualificationRequirementInput[],
    task: questionContent(hit.Question),
  });
  if (!parsed.success) throw new Unprocessable(`This HIT cannot become a project as it is: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const name = `Copy of ${hit.Title ?? hitId}`.slice(0, 120);
  const { id } = await createProject(ctx, { name, design: parsed.data });
  return { projectId: id, name };
}
