import { randomBytes } from "node:crypto";
import { CreateQualificationTypeCommand } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import { createWorker } from "@/lib/marketplace/work/workers";
import { teamSdk } from "./hits-seed";

/** A qualification type of the team's sandbox account, created through the SDK and cached as the sync would. */
export async function seedQualificationType(team: { id: string; name: string }, baseURL: string): Promise<string> {
  const client = await teamSdk(team, baseURL);
  const name = `Walk ${randomBytes(4).toString("hex")}`;
  const { QualificationType: t } = await client.send(new CreateQualificationTypeCommand({ Name: name, Description: "Seeded", QualificationTypeStatus: "Active" }));
  const now = new Date();
  await db.cachedQualificationType.create({
    data: {
      teamId: team.id,
      environment: "sandbox",
      qualificationTypeId: t!.QualificationTypeId!,
      name,
      description: "Seeded",
      status: "Active",
      isRequestable: true,
      autoGranted: false,
      hasTest: false,
      createdAt: now,
      syncedAt: now,
    },
  });
  return t!.QualificationTypeId!;
}

/** A worker of the built-in marketplace (no site account), for calls that need a real Worker ID. */
export async function seedMarketplaceWorker(): Promise<string> {
  return (await createWorker({ displayName: `Walk worker ${randomBytes(3).toString("hex")}` })).id;
}
