import "server-only";
import { db } from "@/lib/db";
import type { MkSimulatedWorkforce } from "@/lib/generated/prisma/client";
import { WorkforceSettingsPatch } from "@/lib/marketplace/admin-inputs";
import { newWorkforceSeed } from "@/lib/marketplace/simulation/profiles";
import { ensureSimulatedWorkers } from "@/lib/marketplace/simulation/run-workforce";

/** Why a workforce cannot be set up here; the message is meant for the person asking. */
export class SimulationUnavailable extends Error {}

export interface WorkforceSettings {
  workers: number;
  paused: boolean;
  paceMs: number;
  seed: number;
  externalHosts: string[];
  updatedAt: string;
}

/** How the last simulated worker's try to open a HIT's ExternalQuestion page went. */
export interface ExternalPageVisit {
  outcome: "opened" | "failed" | "not-allowed";
  host: string;
  httpStatus: number | null;
  error: string | null;
  at: string;
}

/** Assignments of the requester's HITs held by its simulated workers, by what became of them. */
export interface WorkforceActivity {
  inProgress: number;
  submitted: number;
  returned: number;
  abandoned: number;
}

const view = (row: MkSimulatedWorkforce): WorkforceSettings => ({
  workers: row.workers,
  paused: row.paused,
  paceMs: row.paceMs,
  seed: row.seed,
  externalHosts: row.externalHosts,
  updatedAt: row.updatedAt.toISOString(),
});

/** Simulated workers work only on sandbox HITs: production work is paid to real people. */
export function assertSandbox(environment: string): void {
  if (environment !== "sandbox") {
    throw new SimulationUnavailable("The simulated workforce exists only in the sandbox: production HITs are worked on by real people only.");
  }
}

export async function readWorkforceSettings(requesterId: string): Promise<WorkforceSettings | null> {
  const row = await db.mkSimulatedWorkforce.findUnique({ where: { requesterId } });
  return row ? view(row) : null;
}

/** Changes some settings (creating the row for a requester made before workforces existed). */
export async function updateWorkforceSettings(requesterId: string, patch: WorkforceSettingsPatch): Promise<WorkforceSettings> {
  const requester = await db.mkRequester.findUnique({ where: { id: requesterId }, select: { environment: true } });
  if (!requester) throw new SimulationUnavailable("There is no such marketplace account.");
  assertSandbox(requester.environment);
  const data = WorkforceSettingsPatch.parse(patch);
  const row = await db.mkSimulatedWorkforce.upsert({
    where: { requesterId },
    create: { requesterId, workers: data.workers ?? 0, paused: data.paused ?? false, seed: data.seed ?? newWorkforceSeed(), ...(data.paceMs !== undefined ? { paceMs: data.paceMs } : {}) },
    update: data,
  });
  // Workers exist as soon as they are asked for, so Settings can list them before a first step.
  await ensureSimulatedWorkers(requesterId);
  return view(row);
}

export async function workforceActivity(requesterId: string): Promise<WorkforceActivity> {
  const workers = await db.mkWorker.findMany({ where: { simulatedForRequesterId: requesterId, simulated: true }, select: { id: true } });
  const activity: WorkforceActivity = { inProgress: 0, submitted: 0, returned: 0, abandoned: 0 };
  if (workers.length === 0) return activity;
  const counts = await db.mkAssignment.groupBy({
    by: ["status"],
    where: { requesterId, workerId: { in: workers.map((w) => w.id) } },
    _count: { _all: true },
  });
  for (const c of counts) {
    const n = c._count._all;
    if (c.status === "Accepted") activity.inProgress += n;
    else if (c.status === "Returned") activity.returned += n;
    else if (c.status === "Abandoned") activity.abandoned += n;
    else activity.submitted += n;
  }
  return activity;
}

export async function readExternalPageVisit(requesterId: string, hitId: string): Promise<ExternalPageVisit | null> {
  const row = await db.mkSimulatedVisit.findFirst({ where: { hitId, requesterId } });
  return row ? { outcome: row.outcome as ExternalPageVisit["outcome"], host: row.host, httpStatus: row.httpStatus, error: row.error, at: row.at.toISOString() } : null;
}
