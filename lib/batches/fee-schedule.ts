import "server-only";
import { db } from "@/lib/db";
import { feeSchedule } from "@/lib/marketplace/admin";
import { AWS_FEE_SCHEDULE, type FeeSchedule } from "@/lib/mturk-formats/fees";
import { MASTERS_TYPE_IDS } from "@/lib/mturk-formats/system-qualifications";
import type { EnvironmentName } from "@/lib/scope";

/** The fees a team's connection charges: the built-in marketplace's schedule, or AWS's published one. */
export async function teamFees(teamId: string, environment: EnvironmentName): Promise<{ schedule: FeeSchedule; builtin: boolean }> {
  const connection = await db.marketplaceConnection.findUnique({ where: { teamId_environment: { teamId, environment } }, select: { kind: true } });
  const builtin = connection?.kind === "builtin";
  return { schedule: builtin ? feeSchedule(environment) : AWS_FEE_SCHEDULE, builtin };
}

export const teamFeeSchedule = async (teamId: string, environment: EnvironmentName): Promise<FeeSchedule> => (await teamFees(teamId, environment)).schedule;

export const mastersTypeIds = (environment: EnvironmentName): string[] => [MASTERS_TYPE_IDS[environment]];
