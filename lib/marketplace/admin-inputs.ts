import { z } from "zod";

/**
 * The inputs of the marketplace's control plane (admin.ts), one zod schema each, shared by
 * the dashboard's forms, its routes and the CLI. Pure and safe in the browser, which admin.ts
 * (server-only) is not; see the rule in admin.ts.
 */

/** A host name or IP address (IPv6 with or without brackets), lower-cased, no port or wildcard. */
const Host = z
  .string()
  .trim()
  .toLowerCase()
  .transform((h) => h.replace(/^\[(.*)\]$/, "$1"))
  .pipe(
    z.union(
      [z.string().regex(/^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/), z.ipv4(), z.ipv6()],
      "Hosts: host names or IP addresses only, such as localhost or study.example.org (no scheme, port or path)",
    ),
  );

/** A simulated workforce's settings, as the Settings form, the API and the CLI accept them. */
export const WorkforceSettingsInput = z.object({
  workers: z.number("Workers must be a number").int("Workers must be a whole number").min(0, "Workers: 0 (off) or more").max(200, "Workers: at most 200"),
  paused: z.boolean(),
  paceMs: z.number("Pace must be a number").int("Pace must be whole milliseconds").min(200, "Pace: at least 200 ms between steps").max(60_000, "Pace: at most 60000 ms (a minute) between steps"),
  seed: z.number("Seed must be a number").int("Seed must be a whole number").min(0, "Seed: 0 or more").max(2_147_483_647, "Seed: at most 2147483647"),
  /** Hosts whose ExternalQuestion pages simulated workers open before submitting. */
  externalHosts: z
    .array(Host, "Hosts: a list of host names")
    .max(20, "Hosts: at most 20")
    .transform((hosts) => [...new Set(hosts)]),
});
export type WorkforceSettingsInput = z.infer<typeof WorkforceSettingsInput>;

/** A change to some of the settings. */
export const WorkforceSettingsPatch = WorkforceSettingsInput.partial();
export type WorkforceSettingsPatch = z.infer<typeof WorkforceSettingsPatch>;

/** A new invitation link to the requester's workforce on the worker site. */
export const WorkerInviteInput = z.object({
  label: z.string().trim().max(100, "Label is too long").optional(),
  maxUses: z.coerce.number().int().min(1, "At least 1 use").max(100_000).optional(),
  expiresInDays: z.coerce.number().int().min(1).max(365).optional(),
});
export type WorkerInviteInput = z.infer<typeof WorkerInviteInput>;
