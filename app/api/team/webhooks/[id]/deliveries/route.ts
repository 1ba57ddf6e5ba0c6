import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { listWebhookDeliveries } from "@/lib/webhooks/endpoints";

export const GET = withTeam({ role: "admin", input: z.object({}) }, ({ ctx, params }) => listWebhookDeliveries(ctx, String(params.id)));
