import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { copyHitAsProject } from "@/lib/hits/copy-hit-as-project";

export const POST = withTeam({ role: "admin", input: z.object({}) }, ({ ctx, params }) => copyHitAsProject(ctx, String(params.hitId)));
