import { NotifyWorkersCommand } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { answersXml } from "./fixtures/qualification-xml";
import { expectRequestError, useHarness } from "./harness";

const { h, client } = useHarness();

describe("NotifyWorkers", () => {
  it("delivers to workers who worked for the caller and hard-fails the others", async () => {
    const hit = await h.createHit({ MaxAssignments: 2 });
    const worked = await h.createWorker();
    await h.acceptAndSubmit(hit.HITId!, worked, answersXml({ q: "a" }));
    const stranger = await h.createWorker();
    const out = await client.send(new NotifyWorkersCommand({ Subject: "Bonus round", MessageText: "New HITs tomorrow.", WorkerIds: [worked, stranger, "ANOSUCHWORKER9"] }));
    expect(out.NotifyWorkersFailureStatuses).toEqual([
      { NotifyWorkersFailureCode: "HardFailure", NotifyWorkersFailureMessage: "Cannot send a message to a worker who has not worked for you.", WorkerId: stranger },
      { NotifyWorkersFailureCode: "HardFailure", NotifyWorkersFailureMessage: "Worker ANOSUCHWORKER9 does not exist.", WorkerId: "ANOSUCHWORKER9" },
    ]);
    const inbox = await db.mkWorkerMessage.findMany({ where: { workerId: { in: [worked, stranger] } } });
    expect(inbox).toMatchObject([{ workerId: worked, requesterId: h.requesterId, subject: "Bonus round", message: "New HITs tomorrow." }]);
  });

  it.each([
    ["a Subject over 200 characters", { Subject: "s".repeat(201) }, /Subject/],
    ["a MessageText over 4,096 characters", { MessageText: "m".repeat(4097) }, /MessageText/],
    ["more than 100 WorkerIds", { WorkerIds: Array.from({ length: 101 }, (_, i) => `A${String(i).padStart(13, "0")}`) }, /WorkerIds/],
  ])("refuses %s, naming the field", async (_label, override, message) => {
    await expectRequestError(client.send(new NotifyWorkersCommand({ Subject: "s", MessageText: "m", WorkerIds: ["AWORKER0000001"], ...override })), undefined, message);
  });
});
