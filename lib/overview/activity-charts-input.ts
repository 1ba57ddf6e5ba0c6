import { z } from "zod";

/** The overview charts' input and figures: shared by the API route and the browser (no server code). */

/** The overview's chart ranges: the last 7 or 30 days. */
export const CHART_RANGES = [7, 30] as const;
export type ChartRange = (typeof CHART_RANGES)[number];

/** A time zone the runtime knows (IANA names and their aliases); Postgres reads the same database. */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const ActivityChartsInput = z.object({
  days: z.enum(["7", "30"], { message: "days must be 7 or 30" }).transform((d) => Number(d) as ChartRange),
  timeZone: z.string().max(64).refine(isTimeZone, "timeZone must be an IANA time zone such as Europe/Berlin"),
});

/**
 * Buckets are named by their start in the viewer's wall-clock time ("2026-12-06T14:00"), so
 * the browser labels them without converting again.
 */
export interface SubmissionsBucket {
  hour: string;
  submissions: number;
}

export interface SpendBucket {
  day: string;
  rewardsCents: number;
  bonusesCents: number;
  feesCents: number;
}

export interface ProjectApproval {
  /** Null: HITs no batch of the team's created (made elsewhere, or a project's trial HIT). */
  projectId: string | null;
  name: string;
  approved: number;
  rejected: number;
  /** Submitted and not yet decided. */
  pending: number;
}

export interface ActivityCharts {
  days: ChartRange;
  timeZone: string;
  submissionsPerHour: SubmissionsBucket[];
  spendPerDay: SpendBucket[];
  /** The busiest projects by work submitted in the range, most first. */
  approvalByProject: ProjectApproval[];
}
