import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import type { MkAssignment } from "@/lib/generated/prisma/client";
import { requesterNow } from "@/lib/marketplace/clock";
import { evaluateWorkerAccess, type QualificationRequirement } from "@/lib/marketplace/qualification-requirements";
import { answerTask } from "@/lib/marketplace/simulation/answer-task";
import { onAllowedHost, openExternalQuestion, type Visit } from "@/lib/marketplace/simulation/open-external-question";
import { deriveSeed, mulberry32, planTask, shuffled, SimulationProfile, workerProfile } from "@/lib/marketplace/simulation/profiles";
import { acceptHit } from "@/lib/marketplace/work/accept-hit";
import { returnAssignment } from "@/lib/marketplace/work/return-assignment";
import { submitAssignment } from "@/lib/marketplace/work/submit-assignment";
import { WorkRefused } from "@/lib/marketplace/work/work-refused";
import { createWorker } from "@/lib/marketplace/work/workers";
import { taskToken, turkSubmitTo } from "@/lib/marketplace/worker-site/task-links";
import { questionContent } from "@/lib/mturk-formats/question";

/**
 * A requester's simulated workforce (sandbox only), one bounded step at a time. Simulated
 * workers go through acceptHit / submitAssignment / returnAssignment like people, so
 * qualifications, blocks and deadlines apply to them. Everything a step knows comes from the
 * database, and every write is conditional or repeatable, so a step may crash anywhere and
 * the next one carries on.
 *
 * Randomness: profiles come from (seed, index); a worker's answers to a task from (seed,
 * index, the task's Question), so the same workforce answers the same task the same way in
 * every run; what it does with an assignment and when from (seed, index, HIT id).
 */

/** Due tasks finished per step. */
export const DUE_TASKS_PER_STEP = 100;
/** Assignable HITs looked at per step. */
export const CANDIDATE_HITS_PER_STEP = 100;
/** acceptHit calls per step. */
export const ACCEPT_ATTEMPTS_PER_STEP = 100;
/**
 * ExternalQuestion pages opened per step, all at once: a step then waits at most one visit's
 * timeout for them; further due submissions to allowed hosts wait for the next step.
 */
export const EXTERNAL_VISITS_PER_STEP = 10;

export interface SimulatedWorker {
  id: string;
  profile: SimulationProfile;
}

export interface StepReport {
  submitted: number;
  returned: number;
  /** Tasks that were to be abandoned and whose time ran out (the sweep abandons them). */
  abandoned: number;
  accepted: number;
  /** acceptHit refusals (not qualified, blocked, taken meanwhile). */
  refused: number;
  /** Accepted assignments found without a plan (a crash between accept and plan) and planned. */
  recovered: number;
  /** Due tasks whose assignment had already moved on (submitted, returned, past its deadline). */
  dropped: number;
  failed: number;
  /** ExternalQuestion pages opened (or tried) before submitting. */
  visited: number;
}

const emptyReport = (): StepReport => ({ submitted: 0, returned: 0, abandoned: 0, accepted: 0, refused: 0, recovered: 0, dropped: 0, failed: 0, visited: 0 });

interface Roster {
  /** Workers #0..N-1, by index. */
  active: SimulatedWorker[];
  /** Every simulated worker of the requester, also those beyond N, which finish what they hold. */
  byId: Map<string, SimulatedWorker>;
}

/** Creates, adopts or re-profiles worker rows so that #0..count-1 exist with the seed's profiles. */
async function syncRoster(requesterId: string, seed: number, count: number): Promise<Roster> {
  const rows = await db.mkWorker.findMany({
    where: { simulatedForRequesterId: requesterId, simulated: true },
    select: { id: true, simulationProfile: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const byIndex = new Map<number, SimulatedWorker>();
  const byId = new Map<string, SimulatedWorker>();
  // Rows without a profile (a crash between create and profile) or duplicates of an index
  // (two concurrent first steps) are reused for missing indexes before creating new rows.
  const spare: string[] = [];
  for (const row of rows) {
    const parsed = SimulationProfile.safeParse(row.simulationProfile);
    if (parsed.success) byId.set(row.id, { id: row.id, profile: parsed.data });
    if (parsed.success && !byIndex.has(parsed.data.index)) byIndex.set(parsed.data.index, { id: row.id, profile: parsed.data });
    else spare.push(row.id);
  }
  const active: SimulatedWorker[] = [];
  for (let index = 0; index < count; index++) {
    const current = byIndex.get(index);
    // A worker keeps its profile while the seed stays (tests and operators may tune one).
    if (current && current.profile.seed === seed) {
      active.push(current);
      continue;
    }
    const profile = workerProfile(seed, index);
    const id = current?.id ?? spare.shift() ?? (await createWorker({ displayName: profile.displayName, simulated: true, simulatedForRequesterId: requesterId })).id;
    await db.mkWorker.update({
      where: { id },
      data: { displayName: profile.displayName, simulationProfile: profile, localeCountry: profile.localeCountry, localeSubdivision: profile.localeSubdivision },
    });
    const worker = { id, profile };
    byId.set(id, worker);
    active.push(worker);
  }
  return { active, byId };
}

/** The requester's simulated workers #0..N-1 (N from its settings); none outside the sandbox. */
export async function ensureSimulatedWorkers(requesterId: string): Promise<SimulatedWorker[]> {
  const [requester, settings] = await Promise.all([
    db.mkRequester.findUnique({ where: { id: requesterId }, select: { environment: true } }),
    db.mkSimulatedWorkforce.findUnique({ where: { requesterId } }),
  ]);
  if (requester?.environment !== "sandbox" || !settings) return [];
  return (await syncRoster(requesterId, settings.seed, settings.workers)).active;
}

const questionDigest = (question: string) => createHash("sha256").update(question).digest("hex").slice(0, 16);

function planFor(worker: SimulatedWorker, assignment: Pick<MkAssignment, "id" | "hitId" | "acceptTime" | "deadline" | "requesterId">) {
  const allottedSec = (assignment.deadline.getTime() - assignment.acceptTime.getTime()) / 1000;
  const plan = planTask(worker.profile, mulberry32(deriveSeed("plan", worker.profile.seed, worker.profile.index, assignment.hitId)), allottedSec);
  return {
    assignmentId: assignment.id,
    requesterId: assignment.requesterId,
    outcome: plan.outcome,
    // An abandonment is only waiting: the sweep takes the assignment back at the deadline.
    dueAt: plan.outcome === "abandon" ? assignment.deadline : new Date(assignment.acceptTime.getTime() + plan.afterSec * 1000),
  };
}

/**
 * Opens the ExternalQuestion pages of these submissions (on allowed hosts at most
 * EXTERNAL_VISITS_PER_STEP, at once; others are not contacted) and records the last outcome
 * per HIT for the requester to see. Keyed by assignment.
 */
async function visitExternalPages(requesterId: string, due: { assignmentId: string; hitId: string; workerId: string; url: string }[], allowedHosts: string[]): Promise<Map<string, Visit>> {
  const batch = [...due.filter((d) => onAllowedHost(d.url, allowedHosts)).slice(0, EXTERNAL_VISITS_PER_STEP), ...due.filter((d) => !onAllowedHost(d.url, allowedHosts))];
  const visits = await Promise.all(
    batch.map((d) =>
      openExternalQuestion(
        d.url,
        { assignmentId: d.assignmentId, hitId: d.hitId, workerId: d.workerId, turkSubmitTo: turkSubmitTo(taskToken({ k: "assignment", assignmentId: d.assignmentId, workerId: d.workerId })) },
        allowedHosts,
      ),
    ),
  );
  const byHit = new Map(batch.map((d, i) => [d.hitId, visits[i]!]));
  for (const [hitId, v] of byHit) {
    const row = { requesterId, outcome: v.outcome, host: v.host, httpStatus: "httpStatus" in v ? (v.httpStatus ?? null) : null, error: v.outcome === "failed" ? v.error : null, at: new Date() };
    await db.mkSimulatedVisit.upsert({ where: { hitId }, create: { hitId, ...row }, update: row });
  }
  return new Map(batch.map((d, i) => [d.assignmentId, visits[i]!]));
}

async function finishDueTasks(requesterId: string, now: Date, roster: Roster, externalHosts: string[], report: StepReport): Promise<void> {
  const tasks = await db.mkSimulatedTask.findMany({ where: { requesterId, dueAt: { lte: now } }, orderBy: { dueAt: "asc" }, take: DUE_TASKS_PER_STEP });
  if (tasks.length === 0) return;
  const assignments = new Map(
    (await db.mkAssignment.findMany({ where: { id: { in: tasks.map((t) => t.assignmentId) } }, select: { id: true, workerId: true, hitId: true, status: true } })).map((a) => [a.id, a]),
  );
  const toSubmit = tasks.filter((t) => t.outcome === "submit" && assignments.get(t.assignmentId)?.status === "Accepted");
  const questions = new Map(
    (await db.mkHit.findMany({ where: { id: { in: toSubmit.map((t) => assignments.get(t.assignmentId)!.hitId) } }, select: { id: true, question: true } })).map((h) => [h.id, h.question]),
  );
  const externalUrls = new Map<string, string>();
  for (const t of toSubmit) {
    const a = assignments.get(t.assignmentId)!;
    const content = roster.byId.has(a.workerId) && questions.has(a.hitId) ? questionContent(questions.get(a.hitId)!) : undefined;
    if (content?.kind === "ExternalQuestion") externalUrls.set(a.id, content.url);
  }
  const visits = await visitExternalPages(
    requesterId,
    [...externalUrls].map(([assignmentId, url]) => ({ assignmentId, url, hitId: assignments.get(assignmentId)!.hitId, workerId: assignments.get(assignmentId)!.workerId })),
    externalHosts,
  );
  report.visited += [...visits.values()].filter((v) => v.outcome !== "not-allowed").length;
  const done = (assignmentId: string) => db.mkSimulatedTask.deleteMany({ where: { assignmentId } });
  for (const task of tasks) {
    const a = assignments.get(task.assignmentId);
    const worker = a && roster.byId.get(a.workerId);
    if (!a || !worker || a.status !== "Accepted") {
      report.dropped++;
      await done(task.assignmentId);
      continue;
    }
    // Its page is opened in a later step (this one opened its share).
    if (externalUrls.has(a.id) && !visits.has(a.id)) continue;
    try {
      if (task.outcome === "abandon") report.abandoned++;
      else if (task.outcome === "return" || visits.get(a.id)?.outcome === "failed") {
        // A page that does not load cannot be done: the worker returns the HIT, as a person would.
        await returnAssignment({ assignmentId: a.id, workerId: a.workerId });
        report.returned++;
      } else {
        const question = questions.get(a.hitId) ?? "";
        let answerXml: string | undefined;
        try {
          answerXml = answerTask(question, mulberry32(deriveSeed("answer", worker.profile.seed, worker.profile.index, questionDigest(question))), worker.profile.accuracy);
        } catch (e) {
          console.warn(`[marketplace] simulated worker ${worker.id} cannot read the task of HIT ${a.hitId}; returning it: ${(e as Error).message}`);
        }
        // A task nobody can make sense of is returned, as a person would.
        if (answerXml === undefined) {
          await returnAssignment({ assignmentId: a.id, workerId: a.workerId });
          report.returned++;
        } else {
          await submitAssignment({ assignmentId: a.id, workerId: a.workerId, answerXml });
          report.submitted++;
        }
      }
    } catch (e) {
      if (!(e instanceof WorkRefused)) {
        // Left for the next step; at the latest the deadline ends it (the sweep abandons it).
        report.failed++;
        console.error(`[marketplace] simulated task ${task.assignmentId} failed`, e);
        continue;
      }
      report.dropped++;
    }
    await done(task.assignmentId);
  }
}

/** Assignable HITs of this requester from a random point of its queue, so none starves. */
async function candidateHits(requesterId: string, now: Date, random: () => number) {
  const live = { requesterId, status: "Assignable", disposedAt: null, expiresAt: { gt: now } };
  // Both ends come from the (requesterId, status, seq) index.
  const bounds = await db.mkHit.aggregate({ where: { requesterId, status: "Assignable" }, _min: { seq: true }, _max: { seq: true } });
  const first = bounds._min.seq;
  const last = bounds._max.seq;
  if (first === null || last === null) return [];
  const pivot = first + BigInt(Math.floor(random() * Number(last - first + 1n)));
  const select = { id: true, assignmentsAvailable: true, qualificationRequirements: true } as const;
  const after = await db.mkHit.findMany({ where: { ...live, seq: { gte: pivot } }, orderBy: { seq: "asc" }, take: CANDIDATE_HITS_PER_STEP, select });
  if (after.length >= CANDIDATE_HITS_PER_STEP) return after;
  const before = await db.mkHit.findMany({ where: { ...live, seq: { lt: pivot } }, orderBy: { seq: "asc" }, take: CANDIDATE_HITS_PER_STEP - after.length, select });
  return [...after, ...before];
}

async function takeNewWork(requesterId: string, seed: number, now: Date, idle: SimulatedWorker[], report: StepReport): Promise<void> {
  if (idle.length === 0) return;
  const blocked = new Set((await db.mkWorkerBlock.findMany({ where: { requesterId, workerId: { in: idle.map((w) => w.id) } }, select: { workerId: true } })).map((b) => b.workerId));
  const random = mulberry32(deriveSeed("discover", seed, now.getTime()));
  // Shuffled each step, so the first workers in the list do not get all the work.
  let waiting = shuffled(
    random,
    idle.filter((w) => !blocked.has(w.id)),
  );
  if (waiting.length === 0) return;
  const hits = await candidateHits(requesterId, now, random);
  if (hits.length === 0) return;
  const worked = new Set(
    (
      await db.mkAssignment.findMany({
        where: { hitId: { in: hits.map((h) => h.id) }, workerId: { in: waiting.map((w) => w.id) } },
        select: { hitId: true, workerId: true },
      })
    ).map((a) => `${a.hitId} ${a.workerId}`),
  );
  // acceptHit decides; this only saves calls that would be refused for the same requirements.
  const qualified = new Map<string, boolean>();
  let attempts = 0;
  for (const hit of hits) {
    let slots = hit.assignmentsAvailable;
    const requirements = (hit.qualificationRequirements ?? []) as unknown as QualificationRequirement[];
    for (const worker of [...waiting]) {
      if (slots <= 0 || attempts >= ACCEPT_ATTEMPTS_PER_STEP) break;
      // A worker takes a HIT once: not again after submitting, returning or abandoning it.
      if (worked.has(`${hit.id} ${worker.id}`)) continue;
      if (requirements.length > 0) {
        const key = `${worker.id} ${JSON.stringify(requirements)}`;
        let allowed = qualified.get(key);
        if (allowed === undefined) {
          allowed = (await evaluateWorkerAccess(db, { requesterId, workerId: worker.id, environment: "sandbox", requirements })).accept;
          qualified.set(key, allowed);
        }
        if (!allowed) continue;
      }
      attempts++;
      try {
        const assignment = await acceptHit({ workerId: worker.id, hitId: hit.id });
        await db.mkSimulatedTask.createMany({ data: [planFor(worker, assignment)], skipDuplicates: true });
        report.accepted++;
        slots--;
        waiting = waiting.filter((w) => w !== worker);
      } catch (e) {
        if (!(e instanceof WorkRefused)) throw e;
        report.refused++;
        if (e.code === "not-available") break;
      }
    }
    if (waiting.length === 0 || attempts >= ACCEPT_ATTEMPTS_PER_STEP) break;
  }
}

/**
 * One step of a requester's simulated workforce: finish the tasks that are due, plan any
 * accepted assignment left without a plan, then let idle workers accept new HITs of this
 * requester (one each). Does nothing outside the sandbox or while paused.
 */
export async function stepWorkforce(requesterId: string): Promise<StepReport> {
  const report = emptyReport();
  const [requester, settings] = await Promise.all([
    db.mkRequester.findUnique({ where: { id: requesterId }, select: { environment: true } }),
    db.mkSimulatedWorkforce.findUnique({ where: { requesterId } }),
  ]);
  if (requester?.environment !== "sandbox" || !settings || settings.paused) return report;
  const roster = await syncRoster(requesterId, settings.seed, settings.workers);
  if (roster.byId.size === 0) return report;
  const now = await requesterNow(requesterId);
  await finishDueTasks(requesterId, now, roster, settings.externalHosts, report);

  const held = await db.mkAssignment.findMany({
    where: { workerId: { in: [...roster.byId.keys()] }, status: "Accepted" },
    select: { id: true, hitId: true, workerId: true, requesterId: true, acceptTime: true, deadline: true },
  });
  if (held.length > 0) {
    const planned = new Set((await db.mkSimulatedTask.findMany({ where: { assignmentId: { in: held.map((a) => a.id) } }, select: { assignmentId: true } })).map((t) => t.assignmentId));
    const unplanned = held.filter((a) => !planned.has(a.id));
    if (unplanned.length > 0) {
      const result = await db.mkSimulatedTask.createMany({ data: unplanned.map((a) => planFor(roster.byId.get(a.workerId)!, a)), skipDuplicates: true });
      report.recovered += result.count;
    }
  }
  const busy = new Set(held.map((a) => a.workerId));
  await takeNewWork(
    requesterId,
    settings.seed,
    now,
    roster.active.filter((w) => !busy.has(w.id)),
    report,
  );
  return report;
}
