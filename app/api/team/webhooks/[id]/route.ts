import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { deleteWebhookEndpoint, updateWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { UpdateWebhookInput } from "@/lib/webhooks/webhook-input";

export const PATCH = withTeam({ role: "admin", input: UpdateWebhookInput }, ({ ctx, input, params }) => updateWebhookEndpoint(ctx, String(params.id), input));
export const DELETE = withTeam({ role: "admin", input: z.object({}) }, ({ ctx, params }) => deleteWebhookEndpoint(ctx, String(params.id)));
