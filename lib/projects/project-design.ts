import { z } from "zod";
import { dollarsToCents } from "@/lib/money";
import { escapeXml } from "@/lib/mturk-formats/escape";
import { externalQuestionXml, htmlQuestionXml, placeholdersIn, substitute } from "@/lib/mturk-formats/placeholders";

/**
 * A HIT design (a project version): everything CreateHIT needs except the per-row values of
 * `${placeholders}`. One schema for the project editor and the server. Limits are MTurk's.
 */

export const COMPARATORS = ["LessThan", "LessThanOrEqualTo", "GreaterThan", "GreaterThanOrEqualTo", "EqualTo", "NotEqualTo", "Exists", "DoesNotExist", "In", "NotIn"] as const;
export const ACTIONS_GUARDED = ["Accept", "PreviewAndAccept", "DiscoverPreviewAndAccept"] as const;

export const QualificationRequirementInput = z
  .object({
    QualificationTypeId: z.string().trim().min(1, "Choose a qualification type").max(64),
    Comparator: z.enum(COMPARATORS),
    IntegerValues: z.array(z.number().int()).max(15).optional(),
    LocaleValues: z
      .array(
        z.object({
          Country: z.string().regex(/^[A-Z]{2}$/, "Country: two capital letters (ISO 3166-1), e.g. US"),
          Subdivision: z
            .string()
            .regex(/^[A-Z0-9]{1,3}$/, "Subdivision: e.g. CA")
            .optional(),
        }),
      )
      .max(30)
      .optional(),
    ActionsGuarded: z.enum(ACTIONS_GUARDED).default("Accept"),
  })
  .superRefine((r, ctx) => {
    const needsValues = r.Comparator !== "Exists" && r.Comparator !== "DoesNotExist";
    const count = (r.IntegerValues?.length ?? 0) + (r.LocaleValues?.length ?? 0);
    if (needsValues && count === 0) ctx.addIssue({ code: "custom", path: ["IntegerValues"], message: `${r.Comparator} needs a value` });
    if (!needsValues && count > 0) ctx.addIssue({ code: "custom", path: ["IntegerValues"], message: `${r.Comparator} takes no value` });
    if (count > 1 && r.Comparator !== "In" && r.Comparator !== "NotIn") ctx.addIssue({ code: "custom", path: ["IntegerValues"], message: "Only In and NotIn take several values" });
  });
export type QualificationRequirementInput = z.infer<typeof QualificationRequirementInput>;

export const TaskDesign = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("HTMLQuestion"), html: z.string().min(1, "Write the task's HTML").max(65_000, "HTML is at most 65,000 characters"), frameHeight: z.number().int().min(0).max(10_000) }),
  z.object({ kind: z.literal("ExternalQuestion"), url: z.string().trim().min(1, "Enter the task URL").max(2000), frameHeight: z.number().int().min(0).max(10_000) }),
  z.object({ kind: z.literal("QuestionForm"), xml: z.string().min(1, "Write the QuestionForm XML").max(65_000, "XML is at most 65,000 characters") }),
]);
export type TaskDesign = z.infer<typeof TaskDesign>;

const seconds = (min: number, max: number, label: string) => z.number().int(`${label}: whole seconds`).min(min, `${label}: at least ${min} s`).max(max, `${label}: at most ${max} s`);

export const ProjectDesign = z.object({
  title: z.string().trim().min(1, "Title is required").max(128, "Title is at most 128 characters"),
  description: z.string().trim().min(1, "Description is required").max(2000, "Description is at most 2,000 characters"),
  keywords: z.string().trim().max(1000, "Keywords are at most 1,000 characters").default(""),
  reward: z
    .string()
    .trim()
    .regex(/^\d{1,4}(\.\d{1,2})?$/, "Reward: dollars with at most two decimals, e.g. 0.25")
    .refine((v) => dollarsToCents(v) >= 1, "Reward must be at least $0.01"),
  assignmentsPerHit: z.number().int().min(1, "At least 1 assignment").max(1_000_000),
  lifetimeSeconds: seconds(30, 31_536_000, "Lifetime"),
  assignmentDurationSeconds: seconds(30, 31_536_000, "Time allotted"),
  autoApprovalDelaySeconds: seconds(0, 2_592_000, "Auto-approval delay"),
  qualificationRequirements: z.array(QualificationRequirementInput).max(10, "At most 10 qualification requirements").default([]),
  task: TaskDesign,
});
export type ProjectDesign = z.infer<typeof ProjectDesign>;

/** The placeholders a design's task uses: the CSV must have a column for each. */
export function designPlaceholders(task: TaskDesign): string[] {
  return placeholdersIn(task.kind === "HTMLQuestion" ? task.html : task.kind === "ExternalQuestion" ? task.url : task.xml);
}

const WHOLE_PLACEHOLDER = /^\$\{[^}]+\}$/;

/** The Question XML for one row, each value escaped for where it lands. */
export function questionForRow(task: TaskDesign, values: Record<string, string>): string {
  switch (task.kind) {
    case "HTMLQuestion":
      return htmlQuestionXml(substitute(task.html, values), task.frameHeight);
    case "ExternalQuestion":
      // A URL that is one placeholder takes the row's URL as is; elsewhere values are URL-encoded.
      return externalQuestionXml(substitute(task.url, values, WHOLE_PLACEHOLDER.test(task.url) ? (v) => v.trim() : encodeURIComponent), task.frameHeight);
    case "QuestionForm":
      return substitute(task.xml, values, escapeXml);
  }
}

/** The HTML a preview frame shows for one row (QuestionForm and ExternalQuestion have none of their own). */
export function previewHtmlForRow(task: TaskDesign, values: Record<string, string>): string | null {
  return task.kind === "HTMLQuestion" ? substitute(task.html, values) : null;
}

export const usesMasters = (design: ProjectDesign, mastersIds: readonly string[]) => design.qualificationRequirements.some((r) => mastersIds.includes(r.QualificationTypeId));
