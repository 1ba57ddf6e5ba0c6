import { parseQuestionForm, QuestionFormError, type ContentItem, type FormQuestion } from "@/lib/mturk-formats/question-form";
import type { FormAnswer, FormDraft, FormQuestionDraft } from "@/lib/mturk-formats/build-question-form";

/**
 * Reads QuestionForm XML back into the form builder's draft, when the builder can represent it
 * without losing anything; otherwise says why (the editor then stays on raw XML). Parsed with
 * the marketplace's own QuestionForm parser, so "valid" means the same thing everywhere.
 */
export type FormFromXml = { ok: true; form: FormDraft } | { ok: false; reason: string };

class Unrepresentable extends Error {}

const KIND_NAMES: Record<ContentItem["kind"], string> = {
  Title: "a title",
  Text: "text",
  FormattedContent: "formatted content (XHTML)",
  List: "a list",
  Binary: "an image or media",
  EmbeddedBinary: "embedded media",
  Application: "an application",
};

function plainText(content: ContentItem[], where: string): string {
  const [only] = content;
  if (content.length !== 1 || only!.kind !== "Text") {
    const other = content.find((c) => c.kind !== "Text") ?? content[1]!;
    throw new Unrepresentable(`${where} has ${content.length > 1 && other.kind === "Text" ? "several texts" : KIND_NAMES[other.kind]}, which the builder does not edit`);
  }
  return only!.text;
}

function answerOf(q: FormQuestion): FormAnswer {
  const where = `Question "${q.identifier}"`;
  const a = q.answer;
  if (a.type === "FileUpload") throw new Unrepresentable(`${where} asks for a file upload`);
  if (a.type === "FreeText") {
    const { isNumeric, length, regexes } = a.constraints;
    if (regexes.length) throw new Unrepresentable(`${where} checks its answer with a regular expression`);
    if (a.defaultText !== undefined) throw new Unrepresentable(`${where} has a default answer`);
    if (isNumeric) {
      if (length || a.numberOfLinesSuggestion !== undefined) throw new Unrepresentable(`${where} combines a number with length or line constraints`);
      return { kind: "number", ...(isNumeric.minValue !== undefined ? { min: isNumeric.minValue } : {}), ...(isNumeric.maxValue !== undefined ? { max: isNumeric.maxValue } : {}) };
    }
    return {
      kind: "text",
      ...(length?.minLength !== undefined ? { minLength: length.minLength } : {}),
      ...(length?.maxLength !== undefined ? { maxLength: length.maxLength } : {}),
      ...(a.numberOfLinesSuggestion !== undefined && a.numberOfLinesSuggestion > 1 ? { lines: a.numberOfLinesSuggestion } : {}),
    };
  }
  if (a.otherSelection) throw new Unrepresentable(`${where} has an "other" choice with free text`);
  const choices = a.selections.map((s) => {
    if (s.content.kind !== "Text") throw new Unrepresentable(`${where} has a choice with ${KIND_NAMES[s.content.kind]}`);
    return { identifier: s.identifier, text: s.content.text };
  });
  if (a.maxSelectionCount === 1) {
    if (a.minSelectionCount !== 1) throw new Unrepresentable(`${where} lets a worker choose nothing (MinSelectionCount 0)`);
    if (a.style && a.style !== "radiobutton" && a.style !== "dropdown") throw new Unrepresentable(`${where} shows its choices as "${a.style}"`);
    return { kind: "single", choices, ...(a.style === "dropdown" ? { dropdown: true } : {}) };
  }
  if (a.style && a.style !== "checkbox") throw new Unrepresentable(`${where} shows its choices as "${a.style}"`);
  return { kind: "multiple", choices, minCount: a.minSelectionCount, maxCount: a.maxSelectionCount };
}

export function formFromXml(xml: string): FormFromXml {
  let parsed;
  try {
    parsed = parseQuestionForm(xml);
  } catch (e) {
    if (e instanceof QuestionFormError) return { ok: false, reason: e.message };
    throw e;
  }
  try {
    const overviews = parsed.items.filter((i) => i.kind === "Overview");
    if (overviews.length > 1) throw new Unrepresentable("The form has several overviews; the builder edits one");
    if (overviews.length === 1 && parsed.items[0]!.kind !== "Overview") throw new Unrepresentable("The overview comes after a question; the builder puts it first");
    const overview = { title: "", text: "" };
    const content = overviews[0]?.content ?? [];
    const kinds = content.map((c) => c.kind).join(",");
    if (content.length && !["Title", "Text", "Title,Text"].includes(kinds)) {
      const other = content.find((c) => c.kind !== "Title" && c.kind !== "Text");
      throw new Unrepresentable(`The overview has ${other ? KIND_NAMES[other.kind] : "its title and text in another order or repeated"}, which the builder does not edit`);
    }
    for (const c of content) if (c.kind === "Title" || c.kind === "Text") overview[c.kind === "Title" ? "title" : "text"] = c.text;
    const questions: FormQuestionDraft[] = parsed.questions.map((q) => ({
      identifier: q.identifier,
      ...(q.displayName ? { displayName: q.displayName } : {}),
      required: q.isRequired,
      text: plainText(q.content, `Question "${q.identifier}"`),
      answer: answerOf(q),
    }));
    return { ok: true, form: { overview, questions } };
  } catch (e) {
    if (e instanceof Unrepresentable) return { ok: false, reason: e.message };
    throw e;
  }
}
