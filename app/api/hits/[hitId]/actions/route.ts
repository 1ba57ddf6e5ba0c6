import { withTeam } from "@/lib/auth/guard";
import { actOnHit } from "@/lib/hits/hit-action-job";
import { SingleHitActionInput } from "@/lib/hits/hit-actions";

// Changing HITs spends money or ends work: admins only.
export const POST = withTeam({ role: "admin", input: SingleHitActionInput }, ({ ctx, input, params }) => actOnHit(ctx, String(params.hitId), input.action, input.requestId));
