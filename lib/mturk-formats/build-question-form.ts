import { escapeXml } from "@/lib/mturk-formats/escape";

/**
 * QuestionForm (2017-11-06) XML from a form builder's draft: the one writer behind both the
 * project editor's form builder and the qualification test builder. Pure and safe in the
 * browser, so the editors show the XML they will send. Text is escaped for XML; `${column}`
 * placeholders pass through untouched, to be filled (escaped again) per CSV row.
 */

export const QUESTION_FORM_NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd";

export interface FormChoice {
  identifier: string;
  text: string;
}

/** The answer types the builders offer; each maps to one AnswerSpecification. */
export type FormAnswer =
  | { kind: "text"; minLength?: number; maxLength?: number; lines?: number }
  | { kind: "number"; min?: number; max?: number }
  | { kind: "single"; choices: FormChoice[]; dropdown?: boolean }
  | { kind: "multiple"; choices: FormChoice[]; minCount: number; maxCount: number };

export interface FormQuestionDraft {
  identifier: string;
  displayName?: string;
  required: boolean;
  text: string;
  answer: FormAnswer;
}

export interface FormDraft {
  overview: { title: string; text: string };
  questions: FormQuestionDraft[];
}

// Characters XML 1.0 forbids even as references (C0 controls but tab and newlines, lone surrogates, U+FFFE/F).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content or an attribute value: escaped, with characters XML cannot carry dropped. */
export const xmlText = (s: string) => escapeXml(s.replace(NOT_XML, ""));

const el = (name: string, body: string) => `<${name}>${body}</${name}>`;
const attrs = (pairs: Record<string, number | undefined>) =>
  Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${v}"`)
    .join("");

function answerXml(a: FormAnswer): string {
  switch (a.kind) {
    case "text": {
      const length = a.minLength !== undefined || a.maxLength !== undefined ? `<Length${attrs({ minLength: a.minLength, maxLength: a.maxLength })}/>` : "";
      const lines = a.lines !== undefined && a.lines > 1 ? el("NumberOfLinesSuggestion", String(a.lines)) : "";
      return length || lines ? el("FreeTextAnswer", (length ? el("Constraints", length) : "") + lines) : "<FreeTextAnswer/>";
    }
    case "number":
      return el("FreeTextAnswer", el("Constraints", `<IsNumeric${attrs({ minValue: a.min, maxValue: a.max })}/>`));
    case "single":
    case "multiple": {
      const multiple = a.kind === "multiple";
      const counts = multiple ? el("MinSelectionCount", String(a.minCount)) + el("MaxSelectionCount", String(a.maxCount)) : "";
      const style = multiple ? "checkbox" : a.dropdown ? "dropdown" : "radiobutton";
      const selections = a.choices.map((c) => `\n        ${el("Selection", el("SelectionIdentifier", xmlText(c.identifier)) + el("Text", xmlText(c.text)))}`).join("");
      return el("SelectionAnswer", counts + el("StyleSuggestion", style) + el("Selections", `${selections}\n      `)) + "\n    ";
    }
  }
}

/** One Question, indented as it sits in the form (whitespace between elements means nothing). */
export function questionXml(q: FormQuestionDraft): string {
  const lines = [
    el("QuestionIdentifier", xmlText(q.identifier)),
    ...(q.displayName ? [el("DisplayName", xmlText(q.displayName))] : []),
    el("IsRequired", String(q.required)),
    el("QuestionContent", el("Text", xmlText(q.text))),
    el("AnswerSpecification", answerXml(q.answer)),
  ];
  return `  <Question>\n${lines.map((l) => `    ${l}\n`).join("")}  </Question>\n`;
}

export function buildQuestionFormXml(form: FormDraft): string {
  const { title, text } = form.overview;
  const overview = title || text ? `  ${el("Overview", (title ? el("Title", xmlText(title)) : "") + (text ? el("Text", xmlText(text)) : ""))}\n` : "";
  return `<QuestionForm xmlns="${QUESTION_FORM_NS}">\n${overview}${form.questions.map(questionXml).join("")}</QuestionForm>`;
}

const IDENTIFIER_CHARS = /^[A-Za-z0-9_.-]{1,64}$/;
/** Identifiers may take a row's value through a placeholder (checked again once filled). */
const validIdentifier = (id: string) => IDENTIFIER_CHARS.test(id.replace(/\$\{[A-Za-z_][A-Za-z0-9_.-]*\}/g, "x"));

/** What keeps a draft from being a form workers can answer, each naming the question and field. */
export function draftIssues(form: FormDraft): string[] {
  const issues: string[] = [];
  if (form.questions.length === 0) issues.push("Add at least one question");
  const seen = new Set<string>();
  form.questions.forEach((q, i) => {
    const at = `Question ${i + 1}`;
    if (!validIdentifier(q.identifier)) issues.push(`${at}: identifier — use 1–64 letters, digits, dots, dashes or underscores`);
    else if (seen.has(q.identifier)) issues.push(`${at}: identifier "${q.identifier}" is used by an earlier question`);
    seen.add(q.identifier);
    if (!q.text.trim()) issues.push(`${at}: write the question`);
    const a = q.answer;
    if (a.kind === "text" && a.minLength !== undefined && a.maxLength !== undefined && a.minLength > a.maxLength) issues.push(`${at}: minimum length is above the maximum`);
    if (a.kind === "text" && a.maxLength !== undefined && a.maxLength < 1) issues.push(`${at}: maximum length must be at least 1`);
    if (a.kind === "number" && a.min !== undefined && a.max !== undefined && a.min > a.max) issues.push(`${at}: minimum is above the maximum`);
    if (a.kind === "single" || a.kind === "multiple") {
      if (a.choices.length < 1) issues.push(`${at}: add a choice`);
      const ids = new Set<string>();
      a.choices.forEach((c, k) => {
        if (!validIdentifier(c.identifier)) issues.push(`${at}, choice ${k + 1}: identifier — use 1–64 letters, digits, dots, dashes or underscores`);
        else if (ids.has(c.identifier)) issues.push(`${at}, choice ${k + 1}: identifier "${c.identifier}" is used twice`);
        ids.add(c.identifier);
        if (!c.text.trim()) issues.push(`${at}, choice ${k + 1}: write the choice`);
      });
      if (a.kind === "multiple" && (a.minCount < 0 || a.maxCount < 1 || a.minCount > a.maxCount || a.maxCount > a.choices.length)) {
        issues.push(`${at}: choose between 0 and ${a.choices.length} as the minimum and 1 to ${a.choices.length} as the maximum, minimum not above maximum`);
      }
    }
  });
  return issues;
}
