import { GetQualificationTypeCommand } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Invalid, NotFound } from "@/lib/errors";
import { createQualificationType } from "@/lib/qualifications/create-qualification-type";
import { deleteQualificationType } from "@/lib/qualifications/delete-qualification-type";
import { getQualificationType } from "@/lib/qualifications/get-qualification-type";
import { listQualificationTypes } from "@/lib/qualifications/list-qualification-types";
import { QualificationTypeInput, QualificationTypeUpdate } from "@/lib/qualifications/qualification-type-input";
import { setQualificationTypeStatus, updateQualificationType } from "@/lib/qualifications/update-qualification-type";
import { useHarness } from "@/test/marketplace/harness";
import { teamOnHarness } from "@/test/support/team-on-harness";

const sandbox = useHarness({ environment: "sandbox" });

const builderTest = {
  mode: "builder",
  title: "Sentiment test",
  questions: [
    {
      identifier: "q1",
      text: "Is 'great' positive?",
      kind: "single",
      choices: [
        { identifier: "yes", text: "Yes", correct: true },
        { identifier: "no", text: "No" },
      ],
    },
  ],
  autoScore: true,
  mapping: { kind: "percentage" },
  durationSec: 600,
} as const;

describe("qualification types", () => {
  it("creates a type with a builder test, caches it at once, edits, deactivates and deletes it, auditing each", async () => {
    const ctx = await teamOnHarness(sandbox.h);
    const input = QualificationTypeInput.parse({
      name: `Sentiment ${Date.now()}`,
      description: "Passes the sentiment test",
      keywords: "sentiment",
      status: "Active",
      retryDelaySec: 3600,
      autoGranted: false,
      test: builderTest,
    });
    const { qualificationTypeId } = await createQualificationType(ctx, input);

    const live = (await sandbox.h.client.send(new GetQualificationTypeCommand({ QualificationTypeId: qualificationTypeId }))).QualificationType!;
    expect(live.Test).toContain("<QuestionForm");
    expect(live.AnswerKey).toContain("<PercentageMapping>");
    expect(live.TestDurationInSeconds).toBe(600);
    expect(live.RetryDelayInSeconds).toBe(3600);
    const listed = await listQualificationTypes(ctx.team.id, "sandbox");
    expect(listed.rows).toEqual([expect.objectContaining({ qualificationTypeId, hasTest: true, status: "Active", pendingRequests: 0 })]);

    await updateQualificationType(ctx, qualificationTypeId, QualificationTypeUpdate.parse({ description: "Changed", status: "Active", retryDelaySec: 60, autoGranted: false, test: { mode: "none" } }));
    const changed = (await sandbox.h.client.send(new GetQualificationTypeCommand({ QualificationTypeId: qualificationTypeId }))).QualificationType!;
    expect([changed.Description, changed.RetryDelayInSeconds, changed.Test]).toEqual(["Changed", 60, live.Test]);

    await setQualificationTypeStatus(ctx, qualificationTypeId, "Inactive");
    expect((await listQualificationTypes(ctx.team.id, "sandbox")).rows[0]!.status).toBe("Inactive");

    await deleteQualificationType(ctx, qualificationTypeId);
    expect((await listQualificationTypes(ctx.team.id, "sandbox")).rows).toEqual([]);
    const actions = (await db.auditLog.findMany({ where: { teamId: ctx.team.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["qualification.create", "qualification.update", "qualification.deactivate", "qualification.delete"]);
  });

  it("refuses a raw XML test that does not parse, naming the part, before calling the marketplace", async () => {
    const ctx = await teamOnHarness(sandbox.h);
    const input = QualificationTypeInput.parse({
      name: "Raw",
      description: "d",
      status: "Active",
      retryDelaySec: null,
      autoGranted: false,
      test: { mode: "xml", testXml: "<QuestionForm/>", durationSec: 60 },
    });
    await expect(createQualificationType(ctx, input)).rejects.toThrow(Invalid);
    await expect(createQualificationType(ctx, input)).rejects.toThrow(/Test \(QuestionForm\)/);
    const badChoice = QualificationTypeInput.parse({
      name: "Builder",
      description: "d",
      status: "Active",
      retryDelaySec: null,
      autoGranted: false,
      test: { ...builderTest, questions: [{ ...builderTest.questions[0], choices: [{ identifier: "yes", text: "Yes" }] }] },
    });
    await expect(createQualificationType(ctx, badChoice)).rejects.toThrow("Question 1: give at least two choices");
    expect(await db.cachedQualificationType.count({ where: { teamId: ctx.team.id } })).toBe(0);
  });

  it("explains a refusal: a second type with the same name", async () => {
    const ctx = await teamOnHarness(sandbox.h);
    const input = QualificationTypeInput.parse({
      name: `Twice ${Date.now()}`,
      description: "d",
      status: "Active",
      retryDelaySec: null,
      autoGranted: true,
      autoGrantedValue: 5,
      test: { mode: "none" },
    });
    await createQualificationType(ctx, input);
    await expect(createQualificationType(ctx, input)).rejects.toThrow(/refused the qualification type: You have already created/);
  });

  it("keeps the answer key from the marketplace when scoring is off, until a new test replaces it or the type is deleted", async () => {
    const ctx = await teamOnHarness(sandbox.h);
    const input = QualificationTypeInput.parse({
      name: `Read by a person ${Date.now()}`,
      description: "d",
      status: "Active",
      retryDelaySec: null,
      autoGranted: false,
      test: { ...builderTest, autoScore: false },
    });
    const { qualificationTypeId } = await createQualificationType(ctx, input);
    const live = (await sandbox.h.client.send(new GetQualificationTypeCommand({ QualificationTypeId: qualificationTypeId }))).QualificationType!;
    expect([live.Test?.includes("<QuestionForm"), live.AnswerKey]).toEqual([true, undefined]);
    const kept = await getQualificationType(ctx.team.id, "sandbox", qualificationTypeId);
    expect([kept.answerKeyXml, kept.reviewKeyXml]).toEqual([null, expect.stringContaining("<PercentageMapping>")]);

    // Unchanged by an edit that keeps the test; replaced by one that sends its key.
    const update = (test: object) => QualificationTypeUpdate.parse({ description: "d", status: "Active", retryDelaySec: null, autoGranted: false, test });
    await updateQualificationType(ctx, qualificationTypeId, update({ mode: "none" }));
    expect((await getQualificationType(ctx.team.id, "sandbox", qualificationTypeId)).reviewKeyXml).toBe(kept.reviewKeyXml);
    await updateQualificationType(ctx, qualificationTypeId, update({ ...builderTest, mapping: { kind: "sum" } }));
    const sent = await getQualificationType(ctx.team.id, "sandbox", qualificationTypeId);
    expect([sent.answerKeyXml?.includes("<AnswerKey"), sent.reviewKeyXml]).toEqual([true, null]);

    const other = await createQualificationType(ctx, QualificationTypeInput.parse({ ...input, name: `Another ${Date.now()}` }));
    await deleteQualificationType(ctx, other.qualificationTypeId);
    expect(await db.qualificationReviewKey.count({ where: { teamId: ctx.team.id } })).toBe(0);
  });

  it("leaves another team's type alone even when both teams share one MTurk account: not found, unchanged", async () => {
    const owner = await teamOnHarness(sandbox.h);
    const other = await teamOnHarness(sandbox.h);
    const input = QualificationTypeInput.parse({
      name: `Shared account ${Date.now()}`,
      description: "Owned by one team",
      status: "Active",
      retryDelaySec: null,
      autoGranted: false,
      test: { mode: "none" },
    });
    const { qualificationTypeId } = await createQualificationType(owner, input);
    const update = QualificationTypeUpdate.parse({ description: "Taken over", status: "Inactive", retryDelaySec: null, autoGranted: false, test: { mode: "none" } });

    await expect(getQualificationType(other.team.id, "sandbox", qualificationTypeId)).rejects.toBeInstanceOf(NotFound);
    await expect(updateQualificationType(other, qualificationTypeId, update)).rejects.toBeInstanceOf(NotFound);
    await expect(setQualificationTypeStatus(other, qualificationTypeId, "Inactive")).rejects.toBeInstanceOf(NotFound);
    await expect(deleteQualificationType(other, qualificationTypeId)).rejects.toBeInstanceOf(NotFound);

    const live = (await sandbox.h.client.send(new GetQualificationTypeCommand({ QualificationTypeId: qualificationTypeId }))).QualificationType!;
    expect(live).toMatchObject({ Description: "Owned by one team", QualificationTypeStatus: "Active" });
    expect(await db.auditLog.count({ where: { teamId: other.team.id, target: qualificationTypeId } })).toBe(0);
  });
});
