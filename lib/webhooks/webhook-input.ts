import { z } from "zod";
import { DeliveryUrl } from "@/lib/http/delivery-url";
import { EVENT_TYPE_NAMES } from "@/lib/webhooks/event-types";

const EventTypes = z
  .array(z.enum(EVENT_TYPE_NAMES, `Events: each one of ${EVENT_TYPE_NAMES.join(", ")}`), "Events: a list of event types")
  .min(1, "Events: choose at least one")
  .transform((types) => [...new Set(types)]);

/** A team webhook as entered in Settings → Webhooks; the same schema checks the API's input. */
export const CreateWebhookInput = z.object({
  url: DeliveryUrl,
  description: z
    .string()
    .trim()
    .max(100, "Description: at most 100 characters")
    .regex(/^[^\p{Cc}]*$/u, "Description: no control characters")
    .default(""),
  eventTypes: EventTypes,
});
export type CreateWebhookInput = z.input<typeof CreateWebhookInput>;

export const UpdateWebhookInput = z
  .object({ enabled: z.boolean("Enabled: true or false"), eventTypes: EventTypes })
  .partial()
  .refine((v) => v.enabled !== undefined || v.eventTypes !== undefined, "Nothing to change: send enabled or eventTypes");
export type UpdateWebhookInput = z.input<typeof UpdateWebhookInput>;
