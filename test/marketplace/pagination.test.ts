import {
  AssociateQualificationWithWorkerCommand,
  CreateQualificationTypeCommand,
  CreateWorkerBlockCommand,
  ListAssignmentsForHITCommand,
  ListBonusPaymentsCommand,
  ListHITsCommand,
  ListHITsForQualificationTypeCommand,
  ListQualificationRequestsCommand,
  ListQualificationTypesCommand,
  ListReviewableHITsCommand,
  ListWorkerBlocksCommand,
  ListWorkersWithQualificationTypeCommand,
  SendBonusCommand,
  paginateListHITs,
} from "@aws-sdk/client-mturk";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestQualification } from "@/lib/marketplace/work/request-qualification";
import { startHarness, type Harness } from "./harness";

/**
 * Every List operation pages as MTurk does: each page with results carries a NextToken, the
 * last one too, and only an empty page has none (Mephisto and psiTurk read NextToken from every
 * page with results). A loop that follows the tokens sees every item once and makes exactly one
 * call past the last results.
 */
let h: Harness;
let hitIds: string[];
let hitId: string;
let assignmentId: string;
let typeId: string;
let workers: string[];

beforeAll(async () => {
  h = await startHarness();
  const type = await h.client.send(new CreateQualificationTypeCommand({ Name: `Paging ${randomBytes(5).toString("hex")}`, Description: "d", QualificationTypeStatus: "Active" }));
  typeId = type.QualificationType!.QualificationTypeId!;
  const requirement = [{ QualificationTypeId: typeId, Comparator: "DoesNotExist" as const }];
  hitIds = [];
  for (let i = 0; i < 3; i++) hitIds.push((await h.createHit({ Title: `Paging ${i}`, QualificationRequirements: requirement })).HITId!);
  hitId = (await h.createHit({ MaxAssignments: 3 })).HITId!;
  hitIds.push(hitId);
  workers = [];
  const assignments = [];
  for (let i = 0; i < 3; i++) {
    const w = await h.createWorker();
    workers.push(w);
    assignments.push(await h.acceptAndSubmit(hitId, w));
  }
  assignmentId = assignments[0]!;
  for (let i = 0; i < 3; i++) await h.client.send(new SendBonusCommand({ WorkerId: workers[0], AssignmentId: assignmentId, BonusAmount: "0.10", Reason: `Bonus ${i}` }));
  for (const w of workers) await h.client.send(new CreateWorkerBlockCommand({ WorkerId: w, Reason: "Paging" }));
  for (const w of workers) await h.client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: typeId, WorkerId: w, IntegerValue: 1, SendNotification: false }));
  const requestable = await h.client.send(new CreateQualificationTypeCommand({ Name: `Requests ${randomBytes(5).toString("hex")}`, Description: "d", QualificationTypeStatus: "Active" }));
  for (let i = 0; i < 3; i++) await requestQualification({ workerId: await h.createWorker(), qualificationTypeId: requestable.QualificationType!.QualificationTypeId! });
});

afterAll(() => h.close());

type Page = { NextToken?: string; NumResults?: number };

/** Follows NextToken with MaxResults 2; returns the items and what each page looked like. */
async function follow<T>(fetch: (token: string | undefined) => Promise<Page>, items: (page: Page) => T[] | undefined) {
  const all: T[] = [];
  const shape: [number, boolean][] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    const got = items(page) ?? [];
    all.push(...got);
    shape.push([got.length, !!page.NextToken]);
    if (got.length > 0) expect(page.NumResults).toBe(got.length);
    token = page.NextToken;
    expect(shape.length).toBeLessThan(10);
  } while (token);
  return { all, shape };
}

describe("pagination of every List operation", () => {
  it.each([
    ["ListHITs", (t?: string) => h.client.send(new ListHITsCommand({ MaxResults: 2, NextToken: t })), (p: Page) => (p as { HITs?: { HITId?: string }[] }).HITs?.map((x) => x.HITId), 4],
    [
      "ListReviewableHITs",
      (t?: string) => h.client.send(new ListReviewableHITsCommand({ MaxResults: 2, NextToken: t })),
      (p: Page) => (p as { HITs?: { HITId?: string }[] }).HITs?.map((x) => x.HITId),
      1,
    ],
    [
      "ListHITsForQualificationType",
      (t?: string) => h.client.send(new ListHITsForQualificationTypeCommand({ QualificationTypeId: typeId, MaxResults: 2, NextToken: t })),
      (p: Page) => (p as { HITs?: { HITId?: string }[] }).HITs?.map((x) => x.HITId),
      3,
    ],
    [
      "ListAssignmentsForHIT",
      (t?: string) => h.client.send(new ListAssignmentsForHITCommand({ HITId: hitId, MaxResults: 2, NextToken: t })),
      (p: Page) => (p as { Assignments?: { AssignmentId?: string }[] }).Assignments?.map((x) => x.AssignmentId),
      3,
    ],
    [
      "ListBonusPayments",
      (t?: string) => h.client.send(new ListBonusPaymentsCommand({ AssignmentId: assignmentId, MaxResults: 2, NextToken: t })),
      (p: Page) => (p as { BonusPayments?: { Reason?: string }[] }).BonusPayments?.map((x) => x.Reason),
      3,
    ],
    [
      "ListWorkerBlocks",
      (t?: string) => h.client.send(new ListWorkerBlocksCommand({ MaxResults: 2, NextToken: t })),
      (p: Page) => (p as { WorkerBlocks?: { WorkerId?: string }[] }).WorkerBlocks?.map((x) => x.WorkerId),
      3,
    ],
    [
      "ListWorkersWithQualificationType",
      (t?: string) => h.client.send(new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: typeId, MaxResults: 2, NextToken: t })),
      (p: Page) => (p as { Qualifications?: { WorkerId?: string }[] }).Qualifications?.map((x) => x.WorkerId),
      3,
    ],
    [
      "ListQualificationRequests",
      (t?: string) => h.client.send(new ListQualificationRequestsCommand({ MaxResults: 2, NextToken: t })),
      (p: Page) => (p as { QualificationRequests?: { QualificationRequestId?: string }[] }).QualificationRequests?.map((x) => x.QualificationRequestId),
      3,
    ],
    [
      "ListQualificationTypes",
      (t?: string) => h.client.send(new ListQualificationTypesCommand({ MustBeRequestable: false, MustBeOwnedByCaller: true, MaxResults: 2, NextToken: t })),
      (p: Page) => (p as { QualificationTypes?: { QualificationTypeId?: string }[] }).QualificationTypes?.map((x) => x.QualificationTypeId),
      2,
    ],
  ] as const)("%s: a NextToken on every page with results, none on the empty page after them", async (_name, fetch, items, count) => {
    const { all, shape } = await follow<string | undefined>(fetch, items);
    expect(all).toHaveLength(count);
    expect(new Set(all).size).toBe(count);
    const full = Math.floor(count / 2);
    expect(shape).toEqual([...Array.from({ length: full }, () => [2, true]), ...(count % 2 ? [[1, true]] : []), [0, false]]);
  });

  it("the JavaScript SDK's paginator ends on the empty page, each HIT once", async () => {
    const pages: number[] = [];
    const seen: string[] = [];
    for await (const page of paginateListHITs({ client: h.client, pageSize: 3 }, {})) {
      pages.push(page.HITs!.length);
      seen.push(...page.HITs!.map((x) => x.HITId!));
    }
    expect(pages).toEqual([3, 1, 0]);
    expect(seen).toEqual(hitIds);
  });
});
