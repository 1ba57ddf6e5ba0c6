import "server-only";
import { GetAccountBalanceCommand } from "@aws-sdk/client-mturk";
import { hasRole } from "@/lib/auth/roles";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { Forbidden, Invalid } from "@/lib/errors";
import { provisionRequester } from "@/lib/marketplace/admin";
import { sendMturk } from "@/lib/mturk/send";
import type { ConnectionInput } from "@/lib/mturk/connection-input";
import { AWS_MTURK_ENDPOINTS, builtinEndpointPath } from "@/lib/mturk/endpoints";
import { toMturkError } from "@/lib/mturk/errors";
import type { EnvironmentName } from "@/lib/scope";

export interface ConnectionSummary {
  environment: EnvironmentName;
  kind: "builtin" | "aws" | "custom";
  endpoint: string;
  accessKeyId: string;
  updatedAt: string;
}

/** What Settings may show: never the secret. */
export async function connectionSummaries(teamId: string): Promise<ConnectionSummary[]> {
  const rows = await db.marketplaceConnection.findMany({ where: { teamId }, orderBy: { environment: "asc" } });
  return rows.map((c) => ({
    environment: c.environment,
    kind: c.kind,
    endpoint: c.kind === "builtin" ? `${appUrl()}${builtinEndpointPath(c.environment)}` : c.kind === "aws" ? AWS_MTURK_ENDPOINTS[c.environment] : (c.endpoint ?? ""),
    accessKeyId: c.accessKeyId,
    updatedAt: c.updatedAt.toISOString(),
  }));
}

/** Production's connection moves money: only owners change it. */
export function assertMayChangeConnection(ctx: TeamContext, environment: EnvironmentName): void {
  if (environment === "production" && !hasRole(ctx.role, "owner")) throw new Forbidden("Only an owner can change the production connection");
}

export async function updateConnection(ctx: TeamContext, environment: EnvironmentName, input: ConnectionInput): Promise<ConnectionSummary> {
  assertMayChangeConnection(ctx, environment);
  const where = { teamId_environment: { teamId: ctx.team.id, environment } };
  const current = await db.marketplaceConnection.findUnique({ where, omit: { secretCiphertext: false } });
  let data: { kind: ConnectionInput["kind"]; endpoint: string | null; accessKeyId: string; secretCiphertext: string };
  if (input.kind === "builtin") {
    const keys = await provisionRequester(ctx.team.id, environment, ctx.team.name);
    data = { kind: "builtin", endpoint: null, accessKeyId: keys.accessKeyId, secretCiphertext: encryptSecret(keys.secretAccessKey) };
  } else {
    // A blank secret keeps the stored one, but only for the same key id on the same kind.
    const keepSecret = !input.secretAccessKey && current && current.kind === input.kind && current.accessKeyId === input.accessKeyId;
    if (!input.secretAccessKey && !keepSecret) throw new Invalid("secretAccessKey: enter the secret access key for this key ID");
    data = {
      kind: input.kind,
      endpoint: input.kind === "custom" ? input.endpoint : null,
      accessKeyId: input.accessKeyId,
      secretCiphertext: keepSecret ? current.secretCiphertext : encryptSecret(input.secretAccessKey!),
    };
  }
  await db.marketplaceConnection.upsert({ where, create: { teamId: ctx.team.id, environment, ...data }, update: data });
  await recordAudit({ ...ctx, environment }, "connection.update", environment, { kind: data.kind, accessKeyId: data.accessKeyId, endpoint: data.endpoint });
  const summary = (await connectionSummaries(ctx.team.id)).find((c) => c.environment === environment);
  return summary!;
}

export type ConnectionTest = { ok: true; availableBalance: string } | { ok: false; error: string };

/** GetAccountBalance through the connection, as every later call will go. */
export async function testConnection(teamId: string, environment: EnvironmentName): Promise<ConnectionTest> {
  try {
    const out = await sendMturk(teamId, environment, new GetAccountBalanceCommand({}));
    return { ok: true, availableBalance: out.AvailableBalance ?? "0.00" };
  } catch (e) {
    return { ok: false, error: toMturkError(e).message };
  }
}
