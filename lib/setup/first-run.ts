import "server-only";
import { PasswordInput, SetupInput, EmailSchema } from "@/lib/auth/schemas";
import { randomToken, sha256 } from "@/lib/crypto";
import { db } from "@/lib/db";
import { appUrl, env } from "@/lib/env";
import { createTeam } from "@/lib/teams/create-team";
import { createUser } from "@/lib/users/create-user";

const SETUP_TOKEN_TTL_MS = 24 * 3600 * 1000;

export type FirstRunOutcome = { kind: "ready" } | { kind: "created-admin"; email: string } | { kind: "setup-url"; url: string };

/**
 * With no users yet: creates the first owner from HITDESK_ADMIN_EMAIL/PASSWORD, or issues a
 * one-time setup link (a new one at each start; older ones stop working).
 */
export async function prepareFirstRun(): Promise<FirstRunOutcome> {
  if ((await db.user.count()) > 0) return { kind: "ready" };
  if (env.HITDESK_ADMIN_EMAIL && env.HITDESK_ADMIN_PASSWORD) {
    const password = PasswordInput.safeParse(env.HITDESK_ADMIN_PASSWORD);
    if (!password.success) throw new Error(`HITDESK_ADMIN_PASSWORD: ${password.error.issues[0]?.message}`);
    const email = EmailSchema.parse(env.HITDESK_ADMIN_EMAIL);
    const user = await createUser({ email, password: password.data, name: email.split("@")[0] ?? email });
    await createTeam({ name: "My team", ownerUserId: user.id });
    return { kind: "created-admin", email };
  }
  const token = randomToken();
  await db.$transaction([db.setupToken.deleteMany({ where: { usedAt: null } }), db.setupToken.create({ data: { tokenHash: sha256(token), expiresAt: new Date(Date.now() + SETUP_TOKEN_TTL_MS) } })]);
  return { kind: "setup-url", url: `${appUrl()}/setup?token=${token}` };
}

export async function setupTokenIsValid(token: string): Promise<boolean> {
  const row = await db.setupToken.findUnique({ where: { tokenHash: sha256(token) } });
  return !!row && !row.usedAt && row.expiresAt > new Date() && (await db.user.count()) === 0;
}

/** Creates the first owner and their team through the one-time link. */
export async function completeSetup(raw: unknown): Promise<{ email: string }> {
  const input = SetupInput.parse(raw);
  const claimed = await db.setupToken.updateMany({
    where: { tokenHash: sha256(input.token), usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (claimed.count !== 1 || (await db.user.count()) > 0) {
    throw new Error("This setup link has expired or was already used. Restart HITdesk to print a new one.");
  }
  const user = await createUser({ email: input.email, password: input.password, name: input.name });
  await createTeam({ name: input.teamName, ownerUserId: user.id });
  return { email: input.email };
}
