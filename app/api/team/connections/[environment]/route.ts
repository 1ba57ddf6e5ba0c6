import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { ENVIRONMENTS } from "@/lib/auth/roles";
import { ConnectionInput } from "@/lib/mturk/connection-input";
import { updateConnection } from "@/lib/mturk/connections";

export const PUT = withTeam({ role: "admin", input: ConnectionInput }, ({ ctx, input, params }) =>
  updateConnection(ctx, z.enum(ENVIRONMENTS).parse(params.environment), input),
);
