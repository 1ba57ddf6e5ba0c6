import { z } from "zod";

/** Where an API key may sign requests: both endpoints (the default) or one. */
export const API_KEY_SCOPES = ["both", "sandbox", "production"] as const;
export const ApiKeyScope = z.enum(API_KEY_SCOPES, "Environments: both, sandbox or production");
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;

export const CreateApiKeyInput = z.object({
  name: z
    .string("Name is required")
    .trim()
    .min(1, "Name is required")
    .max(60, "Name: at most 60 characters")
    .regex(/^[^\p{Cc}]*$/u, "Name: no control characters"),
  environment: ApiKeyScope,
});
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;

export const RestrictApiKeyInput = CreateApiKeyInput.pick({ environment: true });
export type RestrictApiKeyInput = z.infer<typeof RestrictApiKeyInput>;

export const RotateApiKeyInput = z.object({
  /** Keep the old secret working for the grace period (24 hours), or stop it now. */
  keepOldSecret: z.boolean("keepOldSecret: true or false"),
});
export type RotateApiKeyInput = z.infer<typeof RotateApiKeyInput>;
