import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { sendTestWebhook } from "@/lib/webhooks/endpoints";

export const POST = withTeam({ role: "admin", input: z.object({}) }, ({ ctx, params }) => sendTestWebhook(ctx, String(params.id)));
