import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { HIT_ACTION_JOB } from "@/lib/hits/hit-action-job";
import { checkAutoApproveSoon, checkBalanceLow, runNotificationChecks } from "@/lib/notifications/check-conditions";
import { deliverDueEmails } from "@/lib/notifications/deliver-emails";
import { BULK_JOBS, notifyJobEnded } from "@/lib/notifications/job-notifications";
import { listNotifications, markNotificationsRead, notificationPreferences, saveNotificationPreferences } from "@/lib/notifications/member-notifications";
import { NotificationPreferencesInput } from "@/lib/notifications/notification-types";
import { notify, type NotificationEvent } from "@/lib/notifications/notify";
import { KEEP_DAYS, pruneNotifications } from "@/lib/notifications/prune-notifications";
import { QUALIFICATION_OPS_JOB } from "@/lib/qualifications/qualification-ops-job";
import { DECIDE_JOB_KIND } from "@/lib/review/decide-assignments";
import { BONUS_JOB_KIND } from "@/lib/review/pay-bonuses";
import type { EnvironmentName, Scope } from "@/lib/scope";
import { smtpSink } from "../support/smtp-sink";

const sink = smtpSink();
let smtpUrl = "";
beforeAll(async () => {
  smtpUrl = await sink.start();
});
afterAll(async () => {
  env.SMTP_URL = undefined;
  await sink.stop();
});

interface Member {
  id: string;
  email: string;
  role: Role;
}

/** A team with one member per role, joined an hour ago. */
async function team(environment: EnvironmentName = "sandbox") {
  const tag = randomBytes(4).toString("hex");
  const t = await db.team.create({ data: { slug: `ntf-${tag}`, name: `Notify ${tag}` } });
  const members: Record<Role, Member> = {} as Record<Role, Member>;
  for (const role of ["owner", "admin", "reviewer", "viewer"] as const) {
    const user = await db.user.create({ data: { email: `ntf-${role}-${tag}@example.test` } });
    await db.membership.create({ data: { userId: user.id, teamId: t.id, role, createdAt: new Date(Date.now() - 3_600_000) } });
    members[role] = { id: user.id, email: user.email, role };
  }
  const scope: Scope = { teamId: t.id, environment };
  const ctxOf = (m: Member) => ({
    user: { id: m.id, email: m.email, name: null, environment, activeTeamId: t.id },
    team: { id: t.id, slug: t.slug, name: t.name, reviewerBonusLimitCents: 500 },
    role: m.role,
    environment,
    teams: [],
  });
  return { scope, members, ctxOf };
}

const event = (over: Partial<NotificationEvent> = {}): NotificationEvent => ({
  type: "BatchFinished",
  key: "job-1",
  title: "Batch Colors is live",
  body: "All 10 HITs were created.",
  href: "/batches/b1",
  ...over,
});
const countFor = (scope: Scope, userId: string) => db.notification.count({ where: { ...scope, userId } });

describe("notifications", () => {
  it("records an occurrence once per member, however many writers see it at once", async () => {
    const { scope, members, ctxOf } = await team();
    await Promise.all([notify(scope, [event()]), notify(scope, [event()]), notify(scope, [event(), event({ key: "job-2" })])]);
    for (const m of Object.values(members)) expect(await countFor(scope, m.id)).toBe(2);
    const list = await listNotifications(ctxOf(members.viewer));
    expect(list.unread).toBe(2);
    expect(list.notifications[0]).toMatchObject({ type: "BatchFinished", href: "/batches/b1", read: false });
  });

  it("goes to the roles that can act on it, and to members who were there when it happened", async () => {
    const { scope, members } = await team();
    await notify(scope, [event({ type: "QualificationRequested", key: "r1", href: "/qualifications/q1" }), event({ type: "AutoApproveSoon", key: "w1", href: "/review?dueWithinHours=6" })]);
    expect(await db.notification.findMany({ where: scope, select: { type: true, userId: true }, orderBy: [{ type: "asc" }] })).toEqual(
      expect.arrayContaining([
        { type: "QualificationRequested", userId: members.owner.id },
        { type: "QualificationRequested", userId: members.admin.id },
        { type: "AutoApproveSoon", userId: members.reviewer.id },
      ]),
    );
    expect(await countFor(scope, members.viewer.id)).toBe(0);
    expect(await countFor(scope, members.reviewer.id)).toBe(1);
    // Before anyone joined: not news.
    await notify(scope, [event({ key: "old", occurredAt: new Date(Date.now() - 2 * 3_600_000) })]);
    expect(await db.notification.count({ where: { ...scope, eventKey: "old" } })).toBe(0);
    // Only the member who started a job.
    await notify(scope, [event({ type: "BulkJobFinished", key: "bulk", userIds: [members.reviewer.id] })]);
    expect(await db.notification.findMany({ where: { ...scope, eventKey: "bulk" }, select: { userId: true } })).toEqual([{ userId: members.reviewer.id }]);
  });

  it("respects each member's preferences, and marks read only the member's own", async () => {
    const { scope, members, ctxOf } = await team();
    env.SMTP_URL = smtpUrl;
    try {
      await saveNotificationPreferences(ctxOf(members.viewer), { preferences: [{ type: "BatchFinished", inApp: false, email: false }] });
      await saveNotificationPreferences(ctxOf(members.admin), { preferences: [{ type: "BatchFinished", inApp: false, email: true }] });
      // A type the role does not receive is ignored.
      await saveNotificationPreferences(ctxOf(members.viewer), { preferences: [{ type: "BalanceLow", inApp: true, email: true }] });
      expect((await notificationPreferences(ctxOf(members.viewer))).map((p) => p.type)).not.toContain("BalanceLow");
      expect(await db.notificationPreference.count({ where: { userId: members.viewer.id, type: "BalanceLow" } })).toBe(0);

      await notify(scope, [event()]);
      expect(await countFor(scope, members.viewer.id)).toBe(0);
      expect((await listNotifications(ctxOf(members.admin))).unread).toBe(0);
      expect(await db.notificationEmail.count({ where: { notification: { ...scope, userId: members.admin.id } } })).toBe(1);
      expect(await db.notificationEmail.count({ where: { notification: { ...scope, userId: members.owner.id } } })).toBe(0);
      expect((await listNotifications(ctxOf(members.owner))).unread).toBe(1);

      const [mine] = (await listNotifications(ctxOf(members.owner))).notifications;
      expect(await markNotificationsRead(ctxOf(members.reviewer), { ids: [mine!.id] })).toEqual({ marked: 0 });
      expect(await markNotificationsRead(ctxOf(members.owner), { ids: [mine!.id] })).toEqual({ marked: 1 });
      expect((await listNotifications(ctxOf(members.owner))).unread).toBe(0);
      expect((await listNotifications(ctxOf(members.reviewer))).unread).toBe(1);
      expect(await markNotificationsRead(ctxOf(members.reviewer), { all: true })).toEqual({ marked: 1 });
    } finally {
      env.SMTP_URL = undefined;
    }
  });

  it("queues no e-mail while SMTP is not configured", async () => {
    const { scope, members, ctxOf } = await team();
    await saveNotificationPreferences(ctxOf(members.owner), { preferences: [{ type: "BatchFinished", inApp: true, email: true }] });
    await notify(scope, [event()]);
    expect(await db.notificationEmail.count({ where: { notification: scope } })).toBe(0);
  });

  it("prunes notifications older than the retention, with their e-mails", async () => {
    const { scope, members } = await team();
    await notify(scope, [event({ key: "old-one" }), event({ key: "new-one" })]);
    await db.notification.updateMany({ where: { ...scope, eventKey: "old-one" }, data: { createdAt: new Date(Date.now() - (KEEP_DAYS + 1) * 86_400_000) } });
    expect(await pruneNotifications()).toBeGreaterThanOrEqual(4);
    expect(await db.notification.findMany({ where: { ...scope, userId: members.owner.id }, select: { eventKey: true } })).toEqual([{ eventKey: "new-one" }]);
  });

  it("validates preferences with the form's schema", () => {
    expect(NotificationPreferencesInput.safeParse({ preferences: [{ type: "Nope", inApp: true, email: false }] }).success).toBe(false);
    expect(
      NotificationPreferencesInput.safeParse({
        preferences: [
          { type: "BatchFinished", inApp: true, email: false },
          { type: "BatchFinished", inApp: false, email: false },
        ],
      }).success,
    ).toBe(false);
  });
});

describe("e-mail", () => {
  it("sends through SMTP once across concurrent senders, and retries a refused message with backoff", async () => {
    const { scope, members, ctxOf } = await team();
    env.SMTP_URL = smtpUrl;
    try {
      await saveNotificationPreferences(ctxOf(members.owner), { preferences: [{ type: "BatchFinished", inApp: true, email: true }] });
      await notify(scope, [event({ key: "mail-1", title: "Batch Mail is live" }), event({ key: "mail-2", title: "Batch Retry is live" })]);
      sink.failNext(1);
      const before = sink.messages.length;
      const attempts = await Promise.all([deliverDueEmails({ teamId: scope.teamId }), deliverDueEmails({ teamId: scope.teamId })]);
      expect(attempts[0] + attempts[1]).toBe(2);
      expect(sink.messages.length - before).toBe(1);
      const sent = sink.messages.at(-1)!;
      expect(sent.to).toEqual([members.owner.email]);
      expect(sent.data).toMatch(/Subject: \[HITdesk\] Batch (Mail|Retry) is live/);
      expect(sent.data).toContain("/batches/b1");
      expect(sent.data).toMatch(/Team Notify [0-9a-f]{8}/);

      const failed = await db.notificationEmail.findFirstOrThrow({ where: { notification: scope, status: "pending" } });
      expect(failed).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/451/) as unknown });
      expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
      // Not due yet: nothing is sent.
      expect(await deliverDueEmails({ teamId: scope.teamId })).toBe(0);
      await db.notificationEmail.update({ where: { id: failed.id }, data: { nextAttemptAt: new Date() } });
      expect(await deliverDueEmails({ teamId: scope.teamId })).toBe(1);
      expect(sink.messages.length - before).toBe(2);
      expect(await db.notificationEmail.count({ where: { notification: scope, status: "sent" } })).toBe(2);
    } finally {
      env.SMTP_URL = undefined;
    }
  });

  it("marks a message failed after the last attempt", async () => {
    const { scope, members, ctxOf } = await team();
    env.SMTP_URL = smtpUrl;
    try {
      await saveNotificationPreferences(ctxOf(members.owner), { preferences: [{ type: "BatchFinished", inApp: true, email: true }] });
      await notify(scope, [event({ key: "doomed" })]);
    } finally {
      env.SMTP_URL = undefined;
    }
    await db.notificationEmail.updateMany({ where: { notification: scope }, data: { attempts: 7 } });
    expect(await deliverDueEmails({ teamId: scope.teamId, send: () => Promise.reject(new Error("Connection refused")) })).toBe(1);
    expect(await db.notificationEmail.findFirstOrThrow({ where: { notification: scope } })).toMatchObject({ status: "failed", attempts: 8, lastError: "Connection refused" });
  });
});

/** Cached work of a batch: `submitted` assignments auto-approving at `autoApprovalTime`, `available` not yet taken. */
async function seedBatch(scope: Scope, opts: { submitted: number; available: number; autoApprovalTime: Date; estimatedCostCents: number }) {
  const tag = randomBytes(4).toString("hex");
  const hitId = `HIT${tag}`;
  const now = new Date();
  const batch = await db.batch.create({
    data: {
      ...scope,
      projectId: "p",
      projectVersionId: "v",
      name: `Batch ${tag}`,
      columns: [],
      rowCount: 1,
      assignmentsPerRow: opts.submitted + opts.available,
      estimatedCostCents: opts.estimatedCostCents,
    },
  });
  await db.batchHit.create({ data: { batchId: batch.id, rowIndex: 0, part: 0, hitId } });
  await db.cachedHit.create({
    data: {
      ...scope,
      hitId,
      hitTypeId: "T",
      title: "t",
      description: "",
      rewardCents: 100,
      maxAssignments: opts.submitted + opts.available,
      status: "Assignable",
      reviewStatus: "NotReviewed",
      assignmentsPending: 0,
      assignmentsAvailable: opts.available,
      assignmentsCompleted: opts.submitted,
      createdAt: now,
      expiresAt: new Date(now.getTime() + 86_400_000),
      syncedAt: now,
      assignmentsSyncedAt: now,
    },
  });
  await db.cachedAssignment.createMany({
    data: Array.from({ length: opts.submitted }, (_, i) => ({
      ...scope,
      assignmentId: `A${tag}${i}`,
      hitId,
      hitTypeId: "T",
      workerId: `W${i}`,
      status: "Submitted",
      submitTime: now,
      autoApprovalTime: opts.autoApprovalTime,
      syncedAt: now,
    })),
  });
  return batch;
}

describe("conditions", () => {
  it("announces work auto-approving within 6 h once per window, across concurrent checks", async () => {
    const { scope, members } = await team();
    // At the start of the current 6-hour window (UTC), after the members joined.
    const SIX_H = 6 * 3_600_000;
    const now = new Date(Math.max(Math.floor(Date.now() / SIX_H) * SIX_H, Date.now() - 30 * 60_000));
    const window = new Date(Math.floor(now.getTime() / SIX_H) * SIX_H);
    await seedBatch(scope, { submitted: 3, available: 0, autoApprovalTime: new Date(now.getTime() + 2 * 3_600_000), estimatedCostCents: 300 });
    await Promise.all([checkAutoApproveSoon(scope, now), checkAutoApproveSoon(scope, now), checkAutoApproveSoon(scope, new Date(Math.min(now.getTime() + 60_000, window.getTime() + SIX_H - 1)))]);
    const rows = await db.notification.findMany({ where: { ...scope, type: "AutoApproveSoon" } });
    expect(rows.map((r) => r.userId).sort()).toEqual([members.owner.id, members.admin.id, members.reviewer.id].sort());
    expect(rows[0]).toMatchObject({ eventKey: window.toISOString(), title: "3 assignments approve on their own within 6 h", href: "/review?dueWithinHours=6" });
    // The next window: again.
    await checkAutoApproveSoon(scope, new Date(window.getTime() + SIX_H + 60_000));
    expect(await db.notification.count({ where: { ...scope, type: "AutoApproveSoon", userId: members.owner.id } })).toBe(2);
  });

  it("says nothing when no work is due within 6 h", async () => {
    const { scope } = await team();
    const now = new Date();
    await seedBatch(scope, { submitted: 2, available: 0, autoApprovalTime: new Date(now.getTime() + 20 * 3_600_000), estimatedCostCents: 200 });
    await checkAutoApproveSoon(scope, now);
    expect(await db.notification.count({ where: scope })).toBe(0);
  });

  it("announces a low production balance once per drop below what running batches may cost", async () => {
    const { scope, members } = await team("production");
    // 10 assignments, 4 still open: $4.00 of the $10.00 estimate may still be spent.
    await seedBatch(scope, { submitted: 1, available: 3, autoApprovalTime: new Date(Date.now() + 48 * 3_600_000), estimatedCostCents: 1000 });
    await db.cachedHit.updateMany({ where: scope, data: { maxAssignments: 10 } });
    let balance = 250;
    const read = () => Promise.resolve(balance);
    const lowFor = async () => db.notification.findMany({ where: { ...scope, type: "BalanceLow" }, select: { userId: true, eventKey: true, title: true, body: true } });

    await Promise.all([checkBalanceLow(scope, new Date(), read), checkBalanceLow(scope, new Date(), read)]);
    let rows = await lowFor();
    expect(rows.map((r) => r.userId).sort()).toEqual([members.owner.id, members.admin.id].sort());
    expect(rows[0]).toMatchObject({ title: "Production balance is low: $2.50", body: expect.stringContaining("$4.00") as unknown });
    await checkBalanceLow(scope, new Date(), read);
    expect(await lowFor()).toHaveLength(2);

    balance = 5000; // Funded: the episode ends.
    await checkBalanceLow(scope, new Date(), read);
    balance = 100; // And drops again: a new one.
    await checkBalanceLow(scope, new Date(), read);
    rows = await lowFor();
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r) => r.eventKey)).size).toBe(2);
  });

  it("leaves the sandbox balance alone, and runs the checks for teams the sync keeps fresh", async () => {
    const { scope } = await team("sandbox");
    await seedBatch(scope, { submitted: 2, available: 5, autoApprovalTime: new Date(Date.now() + 3_600_000), estimatedCostCents: 1000 });
    await checkBalanceLow(scope, new Date(), () => Promise.resolve(0));
    expect(await db.notification.count({ where: { ...scope, type: "BalanceLow" } })).toBe(0);
    expect(await runNotificationChecks(new Date(), { teamId: scope.teamId })).toBe(0);
    await db.syncState.create({ data: { ...scope, finishedAt: new Date() } });
    expect(await runNotificationChecks(new Date(), { teamId: scope.teamId, balance: () => Promise.resolve(0) })).toBe(1);
    expect(await db.notification.count({ where: { ...scope, type: "AutoApproveSoon" } })).toBe(3);
  });
});

describe("jobs", () => {
  it("names every bulk job kind the runner knows", () => {
    expect(Object.keys(BULK_JOBS).sort()).toEqual([DECIDE_JOB_KIND, BONUS_JOB_KIND, HIT_ACTION_JOB, QUALIFICATION_OPS_JOB].sort());
  });

  it("announces a batch that went live or failed, and a bulk job to the member who started it", async () => {
    const { scope, members } = await team();
    const batch = await db.batch.create({ data: { ...scope, projectId: "p", projectVersionId: "v", name: "Colors", columns: [], rowCount: 3, assignmentsPerRow: 1, estimatedCostCents: 30 } });
    const job = { ...scope, kind: "batch.create", subjectId: batch.id, total: 3, done: 3, failed: 0, finishedAt: new Date(), createdById: members.admin.id };
    await notifyJobEnded({ ...job, id: `job-${batch.id}-a` });
    await notifyJobEnded({ ...job, id: `job-${batch.id}-b`, done: 1, failed: 2 });
    await notifyJobEnded({ ...job, id: `job-${batch.id}-c`, kind: DECIDE_JOB_KIND, subjectId: null, total: 5, done: 5 });
    await notifyJobEnded({ ...job, id: `job-${batch.id}-d`, kind: DECIDE_JOB_KIND, subjectId: null, total: 1, done: 1 });
    const viewer = await db.notification.findMany({ where: { ...scope, userId: members.viewer.id }, orderBy: { type: "asc" }, select: { type: true, title: true, body: true, href: true } });
    expect(viewer).toEqual([
      { type: "BatchFailed", title: "Batch “Colors” failed", body: "2 HITs of 3 could not be created; 1 went live.", href: `/batches/${batch.id}` },
      { type: "BatchFinished", title: "Batch “Colors” is live", body: "All 3 HITs were created.", href: `/batches/${batch.id}` },
    ]);
    expect(await db.notification.findMany({ where: { ...scope, type: "BulkJobFinished" }, select: { userId: true, title: true, body: true } })).toEqual([
      { userId: members.admin.id, title: "Review decisions finished", body: "All 5 assignments done." },
    ]);
  });
});
