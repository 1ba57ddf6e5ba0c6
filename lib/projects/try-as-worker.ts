import "server-only";
import { CreateHITCommand } from "@aws-sdk/client-mturk";
import { z } from "zod";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { Conflict, Invalid } from "@/lib/errors";
import { sendMturk } from "@/lib/mturk/send";
import { questionForRow } from "@/lib/projects/project-design";
import { getProject } from "@/lib/projects/projects";

export const TryAsWorkerInput = z.object({ values: z.record(z.string(), z.string().max(16_000)).default({}) });

/**
 * Publishes one sandbox HIT of the project's latest version with the sample values, for the
 * requester to work on the worker site. Sandbox of the built-in marketplace only: no money, and
 * the worker site is where the HIT will show.
 */
export async function tryAsWorker(ctx: TeamContext, projectId: string, values: Record<string, string>): Promise<{ hitId: string; workerUrl: string }> {
  const connection = await db.marketplaceConnection.findUnique({ where: { teamId_environment: { teamId: ctx.team.id, environment: "sandbox" } }, select: { kind: true } });
  if (connection?.kind !== "builtin") throw new Conflict("Try it as a worker needs the sandbox connected to HITdesk's built-in marketplace");
  const project = await getProject(ctx.team.id, projectId);
  const d = project.design;
  let question: string;
  try {
    question = questionForRow(d.task, values);
  } catch (e) {
    throw new Invalid(`Sample values: ${(e as Error).message}`);
  }
  const out = await sendMturk(
    ctx.team.id,
    "sandbox",
    new CreateHITCommand({
      Title: `[Try] ${d.title}`.slice(0, 128),
      Description: d.description,
      Keywords: d.keywords || undefined,
      Reward: d.reward,
      MaxAssignments: 1,
      LifetimeInSeconds: 86_400,
      AssignmentDurationInSeconds: d.assignmentDurationSeconds,
      AutoApprovalDelayInSeconds: d.autoApprovalDelaySeconds,
      Question: question,
      RequesterAnnotation: `hitdesk:try=${projectId};v=${project.version}`,
    }),
  );
  const hit = out.HIT!;
  await recordAudit({ ...ctx, environment: "sandbox" }, "project.try", project.name, { projectId, hitId: hit.HITId });
  return { hitId: hit.HITId!, workerUrl: `/worker/groups/${hit.HITTypeId}` };
}
