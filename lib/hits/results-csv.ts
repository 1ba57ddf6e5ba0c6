/**
 * MTurk's batch results CSV, as the requester site downloads it, so analysis scripts written
 * for MTurk read HITdesk's files unchanged: the same 27 leading columns, `Input.<column>` in the
 * batch's column order, `Answer.<name>` sorted as MTurk sorts them, then Approve and Reject left
 * empty for the requester to fill in. Pure: the server streams rows built here.
 */

export const RESULT_COLUMNS = [
  "HITId",
  "HITTypeId",
  "Title",
  "Description",
  "Keywords",
  "Reward",
  "CreationTime",
  "MaxAssignments",
  "RequesterAnnotation",
  "AssignmentDurationInSeconds",
  "AutoApprovalDelayInSeconds",
  "Expiration",
  "NumberOfSimilarHITs",
  "LifetimeInSeconds",
  "AssignmentId",
  "WorkerId",
  "AssignmentStatus",
  "AcceptTime",
  "SubmitTime",
  "AutoApprovalTime",
  "ApprovalTime",
  "RejectionTime",
  "RequesterFeedback",
  "WorkTimeInSeconds",
  "LifetimeApprovalRate",
  "Last30DaysApprovalRate",
  "Last7DaysApprovalRate",
] as const;

export interface ResultHit {
  hitId: string;
  hitTypeId: string;
  title: string;
  description: string;
  keywords: string | null;
  rewardCents: number;
  createdAt: Date;
  maxAssignments: number;
  requesterAnnotation: string | null;
  expiresAt: Date;
  /** Known for HITs of a batch (from the project version it used); blank otherwise. */
  assignmentDurationSeconds: number | null;
  autoApprovalDelaySeconds: number | null;
  lifetimeSeconds: number | null;
}

export interface ResultAssignment {
  assignmentId: string;
  workerId: string;
  status: string;
  acceptTime: Date | null;
  submitTime: Date | null;
  autoApprovalTime: Date | null;
  approvalTime: Date | null;
  rejectionTime: Date | null;
  requesterFeedback: string | null;
  /** QuestionFormAnswers as the sync parsed them: { identifier: value(s) }. */
  answers: unknown;
}

/** A worker's approved and rejected counts with this team: lifetime, last 30 and last 7 days. */
export interface WorkerApproval {
  lifetime: [approved: number, decided: number];
  last30Days: [approved: number, decided: number];
  last7Days: [approved: number, decided: number];
}

const PACIFIC = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/Los_Angeles",
  weekday: "short",
  month: "short",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  year: "numeric",
  timeZoneName: "short",
});

/** MTurk's CSV times: Java's Date.toString in Seattle time, e.g. "Fri Jun 08 09:21:50 PDT 2012". */
export function mturkTime(date: Date | null | undefined): string {
  if (!date) return "";
  const p = Object.fromEntries(PACIFIC.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.weekday} ${p.month} ${p.day} ${p.hour}:${p.minute}:${p.second} ${p.timeZoneName} ${p.year}`;
}

function flattenInto(prefix: string, value: unknown, out: Map<string, string>): void {
  if (value === null || value === undefined) out.set(prefix, "");
  else if (Array.isArray(value)) out.set(prefix, JSON.stringify(value));
  else if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) out.set(prefix, "{}");
    for (const [k, v] of entries) flattenInto(`${prefix}.${k}`, v, out);
  } else out.set(prefix, `${value as string | number | boolean}`);
}

/**
 * An assignment's answers as MTurk's CSV names them: `Answer.<identifier>` (several selections
 * joined by "|"), and crowd-form's `taskAnswers` JSON opened up into its leaves:
 * `Answer.sentiment.label`, `Answer.happy.on` = "true", arrays (bounding boxes) kept as JSON.
 */
export function answerFields(answers: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!answers || typeof answers !== "object") return out;
  for (const [name, value] of Object.entries(answers as Record<string, unknown>)) {
    if (name === "taskAnswers" && typeof value === "string") {
      try {
        const parsed = JSON.parse(value) as unknown;
        const objects = Array.isArray(parsed) ? parsed : [parsed];
        if (objects.every((o) => o && typeof o === "object" && !Array.isArray(o))) {
          for (const o of objects) for (const [k, v] of Object.entries(o as Record<string, unknown>)) flattenInto(`Answer.${k}`, v, out);
          continue;
        }
      } catch {
        // Not JSON: kept as text below, like any other answer.
      }
    }
    out.set(`Answer.${name}`, Array.isArray(value) ? value.map(String).join("|") : value === null || value === undefined ? "" : `${value as string}`);
  }
  return out;
}

/** Answer columns in MTurk's order: plain code-unit order ("Q1", "Q10", "Q2", "a"). */
export const sortAnswerColumns = (names: Iterable<string>) => [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export function resultsHeader(inputColumns: readonly string[], answerColumns: readonly string[]): string[] {
  return [...RESULT_COLUMNS, ...inputColumns.map((c) => `Input.${c}`), ...answerColumns, "Approve", "Reject"];
}

const rate = ([approved, decided]: [number, number]) => `${decided ? Math.round((approved / decided) * 100) : 0}% (${approved}/${decided})`;
const num = (n: number | null) => (n === null ? "" : String(n));

/**
 * One CSV row: a HIT with one of its assignments, or with none (a HIT nobody has submitted
 * yet still gets its row, with the assignment columns empty, so every input row is accounted for).
 */
export function resultRow(
  hit: ResultHit,
  assignment: ResultAssignment | null,
  inputs: Record<string, string> | null,
  columns: { input: readonly string[]; answer: readonly string[] },
  approval: WorkerApproval | undefined,
): string[] {
  const a = assignment;
  const answers = a ? answerFields(a.answers) : new Map<string, string>();
  const workSeconds = a?.acceptTime && a.submitTime ? String(Math.max(0, Math.round((a.submitTime.getTime() - a.acceptTime.getTime()) / 1000))) : "";
  return [
    hit.hitId,
    hit.hitTypeId,
    hit.title,
    hit.description,
    hit.keywords ?? "",
    `$${(hit.rewardCents / 100).toFixed(2)}`,
    mturkTime(hit.createdAt),
    String(hit.maxAssignments),
    hit.requesterAnnotation ?? "",
    num(hit.assignmentDurationSeconds),
    num(hit.autoApprovalDelaySeconds),
    mturkTime(hit.expiresAt),
    "",
    num(hit.lifetimeSeconds),
    a?.assignmentId ?? "",
    a?.workerId ?? "",
    a?.status ?? "",
    mturkTime(a?.acceptTime),
    mturkTime(a?.submitTime),
    mturkTime(a?.autoApprovalTime),
    mturkTime(a?.approvalTime),
    mturkTime(a?.rejectionTime),
    a?.requesterFeedback ?? "",
    workSeconds,
    a && approval ? rate(approval.lifetime) : a ? rate([0, 0]) : "",
    a && approval ? rate(approval.last30Days) : a ? rate([0, 0]) : "",
    a && approval ? rate(approval.last7Days) : a ? rate([0, 0]) : "",
    ...columns.input.map((c) => inputs?.[c] ?? ""),
    ...columns.answer.map((c) => answers.get(c) ?? ""),
    "",
    "",
  ];
}
