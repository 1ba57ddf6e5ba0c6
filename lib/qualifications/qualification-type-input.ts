import { z } from "zod";

// One schema per input, shared by the form on /qualifications and the route handlers. Safe to
// import from client components.

/** MTurk's identifiers in QuestionForm and AnswerKey: short, no spaces, so they survive CSVs. */
const Identifier = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, "Use 1–64 letters, digits, dots, dashes or underscores");

export const TestChoice = z.object({
  identifier: Identifier,
  text: z.string().trim().min(1, "A choice needs text").max(500),
  correct: z.boolean().default(false),
});

export const TestQuestion = z.object({
  identifier: Identifier,
  text: z.string().trim().min(1, "A question needs text").max(2000),
  /** single: radio buttons; multiple: checkboxes (all correct ones, and only those, score). */
  kind: z.enum(["single", "multiple", "text"]),
  choices: z.array(TestChoice).max(30).default([]),
  /** For text questions: the answer that scores (exact, trimmed); empty leaves it unscored. */
  expectedText: z.string().trim().max(500).default(""),
  points: z.number().int().min(0).max(1000).default(1),
});

export const ScoreMapping = z.discriminatedUnion("kind", [
  /** The summed points as they are. */
  z.object({ kind: z.literal("sum") }),
  /** Percent of the maximum points (MaximumSummedScore is the sum of every question's points). */
  z.object({ kind: z.literal("percentage") }),
  z.object({ kind: z.literal("scale"), multiplier: z.number().finite() }),
  z.object({
    kind: z.literal("range"),
    ranges: z
      .array(z.object({ lower: z.number().int(), upper: z.number().int(), value: z.number().int() }))
      .min(1)
      .max(20),
    outOfRangeValue: z.number().int(),
  }),
]);

const TestDuration = z.number().int().min(30, "At least 30 seconds").max(31_536_000);

export const TestDefinition = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("none") }),
  z.object({
    mode: z.literal("builder"),
    title: z.string().trim().max(200).default(""),
    instructions: z.string().trim().max(4000).default(""),
    questions: z.array(TestQuestion).min(1, "Add at least one question").max(50),
    /** On: the AnswerKey goes to the marketplace, which decides at once. Off: HITdesk keeps it, and requests wait in the inbox with its score. */
    autoScore: z.boolean(),
    mapping: ScoreMapping,
    durationSec: TestDuration,
  }),
  z.object({
    mode: z.literal("xml"),
    testXml: z.string().trim().min(1, "Paste the QuestionForm XML").max(65_535),
    answerKeyXml: z.string().trim().max(65_535).default(""),
    /** As for the builder: send the answer key, or keep it to suggest scores in the inbox. */
    autoScore: z.boolean().default(true),
    durationSec: TestDuration,
  }),
]);

export const QUALIFICATION_STATUSES = ["Active", "Inactive"] as const;

const QualificationTypeFields = z.object({
  name: z.string().trim().min(1, "Give it a name").max(200),
  description: z.string().trim().min(1, "Describe it for workers").max(2000),
  keywords: z.string().trim().max(1000).default(""),
  status: z.enum(QUALIFICATION_STATUSES),
  /** Seconds before a worker may request again; null: only once. */
  retryDelaySec: z.number().int().min(0).nullable(),
  autoGranted: z.boolean(),
  autoGrantedValue: z.number().int().default(1),
  test: TestDefinition,
});

const noTestWhenAutoGranted = (t: { autoGranted: boolean; test: { mode: string } }) => !(t.autoGranted && t.test.mode !== "none");
const autoGrantedIssue = { message: "A type with a test cannot also be granted automatically", path: ["autoGranted"] };

export const QualificationTypeInput = QualificationTypeFields.refine(noTestWhenAutoGranted, autoGrantedIssue);

export type QualificationTypeInput = z.input<typeof QualificationTypeInput>;
export type TestQuestion = z.output<typeof TestQuestion>;
export type TestDefinition = z.output<typeof TestDefinition>;
export type ScoreMapping = z.output<typeof ScoreMapping>;

/** UpdateQualificationType cannot change the name or keywords: the edit form derives from create. */
export const QualificationTypeUpdate = QualificationTypeFields.omit({ name: true, keywords: true }).refine(noTestWhenAutoGranted, autoGrantedIssue);
export type QualificationTypeUpdate = z.input<typeof QualificationTypeUpdate>;
