import { z } from "zod";

/** A simulated workforce's settings, as the Settings form, the API and the CLI accept them. */
export const WorkforceSettingsInput = z.object({
  workers: z.number("Workers must be a number").int("Workers must be a whole number").min(0, "Workers: 0 (off) or more").max(200, "Workers: at most 200"),
  paused: z.boolean(),
  paceMs: z.number("Pace must be a number").int("Pace must be whole milliseconds").min(200, "Pace: at least 200 ms between steps").max(60_000, "Pace: at most 60000 ms (a minute) between steps"),
  seed: z.number("Seed must be a number").int("Seed must be a whole number").min(0, "Seed: 0 or more").max(2_147_483_647, "Seed: at most 2147483647"),
});
export type WorkforceSettingsInput = z.infer<typeof WorkforceSettingsInput>;

/** A change to some of the settings. */
export const WorkforceSettingsPatch = WorkforceSettingsInput.partial();
export type WorkforceSettingsPatch = z.infer<typeof WorkforceSettingsPatch>;
