import { withTeam } from "@/lib/auth/guard";
import { recordBuiltinDeposit } from "@/lib/teams/builtin-deposits";
import { DepositInput } from "@/lib/teams/deposit-input";

export const POST = withTeam({ role: "owner", input: DepositInput }, ({ ctx, input }) => recordBuiltinDeposit(ctx, input));
