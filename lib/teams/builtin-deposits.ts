import "server-only";
import { randomUUID } from "node:crypto";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { HttpError } from "@/lib/http-error";
import { recordDeposit } from "@/lib/marketplace/ledger";
import { findRequesterId } from "@/lib/marketplace/requesters";
import { dollarsToCents } from "@/lib/money";
import type { DepositInput } from "@/lib/teams/deposit-input";

/**
 * Money in the built-in production marketplace comes from deposits an owner records (the
 * team's own accounting of what it set aside to pay its workers). AWS MTurk balances are
 * funded at AWS instead.
 */
export async function recordBuiltinDeposit(ctx: TeamContext, input: DepositInput): Promise<{ amountCents: number }> {
  const connection = await db.marketplaceConnection.findUnique({ where: { teamId_environment: { teamId: ctx.team.id, environment: "production" } } });
  if (connection?.kind !== "builtin") throw new HttpError(409, "Production is not connected to the built-in marketplace: fund that account where it lives");
  const requesterId = await findRequesterId(ctx.team.id, "production");
  if (!requesterId) throw new HttpError(409, "The built-in production account does not exist yet");
  const amountCents = dollarsToCents(input.amount);
  await recordDeposit(requesterId, amountCents, input.note ?? "Deposit", randomUUID());
  await recordAudit({ ...ctx, environment: "production" }, "marketplace.deposit", `$${input.amount}`, { amountCents, note: input.note ?? null });
  return { amountCents };
}
