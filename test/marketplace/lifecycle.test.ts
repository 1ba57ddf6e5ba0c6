import { GetAssignmentCommand, GetHITCommand, ListAssignmentsForHITCommand } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { acceptHit } from "@/lib/marketplace/work/accept-hit";
import { returnAssignment } from "@/lib/marketplace/work/return-assignment";
import { submitAssignment } from "@/lib/marketplace/work/submit-assignment";
import { buildQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { startHarness } from "./harness";

const answers = buildQuestionFormAnswers([{ questionIdentifier: "answer", value: { freeText: "yes" } }]);

/** Time-driven behaviour, by advancing the requester's clock instead of waiting. */
describe("HIT and assignment lifecycle", () => {
  it("goes Assignable → Unassignable → Reviewable as assignments are taken and submitted", async () => {
    const h = await startHarness();
    const hit = await h.createHit({ MaxAssignments: 2 });
    const status = async () => (await h.client.send(new GetHITCommand({ HITId: hit.HITId }))).HIT!;
    const [w1, w2] = [await h.createWorker(), await h.createWorker()];
    const a1 = await acceptHit({ workerId: w1, hitId: hit.HITId! });
    expect(await status()).toMatchObject({ HITStatus: "Assignable", NumberOfAssignmentsAvailable: 1, NumberOfAssignmentsPending: 1 });
    const a2 = await acceptHit({ workerId: w2, hitId: hit.HITId! });
    expect(await status()).toMatchObject({ HITStatus: "Unassignable", NumberOfAssignmentsAvailable: 0, NumberOfAssignmentsPending: 2 });
    await returnAssignment({ assignmentId: a2.id, workerId: w2 });
    expect(await status()).toMatchObject({ HITStatus: "Assignable", NumberOfAssignmentsAvailable: 1 });
    await expect(acceptHit({ workerId: w1, hitId: hit.HITId! })).rejects.toThrow("You have already worked on this HIT.");
    await submitAssignment({ assignmentId: a1.id, workerId: w1, answerXml: answers });
    const w3 = await h.createWorker();
    await h.acceptAndSubmit(hit.HITId!, w3, answers);
    expect(await status()).toMatchObject({ HITStatus: "Reviewable", NumberOfAssignmentsAvailable: 0, NumberOfAssignmentsPending: 0 });
    await h.close();
  });

  it("abandons work at its deadline and gives the slot back; a late submit is refused", async () => {
    const h = await startHarness();
    const hit = await h.createHit({ AssignmentDurationInSeconds: 60, LifetimeInSeconds: 3600 });
    const worker = await h.createWorker();
    const a = await acceptHit({ workerId: worker, hitId: hit.HITId! });
    await h.advanceClock(61);
    await expect(submitAssignment({ assignmentId: a.id, workerId: worker, answerXml: answers })).rejects.toThrow(/no longer be submitted|run out/);
    expect((await db.mkAssignment.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("Abandoned");
    expect((await h.client.send(new GetHITCommand({ HITId: hit.HITId }))).HIT).toMatchObject({ HITStatus: "Assignable", NumberOfAssignmentsAvailable: 1, NumberOfAssignmentsPending: 0 });
    await h.close();
  });

  it("expires at the end of its lifetime but lets accepted work finish before its deadline", async () => {
    const h = await startHarness();
    const hit = await h.createHit({ LifetimeInSeconds: 120, AssignmentDurationInSeconds: 600, MaxAssignments: 3 });
    const worker = await h.createWorker();
    const a = await acceptHit({ workerId: worker, hitId: hit.HITId! });
    await h.advanceClock(121);
    expect((await h.client.send(new GetHITCommand({ HITId: hit.HITId }))).HIT!.HITStatus).toBe("Unassignable");
    await expect(acceptHit({ workerId: await h.createWorker(), hitId: hit.HITId! })).rejects.toThrow(/taken or it has expired/);
    await submitAssignment({ assignmentId: a.id, workerId: worker, answerXml: answers });
    expect((await h.client.send(new GetHITCommand({ HITId: hit.HITId }))).HIT!.HITStatus).toBe("Reviewable");
    await h.close();
  });

  it("auto-approves and pays after AutoApprovalDelay, once", async () => {
    const h = await startHarness();
    const hit = await h.createHit({ AutoApprovalDelayInSeconds: 3600 });
    const id = await h.acceptAndSubmit(hit.HITId!, await h.createWorker(), answers);
    await h.advanceClock(3599);
    expect((await h.client.send(new GetAssignmentCommand({ AssignmentId: id }))).Assignment!.AssignmentStatus).toBe("Submitted");
    await h.advanceClock(2);
    await h.advanceClock(1);
    const out = await h.client.send(new ListAssignmentsForHITCommand({ HITId: hit.HITId }));
    expect(out.Assignments![0]!.AssignmentStatus).toBe("Approved");
    expect(await db.mkLedgerEntry.count({ where: { refId: id, kind: "reward" } })).toBe(1);
    await h.close();
  });
});
