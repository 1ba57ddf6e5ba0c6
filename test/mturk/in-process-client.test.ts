import { CreateHITCommand, GetHITCommand, ListHITsCommand, MTurkClient } from "@aws-sdk/client-mturk";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decryptSecret } from "@/lib/crypto";
import { InProcessMturkApi } from "@/lib/marketplace/admin";
import { mturkClient } from "@/lib/mturk/client";
import { createTeam } from "@/lib/teams/create-team";
import { createUser } from "@/lib/users/create-user";
import { HTML_QUESTION } from "../marketplace/harness";

async function builtinTeam(): Promise<string> {
  const tag = randomBytes(4).toString("hex");
  const owner = await createUser({ email: `in-process-${tag}@example.com`, password: "correct horse battery", name: "Owner" });
  return (await createTeam({ name: `In-process ${tag}`, ownerUserId: owner.id })).id;
}

describe("HITdesk's own client for a built-in connection", { timeout: 60_000 }, () => {
  it("sends in-process (no HTTP server runs here) and reads answers and errors as over HTTP", async () => {
    const client = await mturkClient(await builtinTeam(), "sandbox");
    const created = await client.send(
      new CreateHITCommand({ Title: "In-process", Description: "Sent without a socket", Reward: "0.05", LifetimeInSeconds: 3600, AssignmentDurationInSeconds: 300, Question: HTML_QUESTION }),
    );
    const got = await client.send(new GetHITCommand({ HITId: created.HIT!.HITId }));
    expect(got.HIT).toMatchObject({ Title: "In-process", Reward: "0.05", HITStatus: "Assignable", MaxAssignments: 1 });
    expect(got.HIT!.CreationTime).toBeInstanceOf(Date);
    expect((await client.send(new ListHITsCommand({}))).HITs!.map((h) => h.HITId)).toEqual([created.HIT!.HITId]);

    const missing = await client.send(new GetHITCommand({ HITId: "3NOSUCHHIT0000000000000000000" })).catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: "RequestError", $fault: "client", $metadata: { httpStatusCode: 400 } });
  });

  it("still checks the signature: a wrong secret is refused as it would be over HTTP", async () => {
    const teamId = await builtinTeam();
    const connection = await db.marketplaceConnection.findUniqueOrThrow({ where: { teamId_environment: { teamId, environment: "sandbox" } }, omit: { secretCiphertext: false } });
    const signedWith = (secretAccessKey: string) =>
      new MTurkClient({
        endpoint: "http://127.0.0.1:9/api/mturk/sandbox",
        region: "us-east-1",
        credentials: { accessKeyId: connection.accessKeyId, secretAccessKey },
        maxAttempts: 1,
        requestHandler: new InProcessMturkApi(),
      });
    expect((await signedWith(decryptSecret(connection.secretCiphertext)).send(new ListHITsCommand({}))).HITs).toEqual([]);
    const refused = await signedWith("wrong-secret")
      .send(new ListHITsCommand({}))
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: "InvalidSignatureException", $metadata: { httpStatusCode: 400 } });
  });
});
