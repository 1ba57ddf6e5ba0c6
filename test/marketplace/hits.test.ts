import {
  CreateAdditionalAssignmentsForHITCommand,
  CreateHITTypeCommand,
  CreateHITWithHITTypeCommand,
  DeleteHITCommand,
  GetHITCommand,
  ListHITsCommand,
  ListReviewableHITsCommand,
  UpdateExpirationForHITCommand,
  UpdateHITReviewStatusCommand,
  UpdateHITTypeOfHITCommand,
  paginateListHITs,
  paginateListReviewableHITs,
} from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { HTML_QUESTION, expectRequestError, expectValidationError, startHarness, useHarness } from "./harness";

const { h, client } = useHarness();

const typeProps = { Title: "Transcribe a receipt", Description: "Type the total", Reward: "0.25", AssignmentDurationInSeconds: 300, AutoApprovalDelayInSeconds: 3600, Keywords: "receipt, ocr" };

async function expireNow(hitId: string) {
  await client.send(new UpdateExpirationForHITCommand({ HITId: hitId, ExpireAt: new Date(0) }));
}

describe("CreateHIT", () => {
  it("creates an Assignable HIT with every field MTurk returns", async () => {
    const hit = await h.createHit({ MaxAssignments: 3, RequesterAnnotation: "batch-7", Keywords: "a, b" });
    expect(hit).toMatchObject({ HITStatus: "Assignable", MaxAssignments: 3, Reward: "0.05", RequesterAnnotation: "batch-7", Keywords: "a, b", HITReviewStatus: "NotReviewed" });
    expect(hit.HITId).toMatch(/^[A-Z0-9]{30}$/);
    expect(hit.HITTypeId).toMatch(/^[A-Z0-9]{30}$/);
    expect(hit).toMatchObject({ NumberOfAssignmentsAvailable: 3, NumberOfAssignmentsPending: 0, NumberOfAssignmentsCompleted: 0, Question: HTML_QUESTION });
    expect(hit.Expiration!.getTime() - hit.CreationTime!.getTime()).toBe(3600 * 1000);
  });

  it("reuses the HIT type for identical properties", async () => {
    const a = await h.createHit({ Title: "Same type" });
    const b = await h.createHit({ Title: "Same type", LifetimeInSeconds: 7200 });
    const c = await h.createHit({ Title: "Other type" });
    expect(a.HITTypeId).toBe(b.HITTypeId);
    expect(c.HITTypeId).not.toBe(a.HITTypeId);
  });

  it("refuses a second HIT with the same UniqueRequestToken, naming the first", async () => {
    const first = await h.createHit({ UniqueRequestToken: "row-17" });
    const e = await expectRequestError(h.createHit({ UniqueRequestToken: "row-17" }), "AWS.MechanicalTurk.HitAlreadyExists");
    expect(e.message).toContain(first.HITId!);
  });

  it("allows the token again after 24 hours", async () => {
    const own = await startHarness();
    await own.createHit({ UniqueRequestToken: "daily" });
    await own.advanceClock(24 * 3600 + 1);
    await expect(own.createHit({ UniqueRequestToken: "daily" })).resolves.toMatchObject({ HITStatus: "Assignable" });
    await own.close();
  });

  it("validates values the SDK does not check, naming the field", async () => {
    await expectValidationError(h.createHit({ Reward: "1.234" }), /Value '1\.234' at 'reward'/);
    await expectRequestError(h.createHit({ Title: "x".repeat(129) }), undefined, /Title is 129 characters; the limit is 128/);
    await expectRequestError(h.createHit({ LifetimeInSeconds: 10 }), undefined, /LifetimeInSeconds must be between 30 and 31536000/);
    await expectRequestError(h.createHit({ Question: "<HTMLQuestion>" }), "AWS.MechanicalTurk.XMLParseError", /not well-formed/);
    await expectRequestError(h.createHit({ Question: "<Foo/>" }), "AWS.MechanicalTurk.XMLParseError", /root element/);
    const external = `<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd"><ExternalURL>http://insecure.example.com</ExternalURL><FrameHeight>0</FrameHeight></ExternalQuestion>`;
    await expectRequestError(h.createHit({ Question: external }), undefined, /ExternalURL must be an https URL/);
    await expectRequestError(h.createHit({ Question: undefined }), undefined, /Question is required/);
    await expectRequestError(h.createHit({ QualificationRequirements: [{ QualificationTypeId: "NOSUCHTYPE00000000000000000000", Comparator: "Exists" }] }));
  });
});

describe("CreateHITType", () => {
  it("returns the same id for the same properties and a new one otherwise", async () => {
    const a = await client.send(new CreateHITTypeCommand(typeProps));
    const b = await client.send(new CreateHITTypeCommand(typeProps));
    const c = await client.send(new CreateHITTypeCommand({ ...typeProps, Reward: "0.30" }));
    expect(a.HITTypeId).toBe(b.HITTypeId);
    expect(c.HITTypeId).not.toBe(a.HITTypeId);
  });

  it("refuses an out-of-range duration", async () => {
    await expectRequestError(client.send(new CreateHITTypeCommand({ ...typeProps, AssignmentDurationInSeconds: 5 })), undefined, /AssignmentDurationInSeconds/);
  });
});

describe("CreateHITWithHITType", () => {
  it("creates a HIT carrying the type's properties", async () => {
    const { HITTypeId } = await client.send(new CreateHITTypeCommand(typeProps));
    const { HIT } = await client.send(new CreateHITWithHITTypeCommand({ HITTypeId, LifetimeInSeconds: 600, MaxAssignments: 2, Question: HTML_QUESTION }));
    expect(HIT).toMatchObject({ HITTypeId, Title: typeProps.Title, Reward: "0.25", AssignmentDurationInSeconds: 300, AutoApprovalDelayInSeconds: 3600, MaxAssignments: 2 });
  });

  it("refuses an unknown or another requester's HIT type", async () => {
    const other = await h.otherRequesterClient();
    const { HITTypeId } = await other.send(new CreateHITTypeCommand(typeProps));
    await expectRequestError(client.send(new CreateHITWithHITTypeCommand({ HITTypeId, LifetimeInSeconds: 600, Question: HTML_QUESTION })), "AWS.MechanicalTurk.HITTypeDoesNotExist");
  });

  it("shares the UniqueRequestToken namespace with CreateHIT", async () => {
    const { HITTypeId } = await client.send(new CreateHITTypeCommand(typeProps));
    await h.createHit({ UniqueRequestToken: "shared-token" });
    await expectRequestError(
      client.send(new CreateHITWithHITTypeCommand({ HITTypeId, LifetimeInSeconds: 600, Question: HTML_QUESTION, UniqueRequestToken: "shared-token" })),
      "AWS.MechanicalTurk.HitAlreadyExists",
    );
  });
});

describe("GetHIT", () => {
  it("returns the HIT", async () => {
    const hit = await h.createHit();
    expect((await client.send(new GetHITCommand({ HITId: hit.HITId }))).HIT).toEqual(hit);
  });

  it("says HITDoesNotExist for unknown ids and for other requesters' HITs", async () => {
    await expectRequestError(client.send(new GetHITCommand({ HITId: "NOSUCHHIT000000000000000000000" })), "AWS.MechanicalTurk.HITDoesNotExist", /Hit NOSUCHHIT0+ does not exist/);
    const hit = await h.createHit();
    const other = await h.otherRequesterClient();
    await expectRequestError(other.send(new GetHITCommand({ HITId: hit.HITId })), "AWS.MechanicalTurk.HITDoesNotExist");
  });
});

describe("ListHITs", () => {
  it("pages through every HIT exactly once, even while HITs are being created", async () => {
    const own = await startHarness();
    const created = new Set<string>();
    for (let i = 0; i < 23; i++) created.add((await own.createHit({ Title: `HIT ${i}` })).HITId!);
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListHITs({ client: own.client, pageSize: 5 }, {})) {
      pages++;
      expect(page.NumResults).toBe(page.HITs!.length);
      seen.push(...page.HITs!.map((x) => x.HITId!));
      if (pages === 2) await own.createHit({ Title: "inserted while paging" });
    }
    expect(pages).toBe(6); // 24 HITs in pages of 5, then the empty page: as on MTurk, only it has no NextToken
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of created) expect(seen).toContain(id);
    await own.close();
  });

  it("refuses MaxResults over 100 and a forged NextToken", async () => {
    await expectValidationError(h.client.send(new ListHITsCommand({ MaxResults: 101 })), /maxResults/);
    await expectRequestError(h.client.send(new ListHITsCommand({ NextToken: "forged" })), undefined, /NextToken/);
  });
});

describe("ListReviewableHITs", () => {
  it("lists HITs that are Reviewable (default) or Reviewing, by HIT type", async () => {
    const own = await startHarness();
    const a = await own.createHit({ Title: "rev A" });
    const b = await own.createHit({ Title: "rev B" });
    await own.createHit({ Title: "still open" });
    for (const x of [a, b]) await own.client.send(new UpdateExpirationForHITCommand({ HITId: x.HITId, ExpireAt: new Date(0) }));
    await own.client.send(new UpdateHITReviewStatusCommand({ HITId: b.HITId }));
    const reviewable = [];
    for await (const p of paginateListReviewableHITs({ client: own.client, pageSize: 1 }, {})) reviewable.push(...p.HITs!.map((x) => x.HITId));
    expect(reviewable).toEqual([a.HITId]);
    const reviewing = await own.client.send(new ListReviewableHITsCommand({ Status: "Reviewing", HITTypeId: b.HITTypeId }));
    expect(reviewing.HITs!.map((x) => x.HITId)).toEqual([b.HITId]);
    await own.close();
  });
});

describe("UpdateExpirationForHIT", () => {
  it("expires a HIT now with a past time, making it Reviewable", async () => {
    const hit = await h.createHit();
    await expireNow(hit.HITId!);
    expect((await client.send(new GetHITCommand({ HITId: hit.HITId }))).HIT!.HITStatus).toBe("Reviewable");
  });

  it("extends but never shortens; extending reopens a Reviewable HIT", async () => {
    const hit = await h.createHit();
    const later = new Date(hit.Expiration!.getTime() + 3600_000);
    await client.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: later }));
    expect((await client.send(new GetHITCommand({ HITId: hit.HITId }))).HIT!.Expiration).toEqual(later);
    await expectRequestError(client.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: new Date(later.getTime() - 60_000) })), undefined, /cannot shorten/);
    await expireNow(hit.HITId!);
    await client.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: new Date(Date.now() + 7200_000) }));
    expect((await client.send(new GetHITCommand({ HITId: hit.HITId }))).HIT!.HITStatus).toBe("Assignable");
  });
});

describe("UpdateHITReviewStatus", () => {
  it("moves Reviewable to Reviewing and back with Revert", async () => {
    const hit = await h.createHit();
    await expectRequestError(client.send(new UpdateHITReviewStatusCommand({ HITId: hit.HITId })), "AWS.MechanicalTurk.InvalidHITState", /Reviewable/);
    await expireNow(hit.HITId!);
    await client.send(new UpdateHITReviewStatusCommand({ HITId: hit.HITId }));
    expect((await client.send(new GetHITCommand({ HITId: hit.HITId }))).HIT!.HITStatus).toBe("Reviewing");
    await client.send(new UpdateHITReviewStatusCommand({ HITId: hit.HITId, Revert: true }));
    expect((await client.send(new GetHITCommand({ HITId: hit.HITId }))).HIT!.HITStatus).toBe("Reviewable");
  });
});

describe("UpdateHITTypeOfHIT", () => {
  it("gives the HIT the new type's properties", async () => {
    const hit = await h.createHit();
    const { HITTypeId } = await client.send(new CreateHITTypeCommand(typeProps));
    await client.send(new UpdateHITTypeOfHITCommand({ HITId: hit.HITId, HITTypeId }));
    expect((await client.send(new GetHITCommand({ HITId: hit.HITId }))).HIT).toMatchObject({ HITTypeId, Title: typeProps.Title, Reward: "0.25" });
    await expectRequestError(client.send(new UpdateHITTypeOfHITCommand({ HITId: hit.HITId, HITTypeId: "NOSUCHTYPE00000000000000000000" })), "AWS.MechanicalTurk.HITTypeDoesNotExist");
  });
});

describe("CreateAdditionalAssignmentsForHIT", () => {
  it("adds assignments, once per UniqueRequestToken", async () => {
    const hit = await h.createHit({ MaxAssignments: 2 });
    const first = await client.send(new CreateAdditionalAssignmentsForHITCommand({ HITId: hit.HITId, NumberOfAdditionalAssignments: 3, UniqueRequestToken: "more-1" }));
    const again = await expectRequestError(
      client.send(new CreateAdditionalAssignmentsForHITCommand({ HITId: hit.HITId, NumberOfAdditionalAssignments: 3, UniqueRequestToken: "more-1" })),
      "AWS.MechanicalTurk.DuplicateRequest",
      /more-1/,
    );
    // The model: "subsequent calls will return an error with a message containing the request ID".
    expect(again.message).toContain(first.$metadata.requestId!);
    expect((await client.send(new GetHITCommand({ HITId: hit.HITId }))).HIT).toMatchObject({ MaxAssignments: 5, NumberOfAssignmentsAvailable: 5 });
  });

  it("never takes a HIT created with fewer than 10 assignments to 10 or more", async () => {
    const small = await h.createHit({ MaxAssignments: 9 });
    await expectRequestError(
      client.send(new CreateAdditionalAssignmentsForHITCommand({ HITId: small.HITId, NumberOfAdditionalAssignments: 1 })),
      "AWS.MechanicalTurk.InvalidMaximumAssignmentsIncrease",
    );
    const big = await h.createHit({ MaxAssignments: 10 });
    await client.send(new CreateAdditionalAssignmentsForHITCommand({ HITId: big.HITId, NumberOfAdditionalAssignments: 5 }));
    expect((await client.send(new GetHITCommand({ HITId: big.HITId }))).HIT!.MaxAssignments).toBe(15);
  });

  it("reopens a HIT whose assignments were all done", async () => {
    const hit = await h.createHit({ MaxAssignments: 1 });
    await h.acceptAndSubmit(hit.HITId!, await h.createWorker());
    expect((await client.send(new GetHITCommand({ HITId: hit.HITId }))).HIT!.HITStatus).toBe("Reviewable");
    await client.send(new CreateAdditionalAssignmentsForHITCommand({ HITId: hit.HITId, NumberOfAdditionalAssignments: 1 }));
    expect((await client.send(new GetHITCommand({ HITId: hit.HITId }))).HIT!.HITStatus).toBe("Assignable");
  });
});

describe("DeleteHIT", () => {
  it("disposes of a Reviewable HIT whose work is decided; it then disappears", async () => {
    const hit = await h.createHit();
    await expectRequestError(client.send(new DeleteHITCommand({ HITId: hit.HITId })), "AWS.MechanicalTurk.InvalidHITState", /only a Reviewable HIT can be deleted/);
    await expireNow(hit.HITId!);
    await client.send(new DeleteHITCommand({ HITId: hit.HITId }));
    await expectRequestError(client.send(new GetHITCommand({ HITId: hit.HITId })), "AWS.MechanicalTurk.HITDoesNotExist");
    const listed = [];
    for await (const p of paginateListHITs({ client, pageSize: 100 }, {})) listed.push(...p.HITs!.map((x) => x.HITId));
    expect(listed).not.toContain(hit.HITId);
  });

  it("refuses while submitted work is undecided, explaining why", async () => {
    const hit = await h.createHit();
    await h.acceptAndSubmit(hit.HITId!, await h.createWorker());
    await expectRequestError(client.send(new DeleteHITCommand({ HITId: hit.HITId })), "AWS.MechanicalTurk.InvalidHITState", /1 submitted assignment\(s\) not yet approved or rejected/);
  });
});
