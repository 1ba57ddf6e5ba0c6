import { CreateHITCommand, MTurkClient } from "@aws-sdk/client-mturk";
import { provisionRequester } from "@/lib/marketplace/requesters";
import { acceptHit } from "@/lib/marketplace/work/accept-hit";
import { submitAssignment } from "@/lib/marketplace/work/submit-assignment";
import { createWorker } from "@/lib/marketplace/work/workers";
import { buildQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import type { SeededTeam } from "./seed";

const QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<!DOCTYPE html><html><body><p>Is this review positive?</p><form name="mturk_form" method="post" action="https://www.mturk.com/mturk/externalSubmit"><input type="hidden" name="assignmentId"><input name="sentiment"><input type="submit"></form></body></html>]]></HTMLContent><FrameHeight>400</FrameHeight></HTMLQuestion>`;

async function requesterClient(team: SeededTeam, baseURL: string): Promise<MTurkClient> {
  const keys = await provisionRequester(team.id, "sandbox", team.name);
  return new MTurkClient({ endpoint: `${baseURL}/api/mturk/sandbox`, region: "us-east-1", credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey } });
}

/** A batch of HITs created through the SDK against the running server, each submitted by workers. */
export async function submittedBatch(team: SeededTeam, baseURL: string, answers: string[][]) {
  const client = await requesterClient(team, baseURL);
  const assignments: { assignmentId: string; workerId: string; hitId: string }[] = [];
  for (const [i, perWorker] of answers.entries()) {
    const { HIT } = await client.send(
      new CreateHITCommand({
        Title: `Sentiment of review #${i + 1}`,
        Description: "Read one product review and say whether it is positive",
        Reward: "0.10",
        LifetimeInSeconds: 3600,
        AssignmentDurationInSeconds: 600,
        AutoApprovalDelayInSeconds: 3 * 86_400,
        MaxAssignments: perWorker.length,
        Question: QUESTION,
        RequesterAnnotation: JSON.stringify({ review_text: `The blender is ${i === 0 ? "great" : "loud"}`, image_url: "https://example.com/blender.png" }),
      }),
    );
    for (const sentiment of perWorker) {
      const workerId = (await createWorker({ displayName: "Review e2e worker" })).id;
      const a = await acceptHit({ workerId, hitId: HIT!.HITId! });
      await submitAssignment({ assignmentId: a.id, workerId, answerXml: buildQuestionFormAnswers([{ questionIdentifier: "sentiment", value: { freeText: sentiment } }]) });
      assignments.push({ assignmentId: a.id, workerId, hitId: HIT!.HITId! });
    }
  }
  return { client, assignments };
}

/** One HIT with the given HTMLQuestion content, submitted by one worker with the given answers (crowd-form's taskAnswers, say). */
export async function submittedTask(team: SeededTeam, baseURL: string, html: string, answers: Record<string, string>) {
  const client = await requesterClient(team, baseURL);
  const { HIT } = await client.send(
    new CreateHITCommand({
      Title: "Review a submitted task",
      Description: "A task whose answers the reviewer reads back",
      Reward: "0.10",
      LifetimeInSeconds: 3600,
      AssignmentDurationInSeconds: 600,
      MaxAssignments: 1,
      Question: `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[${html}]]></HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>`,
    }),
  );
  const workerId = (await createWorker({ displayName: "Review e2e worker" })).id;
  const a = await acceptHit({ workerId, hitId: HIT!.HITId! });
  const answerXml = buildQuestionFormAnswers(Object.entries(answers).map(([questionIdentifier, freeText]) => ({ questionIdentifier, value: { freeText } })));
  await submitAssignment({ assignmentId: a.id, workerId, answerXml });
  return { client, assignmentId: a.id, hitId: HIT!.HITId! };
}
