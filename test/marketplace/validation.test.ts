import { execFile } from "node:child_process";
import path from "node:path";
import {
  CreateHITCommand,
  CreateQualificationTypeCommand,
  CreateWorkerBlockCommand,
  GetAssignmentCommand,
  ListHITsCommand,
  NotifyWorkersCommand,
  RejectAssignmentCommand,
  SendBonusCommand,
} from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { HTML_QUESTION, expectValidationError, useHarness } from "./harness";
import { signedPost } from "./signed-post";
import { rowFingerprint } from "./row-fingerprint";

/**
 * Issue 11 (defects 2, 3, 9) and issue 12 (points 2, 4): input that breaks the service model
 * answers ValidationException (HTTP 400, never retried) before anything is written; rules
 * stricter than the model are gone; the body is always inside the signature.
 */
const { h, client } = useHarness();
const TARGET = "MTurkRequesterServiceV20170117";
const NUL = "\u0000";

const hitInput = { Title: "Classify", Description: "Say positive or negative", Reward: "0.05", LifetimeInSeconds: 3600, AssignmentDurationInSeconds: 600, Question: HTML_QUESTION };

async function submittedAssignment(): Promise<{ hitId: string; assignmentId: string; workerId: string }> {
  const hit = await h.createHit();
  const workerId = await h.createWorker();
  return { hitId: hit.HITId!, assignmentId: await h.acceptAndSubmit(hit.HITId!, workerId), workerId };
}

async function raw(target: string, body: string) {
  const res = await signedPost({ url: h.endpoint, target: `${TARGET}.${target}`, body, accessKeyId: h.accessKeyId, secretAccessKey: h.secretAccessKey });
  return { status: res.status, json: (await res.json()) as Record<string, string> };
}

describe("NUL and other control characters", () => {
  it("answers ValidationException, not a retried ServiceFault, and writes nothing", async () => {
    const { assignmentId, workerId } = await submittedAssignment();
    const before = await rowFingerprint(h.requesterId);
    const calls: [string, Promise<unknown>][] = [
      ["title", client.send(new CreateHITCommand({ ...hitInput, Title: `a${NUL}b` }))],
      ["description", client.send(new CreateHITCommand({ ...hitInput, Description: `a${NUL}` }))],
      ["question", client.send(new CreateHITCommand({ ...hitInput, Question: HTML_QUESTION.replace("<form", `<form${NUL}`) }))],
      ["requesterAnnotation", client.send(new CreateHITCommand({ ...hitInput, RequesterAnnotation: `batch${NUL}7` }))],
      ["name", client.send(new CreateQualificationTypeCommand({ Name: `q${NUL}`, Description: "d", QualificationTypeStatus: "Active" }))],
      ["description", client.send(new CreateQualificationTypeCommand({ Name: "q", Description: `d${NUL}`, QualificationTypeStatus: "Active" }))],
      ["subject", client.send(new NotifyWorkersCommand({ Subject: `s${NUL}`, MessageText: "m", WorkerIds: [workerId] }))],
      ["messageText", client.send(new NotifyWorkersCommand({ Subject: "s", MessageText: `m${NUL}`, WorkerIds: [workerId] }))],
      ["requesterFeedback", client.send(new RejectAssignmentCommand({ AssignmentId: assignmentId, RequesterFeedback: `no${NUL}` }))],
      ["reason", client.send(new CreateWorkerBlockCommand({ WorkerId: workerId, Reason: `r${NUL}` }))],
      ["reason", client.send(new SendBonusCommand({ WorkerId: workerId, AssignmentId: assignmentId, BonusAmount: "0.10", Reason: `r\u0007` }))],
      ["title", client.send(new CreateHITCommand({ ...hitInput, Title: "lone \ud800 surrogate" }))],
    ];
    for (const [member, call] of calls) {
      const e = await expectValidationError(call, new RegExp(`^1 validation error detected: Value '.*' at '${member}' failed to satisfy constraint: Member must not contain control characters`));
      expect(e.message).not.toContain(NUL);
    }
    expect(await rowFingerprint(h.requesterId)).toEqual(before);
  });

  it("keeps tab, line feed and carriage return, which XML and Postgres hold", async () => {
    const hit = await h.createHit({ Description: "line one\r\nline two\tand a tab" });
    expect(hit.Description).toBe("line one\r\nline two\tand a tab");
  });
});

describe("ValidationException on the wire", () => {
  it("is AWS's coral ValidationException with member paths in lower camel case", async () => {
    const res = await raw("SendBonus", JSON.stringify({ WorkerId: "A1", AssignmentId: "X", BonusAmount: "1.234" }));
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      __type: "com.amazon.coral.validate#ValidationException",
      message:
        "2 validation errors detected: Value null at 'reason' failed to satisfy constraint: Member must not be null; Value '1.234' at 'bonusAmount' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9]+(\\.)?[0-9]{0,2}$",
    });
  });

  it("refuses wrong types, out-of-range numbers and bodies that are not objects", async () => {
    expect(await raw("ListHITs", JSON.stringify({ MaxResults: "10" }))).toMatchObject({
      status: 400,
      json: { message: expect.stringContaining("at 'maxResults' failed to satisfy constraint: Member must be a 32-bit integer") },
    });
    expect(await raw("CreateHIT", JSON.stringify({ ...hitInput, MaxAssignments: 2 ** 40 }))).toMatchObject({ status: 400, json: { __type: "com.amazon.coral.validate#ValidationException" } });
    expect(await raw("GetHIT", JSON.stringify({ HITId: { nested: true } }))).toMatchObject({ status: 400, json: { message: expect.stringContaining("Value {...} at 'hITId'") } });
    for (const body of ["null", "[]", '"x"', "7"]) expect(await raw("ListHITs", body)).toMatchObject({ status: 400, json: { __type: "SerializationException" } });
  });

  it("quotes at most 256 characters of a huge value", async () => {
    const res = await raw("GetHIT", JSON.stringify({ HITId: "x".repeat(1_000_000) }));
    expect(res.status).toBe(400);
    expect(res.json.message!.length).toBeLessThan(1000);
  });
});

describe("deep nesting", () => {
  it("answers 400 to 20,000 levels anywhere in the body, and writes nothing", async () => {
    const before = await rowFingerprint(h.requesterId);
    const deepArray = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    const deepObject = `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`;
    const bodies: [string, string][] = [
      ["CreateHIT", JSON.stringify(hitInput).replace('"Title":"Classify"', `"Title":${deepArray}`)],
      ["CreateHIT", JSON.stringify(hitInput).replace('"Title":"Classify"', `"Title":"Classify","Unknown":${deepObject}`).replace('"Reward":"0.05"', '"Reward":"0.001"')],
      ["CreateHIT", JSON.stringify(hitInput).replace('"Title":"Classify"', `"Title":"Classify","QualificationRequirements":[${deepObject}]`)],
      ["NotifyWorkers", `{"Subject":"s","MessageText":"m","WorkerIds":${deepArray}}`],
      ["ListHITs", deepArray],
    ];
    for (const [op, body] of bodies) {
      const res = await raw(op, body);
      expect(res.status, `${op}: ${JSON.stringify(res.json).slice(0, 200)}`).toBe(400);
    }
    expect(await rowFingerprint(h.requesterId)).toEqual(before);
  });

  it("drops unknown members, however deep, and runs the operation", async () => {
    const body = JSON.stringify(hitInput).replace('"Title":"Classify"', `"Title":"Classify","Unknown":${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`);
    const res = await raw("CreateHIT", body);
    expect(res.status).toBe(200);
  });
});

describe("CreateHIT writes its HIT type in the HIT's transaction", () => {
  it("leaves no HIT type behind when the HIT is refused", async () => {
    const title = `Unique title ${Date.now()}`;
    const count = () => db.mkHitType.count({ where: { requesterId: h.requesterId, title } });
    const refused = await client.send(new CreateHITCommand({ ...hitInput, Title: title, Question: "<HTMLQuestion>" })).then(
      () => undefined,
      (e: Error & { TurkErrorCode?: string }) => e,
    );
    expect(refused?.name).toBe("RequestError");
    expect(await count()).toBe(0);
    await client.send(new CreateHITCommand({ ...hitInput, Title: title }));
    expect(await count()).toBe(1);
  });

  it("shares one HIT type among concurrent CreateHITs with the same properties", async () => {
    const title = `Concurrent ${Date.now()}`;
    const hits = await Promise.all(Array.from({ length: 6 }, () => client.send(new CreateHITCommand({ ...hitInput, Title: title }))));
    expect(new Set(hits.map((o) => o.HIT!.HITTypeId)).size).toBe(1);
    expect(await db.mkHitType.count({ where: { requesterId: h.requesterId, title } })).toBe(1);
  });
});

describe("rules no stricter than the model", () => {
  it("rejects with an empty RequesterFeedback through the JS SDK", async () => {
    const { assignmentId } = await submittedAssignment();
    await client.send(new RejectAssignmentCommand({ AssignmentId: assignmentId, RequesterFeedback: "" }));
    const a = (await client.send(new GetAssignmentCommand({ AssignmentId: assignmentId }))).Assignment!;
    expect(a.AssignmentStatus).toBe("Rejected");
    expect(a.RequesterFeedback).toBeUndefined();
  });

  it("accepts empty texts the model allows (bonus Reason, NotifyWorkers, no workers at all)", async () => {
    const { assignmentId, workerId } = await submittedAssignment();
    await client.send(new SendBonusCommand({ WorkerId: workerId, AssignmentId: assignmentId, BonusAmount: "0.10", Reason: "" }));
    expect(await db.mkBonusPayment.findFirst({ where: { assignmentId }, select: { reason: true } })).toEqual({ reason: "" });
    expect((await client.send(new NotifyWorkersCommand({ Subject: "", MessageText: "", WorkerIds: [] }))).NotifyWorkersFailureStatuses).toEqual([]);
  });

  it("still refuses what MTurk documents: RequesterFeedback over 1024 characters", async () => {
    const { assignmentId } = await submittedAssignment();
    await expect(client.send(new RejectAssignmentCommand({ AssignmentId: assignmentId, RequesterFeedback: "x".repeat(1025) }))).rejects.toMatchObject({ name: "RequestError" });
  });
});

describe("boto3", () => {
  it("rejects with RequesterFeedback='' as psiTurk does, and reads ValidationException as a client error it does not retry", async () => {
    const { assignmentId } = await submittedAssignment();
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        "python3",
        [path.join("test", "marketplace", "boto3_validation.py")],
        {
          env: {
            NODE_ENV: "test",
            PATH: process.env.PATH,
            HITDESK_MTURK_ENDPOINT: h.endpoint,
            AWS_ACCESS_KEY_ID: h.accessKeyId,
            AWS_SECRET_ACCESS_KEY: h.secretAccessKey,
            ASSIGNMENT_ID: assignmentId,
          },
          timeout: 60_000,
        },
        (error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout, stderr }),
      );
    });
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as Record<string, unknown>;
    expect(out.rejected_status).toBe("Rejected");
    for (const mode of ["legacy", "standard"]) {
      expect(out[`nul_${mode}`]).toMatchObject({ code: "ValidationException", status: 400, retries: 0 });
      expect((out[`nul_${mode}`] as { message: string }).message).toMatch(
        /^1 validation error detected: Value '.*' at 'title' failed to satisfy constraint: Member must not contain control characters/,
      );
    }
    expect(out.reward).toMatchObject({ code: "ValidationException", status: 400, retries: 0, message: expect.stringContaining("Value '1.234' at 'reward'") });
  });
});

describe("UNSIGNED-PAYLOAD", () => {
  it("is refused: the body must be inside the signature", async () => {
    const res = await signedPost({
      url: h.endpoint,
      target: `${TARGET}.ListHITs`,
      body: JSON.stringify({}),
      accessKeyId: h.accessKeyId,
      secretAccessKey: h.secretAccessKey,
      // The signer puts a declared x-amz-content-sha256 into the signature instead of the body's hash.
      headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
      sentBody: JSON.stringify({ MaxResults: 1 }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: "InvalidSignatureException", Message: expect.stringContaining("UNSIGNED-PAYLOAD") });
    // The same call signed over its body goes through.
    expect((await client.send(new ListHITsCommand({ MaxResults: 1 }))).NumResults).toBeLessThanOrEqual(1);
  });
});
