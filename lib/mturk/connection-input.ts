import { z } from "zod";

/** Settings → Marketplace form, shared by the form and the server. */
export const ConnectionInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("builtin") }),
  z.object({
    kind: z.literal("aws"),
    accessKeyId: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{16,128}$/, "Access key ID: 16–128 upper-case letters and digits (e.g. AKIA…)"),
    /** Blank keeps the stored secret. */
    secretAccessKey: z.string().trim().max(128, "Secret access key is too long").optional(),
  }),
  z.object({
    kind: z.literal("custom"),
    endpoint: z.url({ protocol: /^https?$/, message: "Endpoint must be an http(s) URL" }),
    accessKeyId: z.string().trim().min(1, "Access key ID is required").max(128),
    secretAccessKey: z.string().trim().max(128, "Secret access key is too long").optional(),
  }),
]);
export type ConnectionInput = z.infer<typeof ConnectionInput>;
