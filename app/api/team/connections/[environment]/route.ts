import { environmentParam, withTeam } from "@/lib/auth/guard";
import { ConnectionInput } from "@/lib/mturk/connection-input";
import { updateConnection } from "@/lib/mturk/connections";

export const PUT = withTeam({ role: "admin", input: ConnectionInput }, ({ ctx, input, params }) => updateConnection(ctx, environmentParam(params), input));
