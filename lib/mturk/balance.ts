import "server-only";
import { db } from "@/lib/db";
import { spentCents } from "@/lib/marketplace/admin";
import { testConnection, type ConnectionTest } from "@/lib/mturk/connections";
import type { EnvironmentName } from "@/lib/scope";

/** Where a sandbox spend figure comes from: the built-in marketplace's own ledger, or HITdesk's payment ledger. */
export type SpendSource = "marketplace" | "hitdesk";

export type AccountBalance = ConnectionTest & { sandboxSpent?: { cents: number; source: SpendSource } };

/**
 * The balance card's figures. MTurk's sandbox answers GetAccountBalance with $10,000.00
 * whatever was spent, so in sandbox the spend comes from a ledger instead: the built-in
 * marketplace's (every reward, bonus and fee, whichever key paid it), else HITdesk's own
 * payment ledger (what the dashboard paid, without fees: AWS keeps no sandbox statement).
 */
export async function accountBalance(teamId: string, environment: EnvironmentName): Promise<AccountBalance> {
  const balance = await testConnection(teamId, environment);
  if (!balance.ok || environment !== "sandbox") return balance;
  const connection = await db.marketplaceConnection.findUnique({ where: { teamId_environment: { teamId, environment } }, select: { kind: true } });
  if (connection?.kind === "builtin") {
    return { ...balance, sandboxSpent: { cents: (await spentCents(teamId, "sandbox")) ?? 0, source: "marketplace" } };
  }
  const paid = await db.paymentLedgerEntry.aggregate({ where: { teamId, environment, status: "paid" }, _sum: { amountCents: true } });
  return { ...balance, sandboxSpent: { cents: paid._sum.amountCents ?? 0, source: "hitdesk" } };
}
