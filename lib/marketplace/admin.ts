import "server-only";
import { db, type Tx } from "@/lib/db";
import type { WorkerInviteInput, WorkforceSettingsPatch } from "@/lib/marketplace/admin-inputs";
import { addKeySecret, currentKeyPair, insertApiKey, type KeyPair } from "@/lib/marketplace/api-keys";
import { onAnnouncedEvents, type AnnouncedEvent } from "@/lib/marketplace/events";
import { environmentFeeSchedule, recordDeposit as recordLedgerDeposit, spentCents as ledgerSpentCents } from "@/lib/marketplace/ledger";
import { findRequesterId, provisionRequester, type MarketplaceEnvironment } from "@/lib/marketplace/requesters";
import { notificationSigningSecret } from "@/lib/marketplace/notification-delivery";
import { forgetAccessKeys } from "@/lib/marketplace/resolve-access-key";
import {
  readExternalPageVisit as readVisit,
  readWorkforceSettings,
  updateWorkforceSettings,
  workforceActivity,
  type ExternalPageVisit,
  type WorkforceActivity,
  type WorkforceSettings,
} from "@/lib/marketplace/simulation/workforce-settings";
import { createWorkerInvite as createInvite, listWorkerInvites, listWorkforceMembers, revokeWorkerInvite as revokeInvite } from "@/lib/marketplace/worker-site/workforce";

/**
 * The marketplace's control plane: what its owner (the dashboard) may do that the MTurk API
 * cannot. Every function is scoped by ownerRef, the owner's opaque id here; the owner never
 * handles the marketplace's own ids. Reads answer null, and changes throw NoMarketplaceAccount,
 * when the owner has no account in that environment yet (provisionRequester makes one).
 *
 * The wall (checked by test/architecture/marketplace-wall.test.ts):
 * - lib/marketplace/** may be imported by files inside lib/marketplace and by the marketplace's
 *   own surfaces: its MTurk API route (app/api/mturk/**), the worker site (app/worker/**,
 *   app/task/**), its background start (instrumentation.ts), and scripts/**, bench/**, e2e/**,
 *   test/** and test files (*.test.ts, *.spec.ts).
 * - Everything else (lib/** outside lib/marketplace, components/**, the dashboard's pages and
 *   routes) imports only this module and admin-inputs.ts (its input schemas, safe in the
 *   browser), and reaches the rest of the marketplace through the MTurk API (lib/mturk).
 * - Formats both sides speak (QuestionForm, answers, Question XML, fees, system
 *   qualifications, task HTML) live in lib/mturk-formats, which imports neither side.
 */

export { provisionRequester, type MarketplaceEnvironment };
/** Not a way around the MTurk API but its transport without a socket, for HITdesk's own SDK clients. */
export { InProcessMturkApi } from "@/lib/marketplace/in-process-api";
export type { ExternalPageVisit, WorkforceActivity, WorkforceSettings };
export { SimulationUnavailable } from "@/lib/marketplace/simulation/workforce-settings";

/** The owner has no account in this environment yet; the message is meant for the person asking. */
export class NoMarketplaceAccount extends Error {
  constructor(readonly environment: MarketplaceEnvironment) {
    super(`The built-in ${environment} account does not exist yet`);
  }
}

async function requesterOf(ownerRef: string, environment: MarketplaceEnvironment): Promise<string> {
  const requesterId = await findRequesterId(ownerRef, environment);
  if (!requesterId) throw new NoMarketplaceAccount(environment);
  return requesterId;
}

/** The schedule an environment charges by default (for the dashboard's cost estimates). */
export const feeSchedule = environmentFeeSchedule;

/** Everything the owner's account spent (rewards, bonuses, fees), whichever key paid it. MTurk's sandbox balance never shows it. */
export async function spentCents(ownerRef: string, environment: MarketplaceEnvironment): Promise<number | null> {
  const requesterId = await findRequesterId(ownerRef, environment);
  return requesterId ? ledgerSpentCents(requesterId) : null;
}

export type MarketplaceActivity = AnnouncedEvent;

/**
 * Calls `listener` with each event of any owner's account (work accepted, submitted, returned,
 * abandoned, approved, rejected; a qualification requested; HITs expiring or extended) once the
 * marketplace committed it, whichever process on this database made it. Events say what
 * changed and whose (ownerRef, environment): the owner reads the new state through the MTurk
 * API. Returns the unsubscribe.
 */
export function onMarketplaceActivity(listener: (activity: MarketplaceActivity) => void): () => void {
  return onAnnouncedEvents(listener);
}

/** Money the owner set aside for its workers; depositId makes a retry record it once. */
export async function recordDeposit(ownerRef: string, environment: MarketplaceEnvironment, deposit: { amountCents: number; note: string; depositId: string }): Promise<void> {
  await recordLedgerDeposit(await requesterOf(ownerRef, environment), deposit.amountCents, deposit.note, deposit.depositId);
}

/** The owner's simulated workforce in the sandbox; settings are null until someone turns it on. */
export async function readSimulatedWorkforce(ownerRef: string): Promise<{ settings: WorkforceSettings | null; activity: WorkforceActivity } | null> {
  const requesterId = await findRequesterId(ownerRef, "sandbox");
  if (!requesterId) return null;
  const [settings, activity] = await Promise.all([readWorkforceSettings(requesterId), workforceActivity(requesterId)]);
  return { settings, activity };
}

/** Changes some settings; throws SimulationUnavailable when no workforce can run there. */
export async function updateSimulatedWorkforce(ownerRef: string, patch: WorkforceSettingsPatch): Promise<{ before: WorkforceSettings | null; after: WorkforceSettings }> {
  const requesterId = await requesterOf(ownerRef, "sandbox");
  const before = await readWorkforceSettings(requesterId);
  return { before, after: await updateWorkforceSettings(requesterId, patch) };
}

/** Whether simulated workers could open a sandbox HIT's ExternalQuestion page (null: never tried). */
export async function readExternalPageVisit(ownerRef: string, hitId: string): Promise<ExternalPageVisit | null> {
  const requesterId = await findRequesterId(ownerRef, "sandbox");
  return requesterId ? readVisit(requesterId, hitId) : null;
}

/** The owner's workforce on the worker site: its invitation links and who joined. */
export async function readWorkforce(ownerRef: string, environment: MarketplaceEnvironment) {
  const requesterId = await findRequesterId(ownerRef, environment);
  if (!requesterId) return null;
  const [invites, members, requester] = await Promise.all([
    listWorkerInvites(requesterId),
    listWorkforceMembers(requesterId),
    db.mkRequester.findUniqueOrThrow({ where: { id: requesterId }, select: { openWorkforce: true } }),
  ]);
  return { openWorkforce: requester.openWorkforce, invites, members };
}

/** A new invitation link; its token is returned here once (only its hash is stored). */
export async function createWorkerInvite(ownerRef: string, environment: MarketplaceEnvironment, input: WorkerInviteInput): Promise<{ id: string; token: string }> {
  return createInvite(await requesterOf(ownerRef, environment), input);
}

/** False when the owner has no such live link. */
export async function revokeWorkerInvite(ownerRef: string, environment: MarketplaceEnvironment, inviteId: string): Promise<boolean> {
  return revokeInvite(await requesterOf(ownerRef, environment), inviteId);
}

/** The key that signs the account's HTTP notification messages (HITdesk's extension), for its receivers. */
export async function notificationSecret(ownerRef: string, environment: MarketplaceEnvironment): Promise<string> {
  return notificationSigningSecret(await requesterOf(ownerRef, environment));
}

/** One message to an HTTP notification destination (HITdesk's extension), for the owner's delivery log. */
export interface NotificationDeliverySummary {
  id: string;
  destination: string;
  eventType: string;
  /** pending | succeeded | failed */
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  /** When it succeeded or failed for good; null while pending. */
  finishedAt: Date | null;
  /** When the next attempt runs; null once finished. */
  nextAttemptAt: Date | null;
}

/** The account's latest HTTP notification messages, newest first (null: no account in this environment). */
export async function listNotificationDeliveries(ownerRef: string, environment: MarketplaceEnvironment, limit = 50): Promise<NotificationDeliverySummary[] | null> {
  const requesterId = await findRequesterId(ownerRef, environment);
  if (!requesterId) return null;
  const rows = await db.mkNotificationDelivery.findMany({
    where: { requesterId },
    orderBy: { createdAt: "desc" },
    take: Math.min(Math.max(1, limit), 200),
    select: { id: true, destination: true, eventType: true, status: true, attempts: true, lastStatusCode: true, lastError: true, createdAt: true, finishedAt: true, nextAttemptAt: true },
  });
  return rows.map((r) => ({ ...r, nextAttemptAt: r.status === "pending" ? r.nextAttemptAt : null }));
}

/** A stored marketplace secret, sealed, to check this instance can open them (null: none yet). */
export async function anySealedKeySecret(): Promise<string | null> {
  return (await db.mkApiKeySecret.findFirst({ select: { secretCiphertext: true } }))?.secretCiphertext ?? null;
}

// API keys people manage for their own tools.

/** Keys people manage: made in the key manager, or printed by the CLI. */
const MANAGED = ["user", "cli"];
/** Live keys per owner: plenty for one key per tool and person, few enough to review. */
export const MAX_LIVE_KEYS = 20;
/**
 * After a rotation that keeps the old secret, it works this much longer: a day to restart
 * the study servers (psiTurk, Mephisto) that read keys at start, short enough that a copy
 * left somewhere dies the next day.
 */
export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

export interface ApiKeySummary {
  id: string;
  name: string;
  purpose: "user" | "cli";
  /** Null: both environments. */
  environment: MarketplaceEnvironment | null;
  /** The newest secret's access key ID. */
  accessKeyId: string;
  /** Older secrets still working after a rotation, until expiresAt. */
  previous: { accessKeyId: string; expiresAt: Date }[];
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedEnvironment: MarketplaceEnvironment | null;
  lastUsedAccessKeyId: string | null;
}

/** Why a key operation was refused; the message is meant for the person asking. */
export class ApiKeyRefused extends Error {
  constructor(
    readonly reason: "not-found" | "revoked" | "name-taken" | "too-many",
    message: string,
  ) {
    super(message);
  }
}

async function summaries(ownerRef: string, where: { id?: string } = {}): Promise<ApiKeySummary[]> {
  const keys = await db.mkApiKey.findMany({
    where: { ownerRef, purpose: { in: MANAGED }, ...where },
    // Live keys first, newest first.
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
  const secrets = await db.mkApiKeySecret.findMany({ where: { keyId: { in: keys.map((k) => k.id) } }, orderBy: { createdAt: "desc" } });
  const now = Date.now();
  return keys.map((k) => {
    const own = secrets.filter((s) => s.keyId === k.id);
    return {
      id: k.id,
      name: k.name,
      purpose: k.purpose as ApiKeySummary["purpose"],
      environment: k.environment,
      accessKeyId: own[0]?.accessKeyId ?? "",
      previous: k.revokedAt
        ? []
        : own
            .slice(1)
            .filter((s) => s.expiresAt && s.expiresAt.getTime() > now)
            .map((s) => ({ accessKeyId: s.accessKeyId, expiresAt: s.expiresAt! })),
      createdAt: k.createdAt,
      revokedAt: k.revokedAt,
      lastUsedAt: k.lastUsedAt,
      lastUsedEnvironment: k.lastUsedEnvironment,
      lastUsedAccessKeyId: k.lastUsedAccessKeyId,
    };
  });
}

async function summary(ownerRef: string, keyId: string): Promise<ApiKeySummary> {
  const [one] = await summaries(ownerRef, { id: keyId });
  if (!one) throw new ApiKeyRefused("not-found", "There is no such API key");
  return one;
}

export function listApiKeys(ownerRef: string): Promise<ApiKeySummary[]> {
  return summaries(ownerRef);
}

/** Locks one live managed key of the owner for a change; refuses others. */
async function lockLiveKey(tx: Tx, ownerRef: string, keyId: string) {
  await tx.$queryRaw`SELECT 1 FROM "mk_api_key" WHERE "id" = ${keyId} FOR UPDATE`;
  const key = await tx.mkApiKey.findFirst({ where: { id: keyId, ownerRef, purpose: { in: MANAGED } }, select: { id: true, name: true, revokedAt: true } });
  if (!key) throw new ApiKeyRefused("not-found", "There is no such API key");
  if (key.revokedAt) throw new ApiKeyRefused("revoked", `The key "${key.name}" is revoked; create a new one instead`);
  return key;
}

async function liveAccessKeyIds(tx: Tx, keyId: string): Promise<string[]> {
  return (await tx.mkApiKeySecret.findMany({ where: { keyId }, select: { accessKeyId: true } })).map((s) => s.accessKeyId);
}

/** A new key; its secret is returned here once and never again. */
export async function createApiKey(
  ownerRef: string,
  input: { name: string; environment: MarketplaceEnvironment | null },
  purpose: "user" | "cli" = "user",
): Promise<{ key: ApiKeySummary; secretAccessKey: string }> {
  const created = await db.$transaction(async (tx) => {
    // One creation per owner at a time, so the limit and the unique name hold under races.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`mk_api_key:${ownerRef}`}))`;
    const live = { ownerRef, purpose: { in: MANAGED }, revokedAt: null };
    if ((await tx.mkApiKey.count({ where: live })) >= MAX_LIVE_KEYS) {
      throw new ApiKeyRefused("too-many", `A team may have at most ${MAX_LIVE_KEYS} live API keys; revoke one first`);
    }
    if (await tx.mkApiKey.findFirst({ where: { ...live, name: { equals: input.name, mode: "insensitive" } }, select: { id: true } })) {
      throw new ApiKeyRefused("name-taken", `A live key is already named "${input.name}"`);
    }
    return insertApiKey(tx, { ownerRef, name: input.name, purpose, environment: input.environment });
  });
  return { key: await summary(ownerRef, created.id), secretAccessKey: created.pair.secretAccessKey };
}

/** Limits the key to one environment, or (null) lets it sign for both. */
export async function restrictApiKey(ownerRef: string, keyId: string, environment: MarketplaceEnvironment | null): Promise<ApiKeySummary> {
  const accessKeyIds = await db.$transaction(async (tx) => {
    await lockLiveKey(tx, ownerRef, keyId);
    await tx.mkApiKey.update({ where: { id: keyId }, data: { environment } });
    return liveAccessKeyIds(tx, keyId);
  });
  forgetAccessKeys(accessKeyIds);
  return summary(ownerRef, keyId);
}

/**
 * A new access key ID and secret for the key (same name, restriction and history). The old
 * secrets stop at once, or keep working for ROTATION_GRACE_MS (never longer than they
 * already would).
 */
export async function rotateApiKey(ownerRef: string, keyId: string, options: { keepOldSecret: boolean }): Promise<{ key: ApiKeySummary; secretAccessKey: string }> {
  const { pair, old } = await db.$transaction(async (tx) => {
    await lockLiveKey(tx, ownerRef, keyId);
    const now = Date.now();
    const end = new Date(options.keepOldSecret ? now + ROTATION_GRACE_MS : now);
    const live = { keyId, OR: [{ expiresAt: null }, { expiresAt: { gt: end } }] };
    const old = (await tx.mkApiKeySecret.findMany({ where: live, select: { accessKeyId: true } })).map((s) => s.accessKeyId);
    await tx.mkApiKeySecret.updateMany({ where: live, data: { expiresAt: end } });
    return { pair: await addKeySecret(tx, keyId), old };
  });
  forgetAccessKeys(old);
  return { key: await summary(ownerRef, keyId), secretAccessKey: pair.secretAccessKey };
}

/** Ends the key and all its secrets for good. */
export async function revokeApiKey(ownerRef: string, keyId: string): Promise<ApiKeySummary> {
  const accessKeyIds = await db.$transaction(async (tx) => {
    await lockLiveKey(tx, ownerRef, keyId);
    await tx.mkApiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
    return liveAccessKeyIds(tx, keyId);
  });
  forgetAccessKeys(accessKeyIds);
  return summary(ownerRef, keyId);
}

/**
 * The key `cli keys` prints: the newest live CLI key that may sign for this environment, or
 * a new "Command line" key for both. The CLI runs with the server's database and master
 * key, so it may read the secret again; the key manager never shows it.
 */
export async function commandLineKeyPair(ownerRef: string, environment: MarketplaceEnvironment): Promise<KeyPair & { name: string; environment: MarketplaceEnvironment | null }> {
  const existing = await db.mkApiKey.findFirst({
    where: { ownerRef, purpose: "cli", revokedAt: null, OR: [{ environment: null }, { environment }] },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, environment: true },
  });
  const pair = existing && (await currentKeyPair(db, existing.id));
  if (existing && pair) return { name: existing.name, environment: existing.environment, ...pair };
  const taken = new Set((await db.mkApiKey.findMany({ where: { ownerRef, revokedAt: null }, select: { name: true } })).map((k) => k.name.toLowerCase()));
  let name = "Command line";
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `Command line ${n}`;
  const created = await createApiKey(ownerRef, { name, environment: null }, "cli");
  return { name, environment: null, accessKeyId: created.key.accessKeyId, secretAccessKey: created.secretAccessKey };
}
