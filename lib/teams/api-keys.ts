import "server-only";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { Conflict, NotFound } from "@/lib/errors";
import { ApiKeyRefused, createApiKey, listApiKeys, restrictApiKey, revokeApiKey, rotateApiKey, type ApiKeySummary } from "@/lib/marketplace/admin";
import type { EnvironmentName } from "@/lib/scope";
import type { ApiKeyScope, CreateApiKeyInput, RestrictApiKeyInput, RotateApiKeyInput } from "@/lib/teams/api-key-input";

/**
 * The team's API keys for the built-in marketplace's MTurk endpoints (Settings → API keys),
 * kept by the marketplace and managed through its control plane. Secrets leave the server
 * once, in the answer to a creation or rotation.
 */
export interface ApiKeyView {
  id: string;
  name: string;
  /** cli: the key `npm run cli -- keys` prints. */
  purpose: "user" | "cli";
  scope: ApiKeyScope;
  accessKeyId: string;
  /** Secrets replaced by a rotation that still work until expiresAt. */
  previous: { accessKeyId: string; expiresAt: string }[];
  createdAt: string;
  revokedAt: string | null;
  lastUsed: { at: string; environment: EnvironmentName; withPreviousSecret: boolean } | null;
}

export interface ApiKeyWithSecret {
  key: ApiKeyView;
  /** Shown once; HITdesk never shows it again. */
  secretAccessKey: string;
}

const toView = (k: ApiKeySummary): ApiKeyView => ({
  id: k.id,
  name: k.name,
  purpose: k.purpose,
  scope: k.environment ?? "both",
  accessKeyId: k.accessKeyId,
  previous: k.previous.map((p) => ({ accessKeyId: p.accessKeyId, expiresAt: p.expiresAt.toISOString() })),
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt?.toISOString() ?? null,
  lastUsed:
    k.lastUsedAt && k.lastUsedEnvironment
      ? { at: k.lastUsedAt.toISOString(), environment: k.lastUsedEnvironment, withPreviousSecret: k.lastUsedAccessKeyId !== null && k.lastUsedAccessKeyId !== k.accessKeyId }
      : null,
});

const environmentOf = (scope: ApiKeyScope): EnvironmentName | null => (scope === "both" ? null : scope);

/** The marketplace's refusals as answers for the person asking. */
async function refusalsAsHttp<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ApiKeyRefused) throw e.reason === "not-found" ? new NotFound(e.message) : new Conflict(e.message);
    throw e;
  }
}

export async function listTeamApiKeys(teamId: string): Promise<ApiKeyView[]> {
  return (await listApiKeys(teamId)).map(toView);
}

export async function createTeamApiKey(ctx: TeamContext, input: CreateApiKeyInput): Promise<ApiKeyWithSecret> {
  const { key, secretAccessKey } = await refusalsAsHttp(() => createApiKey(ctx.team.id, { name: input.name, environment: environmentOf(input.environment) }));
  await recordAudit({ ...ctx, environment: key.environment }, "api_key.create", key.name, { accessKeyId: key.accessKeyId, environments: input.environment });
  return { key: toView(key), secretAccessKey };
}

export async function restrictTeamApiKey(ctx: TeamContext, keyId: string, input: RestrictApiKeyInput): Promise<ApiKeyView> {
  const key = await refusalsAsHttp(() => restrictApiKey(ctx.team.id, keyId, environmentOf(input.environment)));
  await recordAudit({ ...ctx, environment: key.environment }, "api_key.restrict", key.name, { accessKeyId: key.accessKeyId, environments: input.environment });
  return toView(key);
}

export async function rotateTeamApiKey(ctx: TeamContext, keyId: string, input: RotateApiKeyInput): Promise<ApiKeyWithSecret> {
  const { key, secretAccessKey } = await refusalsAsHttp(() => rotateApiKey(ctx.team.id, keyId, { keepOldSecret: input.keepOldSecret }));
  await recordAudit({ ...ctx, environment: key.environment }, "api_key.rotate", key.name, {
    accessKeyId: key.accessKeyId,
    previous: key.previous.map((p) => ({ accessKeyId: p.accessKeyId, until: p.expiresAt.toISOString() })),
    keepOldSecret: input.keepOldSecret,
  });
  return { key: toView(key), secretAccessKey };
}

export async function revokeTeamApiKey(ctx: TeamContext, keyId: string): Promise<ApiKeyView> {
  const key = await refusalsAsHttp(() => revokeApiKey(ctx.team.id, keyId));
  await recordAudit({ ...ctx, environment: key.environment }, "api_key.revoke", key.name, { accessKeyId: key.accessKeyId });
  return toView(key);
}
