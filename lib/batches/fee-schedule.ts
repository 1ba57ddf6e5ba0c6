import "server-only";
import { db } from "@/lib/db";
import { feeSchedule } from "@/lib/marketplace/admin";
import { AWS_FEE_SCHEDULE, type FeeSchedule } from "@/lib/mturk-formats/fees";
import { MASTERS_TYPE_IDS } from "@/lib/mturk-formats/system-qualifications";
import type { EnvironmentName } from "@/lib/scope";

/** The fees a team's connection charges: the built-in marketplace's schedule, or AWS's published one. */
export async function teamFeeSchedule(teamId: string, environment: EnvironmentName): Promise<FeeSchedule> {
  const connection = await db.marketplaceConnection.findUnique({ where: { teamId_environment: { teamId, environment } }, select: { kind: true } });
  return connection?.kind === "builtin" ? feeSchedule(environment) : AWS_FEE_SCHEDULE;
}

export const mastersTypeIds = (environment: EnvironmentName): string[] => [MASTERS_TYPE_IDS[environment]];
