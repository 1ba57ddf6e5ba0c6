import { randomBytes } from "node:crypto";
import { CreateQualificationTypeCommand } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
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
