import type { AnswerValue } from "@/lib/mturk-formats/answers";
import type { FormQuestion, FreeTextSpec, QuestionForm, SelectionSpec } from "@/lib/mturk-formats/question-form";
import { plural } from "@/lib/mturk-formats/plural";

/*
 * Reading a QuestionForm that a worker filled in on HITdesk's own rendering of it
 * (question-form-document.ts), and the validation rules both sides apply.
 *
 * Field naming. Question i is form.questions[i] (0-based, document order):
 *   q.<i>         FreeText: the text. Selection: one value per choice, the chosen
 *                 Selection's 0-based position in the form's <Selections>, or "other" for the
 *                 OtherSelection. Repeated for several choices.
 *   q.<i>.other   the OtherSelection text; read only when "other" is among q.<i>'s values.
 * Names and values never carry a QuestionIdentifier or SelectionIdentifier: identifiers may
 * hold any character (and a Qualification test's identifiers may give answers away), so the
 * reader maps positions back through the same parsed form. FileUploadAnswer has no field.
 *
 * The rules are data (questionFormRules): bounds, translated regexes and every message, worded
 * here once. The server checks them with checkQuestion; the document embeds the same data as
 * JSON and checks it with CLIENT_CHECK_SCRIPT, a line-for-line copy of checkQuestion kept next
 * to it (the unit tests run both on the same inputs).
 *
 * Semantics follow MTurk's QuestionForm reference: AnswerFormatRegex is a JavaScript regular
 * expression tested against the answer (not anchored: regex="\S" means "not blank"), flags "i";
 * IsNumeric accepts decimals; a Length minLength makes the answer required; lengths count
 * characters (code points), whitespace included; MinSelectionCount defaults to 1.
 */

export const OTHER_CHOICE = "other";
export const questionField = (index: number) => `q.${index}`;
export const otherField = (index: number) => `q.${index}.other`;

/** A decimal number, optionally signed, surrounding spaces allowed ("42", "-1.5", ".5"). */
export const NUMBER_PATTERN = String.raw`^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*$`;
const DEFAULT_REGEX_ERROR = "Invalid input supplied.";

export interface TextRule {
  required: boolean;
  requiredMessage: string;
  numeric?: { min?: number; max?: number; message: string };
  length?: { min?: number; max?: number; message: string };
  regexes: { source: string; flags: string; message: string }[];
}

export type QuestionRule =
  | { kind: "text"; label: string; field: string; text: TextRule }
  | {
      kind: "selection";
      label: string;
      field: string;
      otherField: string;
      choiceCount: number;
      required: boolean;
      requiredMessage: string;
      min: number;
      max: number;
      countMessage: string;
      unknownMessage: string;
      /** Present when the question has an OtherSelection; its text is required once chosen. */
      other?: TextRule;
    }
  | { kind: "file"; label: string; required: boolean; message: string };

/** Everything the browser needs to validate; no identifiers. */
export interface QuestionFormRules {
  numberPattern: string;
  questions: QuestionRule[];
}

// ---------------------------------------------------------------------------------------------
// Wording

export function questionLabel(question: FormQuestion, index: number): string {
  const name = question.displayName?.trim();
  return name ? name : `Question ${index + 1}`;
}

/** "Age: enter a number." — or "How old are you? Enter a number." when the name ends a sentence. */
function named(label: string, problem: string): string {
  return /[?!.:;]$/.test(label) ? `${label} ${problem.charAt(0).toUpperCase()}${problem.slice(1)}` : `${label}: ${problem}`;
}

function numericProblem(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return `enter a number from ${min} to ${max}.`;
  if (min !== undefined) return `enter a number of at least ${min}.`;
  if (max !== undefined) return `enter a number of at most ${max}.`;
  return "enter a number.";
}

function lengthProblem(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return min === max ? `use exactly ${plural(min, "character")}.` : `use ${min} to ${max} characters.`;
  if (min !== undefined) return `use at least ${plural(min, "character")}.`;
  return `use at most ${plural(max ?? 0, "character")}.`;
}

/** How many choices a selection question wants, e.g. "choose 2 to 3 options." */
export function selectionProblem(spec: SelectionSpec): string {
  const available = spec.selections.length + (spec.otherSelection ? 1 : 0);
  const lo = Math.max(spec.minSelectionCount, 1);
  const hi = Math.min(spec.maxSelectionCount, available);
  if (lo >= hi) return lo === 1 ? "choose one option." : `choose exactly ${lo} options.`;
  if (hi === available) return lo === 1 ? "choose at least one option." : `choose at least ${lo} options.`;
  return `choose ${lo} to ${hi} options.`;
}

// ---------------------------------------------------------------------------------------------
// Regular expressions

const POSIX_CLASSES: Record<string, string> = {
  Lower: "a-z",
  Upper: "A-Z",
  ASCII: String.raw`\x00-\x7F`,
  Alpha: "a-zA-Z",
  Digit: "0-9",
  Alnum: "a-zA-Z0-9",
  Punct: String.raw`!-\/:-@\[-\x60{-~`,
  Graph: "!-~",
  Print: " -~",
  Blank: String.raw` \t`,
  Cntrl: String.raw`\x00-\x1F\x7F`,
  XDigit: "0-9a-fA-F",
  Space: String.raw` \t\n\x0B\f\r`,
};
const SYNTAX_CHARS = "^$\\.*+?()[]{}|/";

/**
 * An AnswerFormatRegex as a JavaScript RegExp source and flags, or null when it cannot be
 * compiled (such a rule is skipped on both sides rather than making the HIT impossible).
 * MTurk tests these with JavaScript; requesters also write Java / XML Schema idioms, which
 * JavaScript would reject or silently read as literals, so the common ones are translated:
 * a leading (?i), \A \z \Z, POSIX classes like \p{Alpha}, possessive quantifiers (a++), and
 * Unicode properties (\p{L}, which need the u flag). Only i, m and s flags are kept: g or y
 * would make test() stateful.
 */
export function toJsRegex(regex: string, flags = ""): { source: string; flags: string } | null {
  const kept = new Set([...flags.toLowerCase()].filter((c) => "ims".includes(c)));
  let src = regex;
  const inline = /^\(\?([ims]+)\)/.exec(src);
  if (inline) {
    for (const c of inline[1]!) kept.add(c);
    src = src.slice(inline[0].length);
  }
  const unicode = /\\[pP]\{(?!(?:Is)?(?:Lower|Upper|ASCII|Alpha|Digit|Alnum|Punct|Graph|Print|Blank|Cntrl|XDigit|Space)\})/.test(src);
  let out = "";
  let inClass = false;
  let afterQuantifier = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === "\\") {
      const n = src[i + 1];
      i++;
      afterQuantifier = false;
      if (n === undefined) return null;
      if (!inClass && n === "A") out += "^";
      else if (!inClass && (n === "z" || n === "Z")) out += "$";
      else if ((n === "p" || n === "P") && src[i + 1] === "{") {
        const end = src.indexOf("}", i + 2);
        if (end === -1) return null;
        const name = src.slice(i + 2, end).replace(/^Is(?=[A-Z])/, "");
        const posix = POSIX_CLASSES[name];
        if (posix !== undefined && !(inClass && n === "P")) out += inClass ? posix : `[${n === "P" ? "^" : ""}${posix}]`;
        else out += src.slice(i - 1, end + 1);
        i = end;
      } else if (unicode && !/[A-Za-z0-9]/.test(n) && !SYNTAX_CHARS.includes(n) && !(inClass && n === "-")) {
        out += n; // "\-" or "\_": harmless identity escapes that the u flag rejects
      } else out += c + n;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      out += c;
      continue;
    }
    if (c === "+" && afterQuantifier) {
      afterQuantifier = false; // possessive: JavaScript has none, greedy is the same for validation
      continue;
    }
    out += c;
    if (c === "[") inClass = true;
    afterQuantifier = c === "*" || c === "+" || (c === "?" && !/\($/.test(out.slice(0, -1))) || (c === "}" && /\{\d+(?:,\d*)?\}$/.test(out));
    if (c === "?" && afterQuantifier && /[*+?}]\?$/.test(out)) afterQuantifier = false; // lazy a+? takes no further suffix
  }
  const outFlags = [...kept].sort().join("") + (unicode ? "u" : "");
  try {
    new RegExp(out, outFlags);
  } catch {
    return null;
  }
  return { source: out, flags: outFlags };
}

// ---------------------------------------------------------------------------------------------
// Rules

function textRule(spec: FreeTextSpec, label: string, required: boolean, requiredMessage: string): TextRule {
  const { isNumeric, length } = spec.constraints;
  const minLength = length?.minLength;
  const rule: TextRule = {
    required: required || (minLength !== undefined && minLength > 0),
    requiredMessage,
    regexes: [],
  };
  if (isNumeric) rule.numeric = { ...defined({ min: isNumeric.minValue, max: isNumeric.maxValue }), message: named(label, numericProblem(isNumeric.minValue, isNumeric.maxValue)) };
  if (length && (length.minLength !== undefined || length.maxLength !== undefined)) {
    rule.length = { ...defined({ min: length.minLength, max: length.maxLength }), message: named(label, lengthProblem(length.minLength, length.maxLength)) };
  }
  for (const r of spec.constraints.regexes) {
    const js = toJsRegex(r.regex, r.flags);
    if (js) rule.regexes.push({ ...js, message: named(label, r.errorText?.trim() || DEFAULT_REGEX_ERROR) });
  }
  return rule;
}

function defined(o: { min?: number; max?: number }): { min?: number; max?: number } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function questionRule(question: FormQuestion, index: number): QuestionRule {
  const label = questionLabel(question, index);
  const spec = question.answer;
  if (spec.type === "FreeText") {
    return { kind: "text", label, field: questionField(index), text: textRule(spec, label, question.isRequired, named(label, "an answer is required.")) };
  }
  if (spec.type === "FileUpload") {
    return { kind: "file", label, required: question.isRequired, message: named(label, "file upload is not supported here, so this HIT cannot be completed.") };
  }
  const problem = named(label, selectionProblem(spec));
  return {
    kind: "selection",
    label,
    field: questionField(index),
    otherField: otherField(index),
    choiceCount: spec.selections.length,
    required: question.isRequired,
    requiredMessage: problem,
    min: spec.minSelectionCount,
    max: spec.maxSelectionCount,
    countMessage: problem,
    unknownMessage: named(label, "choose from the listed options."),
    ...(spec.otherSelection ? { other: textRule(spec.otherSelection, `${label} (Other)`, true, named(label, "fill in your “Other” answer.")) } : {}),
  };
}

export function questionFormRules(form: QuestionForm): QuestionFormRules {
  return { numberPattern: NUMBER_PATTERN, questions: form.questions.map(questionRule) };
}

// ---------------------------------------------------------------------------------------------
// Checking. checkQuestion and CLIENT_CHECK_SCRIPT must stay the same algorithm, step by step.

type FieldGetter = (name: string) => string[];

const normalizeNewlines = (v: string) => v.replace(/\r\n?/g, "\n");

function checkText(t: TextRule, value: string, numberRe: RegExp): string | null {
  if (value === "") return t.required ? t.requiredMessage : null;
  if (t.numeric) {
    const n = Number(value);
    if (!numberRe.test(value) || (t.numeric.min !== undefined && n < t.numeric.min) || (t.numeric.max !== undefined && n > t.numeric.max)) return t.numeric.message;
  }
  if (t.length) {
    const n = Array.from(value).length;
    if ((t.length.min !== undefined && n < t.length.min) || (t.length.max !== undefined && n > t.length.max)) return t.length.message;
  }
  for (const r of t.regexes) if (!new RegExp(r.source, r.flags).test(value)) return r.message;
  return null;
}

function readChoices(rule: Extract<QuestionRule, { kind: "selection" }>, get: FieldGetter): { chosen: number[]; other: boolean; unknown: boolean } {
  const chosen = new Set<number>();
  let other = false;
  let unknown = false;
  for (const v of get(rule.field)) {
    if (v === "") continue; // a dropdown's "Choose…" placeholder
    if (v === OTHER_CHOICE && rule.other) other = true;
    else if (/^(?:0|[1-9]\d*)$/.test(v) && Number(v) < rule.choiceCount) chosen.add(Number(v));
    else unknown = true;
  }
  return { chosen: [...chosen].sort((a, b) => a - b), other, unknown };
}

/** The first rule a question's submitted fields break, as a message naming the question. */
export function checkQuestion(rule: QuestionRule, numberRe: RegExp, get: FieldGetter): string | null {
  if (rule.kind === "file") return rule.required ? rule.message : null;
  if (rule.kind === "text") return checkText(rule.text, normalizeNewlines(get(rule.field)[0] ?? ""), numberRe);
  const { chosen, other, unknown } = readChoices(rule, get);
  if (unknown) return rule.unknownMessage;
  const count = chosen.length + (other ? 1 : 0);
  if (count === 0) return rule.required ? rule.requiredMessage : null;
  if (count < rule.min || count > rule.max) return rule.countMessage;
  if (other && rule.other) return checkText(rule.other, normalizeNewlines(get(rule.otherField)[0] ?? ""), numberRe);
  return null;
}

/**
 * checkQuestion for the browser (ES5, no dependencies): defines
 * `checkQuestion(rule, numberRe, get)` with the same steps as the TypeScript one above.
 */
export const CLIENT_CHECK_SCRIPT = String.raw`
function normalizeNewlines(v) { return v.replace(/\r\n?/g, "\n"); }
function checkText(t, value, numberRe) {
  if (value === "") return t.required ? t.requiredMessage : null;
  if (t.numeric) {
    var n = Number(value);
    if (!numberRe.test(value) || (t.numeric.min != null && n < t.numeric.min) || (t.numeric.max != null && n > t.numeric.max)) return t.numeric.message;
  }
  if (t.length) {
    var len = Array.from(value).length;
    if ((t.length.min != null && len < t.length.min) || (t.length.max != null && len > t.length.max)) return t.length.message;
  }
  for (var i = 0; i < t.regexes.length; i++) {
    var r = t.regexes[i];
    if (!new RegExp(r.source, r.flags).test(value)) return r.message;
  }
  return null;
}
function readChoices(rule, get) {
  var seen = {}, chosen = [], other = false, unknown = false, values = get(rule.field);
  for (var i = 0; i < values.length; i++) {
    var v = values[i];
    if (v === "") continue;
    if (v === "${OTHER_CHOICE}" && rule.other) other = true;
    else if (/^(?:0|[1-9]\d*)$/.test(v) && Number(v) < rule.choiceCount) { if (!seen[v]) { seen[v] = true; chosen.push(Number(v)); } }
    else unknown = true;
  }
  return { chosen: chosen, other: other, unknown: unknown };
}
function checkQuestion(rule, numberRe, get) {
  if (rule.kind === "file") return rule.required ? rule.message : null;
  if (rule.kind === "text") return checkText(rule.text, normalizeNewlines(get(rule.field)[0] || ""), numberRe);
  var c = readChoices(rule, get);
  if (c.unknown) return rule.unknownMessage;
  var count = c.chosen.length + (c.other ? 1 : 0);
  if (count === 0) return rule.required ? rule.requiredMessage : null;
  if (count < rule.min || count > rule.max) return rule.countMessage;
  if (c.other && rule.other) return checkText(rule.other, normalizeNewlines(get(rule.otherField)[0] || ""), numberRe);
  return null;
}
`;

// ---------------------------------------------------------------------------------------------
// Reading

export type QuestionFormSubmission = { ok: true; answers: { questionIdentifier: string; value: AnswerValue }[] } | { ok: false; errors: { questionIdentifier: string; message: string }[] };

/**
 * Validates a submitted rendering of `form` (never trusting the browser's own checks) and
 * returns its answers in question order, ready for buildQuestionFormAnswers. Unanswered
 * optional questions are left out, as MTurk does; unknown fields are ignored.
 */
export function readQuestionFormSubmission(form: QuestionForm, fields: Map<string, string[]> | URLSearchParams): QuestionFormSubmission {
  const get: FieldGetter = fields instanceof Map ? (name) => fields.get(name) ?? [] : (name) => fields.getAll(name);
  const rules = questionFormRules(form);
  const numberRe = new RegExp(rules.numberPattern);
  const answers: { questionIdentifier: string; value: AnswerValue }[] = [];
  const errors: { questionIdentifier: string; message: string }[] = [];
  form.questions.forEach((question, index) => {
    const rule = rules.questions[index]!;
    const message = checkQuestion(rule, numberRe, get);
    if (message !== null) {
      errors.push({ questionIdentifier: question.identifier, message });
      return;
    }
    const value = answerValue(question, rule, get);
    if (value) answers.push({ questionIdentifier: question.identifier, value });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers };
}

function answerValue(question: FormQuestion, rule: QuestionRule, get: FieldGetter): AnswerValue | undefined {
  const spec = question.answer;
  if (rule.kind === "text") {
    const text = normalizeNewlines(get(rule.field)[0] ?? "");
    return text === "" ? undefined : { freeText: text };
  }
  if (rule.kind !== "selection" || spec.type !== "Selection") return undefined;
  const { chosen, other } = readChoices(rule, get);
  if (chosen.length === 0 && !other) return undefined;
  return {
    selections: chosen.map((i) => spec.selections[i]!.identifier),
    ...(other ? { otherSelectionText: normalizeNewlines(get(rule.otherField)[0] ?? "") } : {}),
  };
}
