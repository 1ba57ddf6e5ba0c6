import "server-only";
import type { EnvironmentName } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { AWS_FEE_SCHEDULE, type FeeSchedule } from "@/lib/marketplace/fees";
import { environmentFeeSchedule } from "@/lib/marketplace/ledger";
import { MASTERS_TYPE_IDS } from "@/lib/marketplace/system-qualifications";

/** The fees a team's connection charges: the built-in marketplace's schedule, or AWS's published one. */
export async function teamFeeSchedule(teamId: string, environment: EnvironmentName): Promise<FeeSchedule> {
  const connection = await db.marketplaceConnection.findUnique({ where: { teamId_environment: { teamId, environment } }, select: { kind: true } });
  return connection?.kind === "builtin" ? environmentFeeSchedule(environment) : AWS_FEE_SCHEDULE;
}

export const mastersTypeIds = (environment: EnvironmentName): string[] => [MASTERS_TYPE_IDS[environment]];
