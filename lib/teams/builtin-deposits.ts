import "server-only";
import { randomUUID } from "node:crypto";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { Conflict } from "@/lib/errors";
import { NoMarketplaceAccount, recordDeposit } from "@/lib/marketplace/admin";
import { dollarsToCents } from "@/lib/money";
import type { DepositInput } from "@/lib/teams/deposit-input";

/**
 * Money in the built-in production marketplace comes from deposits an owner records (the
 * team's own accounting of what it set aside to pay its workers). AWS MTurk balances are
 * funded at AWS instead.
 */
export async function recordBuiltinDeposit(ctx: TeamContext, input: DepositInput): Promise<{ amountCents: number }> {
  const connection = await db.marketplaceConnection.findUnique({ where: { teamId_environment: { teamId: ctx.team.id, environment: "production" } } });
  if (connection?.kind !== "builtin") throw new Conflict("Production is not connected to the built-in marketplace: fund that account where it lives");
  const amountCents = dollarsToCents(input.amount);
  try {
    await recordDeposit(ctx.team.id, "production", { amountCents, note: input.note ?? "Deposit", depositId: randomUUID() });
  } catch (e) {
    if (e instanceof NoMarketplaceAccount) throw new Conflict(e.message);
    throw e;
  }
  await recordAudit({ ...ctx, environment: "production" }, "marketplace.deposit", `$${input.amount}`, { amountCents, note: input.note ?? null });
  return { amountCents };
}
