import "server-only";
import type { Db, Tx } from "@/lib/db";

/** Grants (or re-grants) a qualification, replacing any earlier value or revocation. */
export async function grantQualification(client: Tx | Db, g: { qualificationTypeId: string; workerId: string; value: number; now: Date }): Promise<void> {
  const granted = { integerValue: g.value, status: "Granted", grantTime: g.now, revokeReason: null };
  await client.mkQualification.upsert({
    where: { qualificationTypeId_workerId: { qualificationTypeId: g.qualificationTypeId, workerId: g.workerId } },
    create: { qualificationTypeId: g.qualificationTypeId, workerId: g.workerId, ...granted },
    update: granted,
  });
}
