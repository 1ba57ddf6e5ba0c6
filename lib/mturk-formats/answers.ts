import { parseXmlDocument } from "@/lib/mturk-formats/xml-tree";

/**
 * Assignment answers in MTurk's QuestionFormAnswers XML, byte for byte as MTurk writes them:
 * ASCII declaration, so anything outside ASCII becomes a numeric character reference.
 */
const NAMESPACE = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd";

export type AnswerValue = { freeText: string } | { selections: string[]; otherSelectionText?: string };

function escapeXml(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "&") out += "&amp;";
    else if (ch === "<") out += "&lt;";
    else if (ch === ">") out += "&gt;";
    else if (ch === '"') out += "&quot;";
    else if (code > 0x7e || (code < 0x20 && ch !== "\n" && ch !== "\t" && ch !== "\r")) out += `&#${code};`;
    else out += ch;
  }
  return out;
}

export function buildQuestionFormAnswers(answers: { questionIdentifier: string; value: AnswerValue }[]): string {
  const body = answers
    .map(({ questionIdentifier, value }) => {
      const inner =
        "freeText" in value
          ? `<FreeText>${escapeXml(value.freeText)}</FreeText>`
          : value.selections.map((s) => `<SelectionIdentifier>${escapeXml(s)}</SelectionIdentifier>`).join("") +
            (value.otherSelectionText !== undefined ? `<OtherSelectionText>${escapeXml(value.otherSelectionText)}</OtherSelectionText>` : "");
      return `<Answer><QuestionIdentifier>${escapeXml(questionIdentifier)}</QuestionIdentifier>${inner}</Answer>`;
    })
    .join("");
  return `<?xml version="1.0" encoding="ASCII"?><QuestionFormAnswers xmlns="${NAMESPACE}">${body}</QuestionFormAnswers>`;
}

/** Each answer's identifier and values (FreeText, or each SelectionIdentifier). */
export function parseQuestionFormAnswers(xml: string): { questionIdentifier: string; values: string[] }[] {
  return parseXmlDocument(xml).children.map((a) => ({
    questionIdentifier: a.children.find((c) => c.name === "QuestionIdentifier")?.text ?? "",
    values: a.children.filter((c) => c.name === "SelectionIdentifier" || c.name === "FreeText").map((c) => c.text),
  }));
}

/**
 * What MTurk stores for a form posted to externalSubmit (HTMLQuestion, ExternalQuestion,
 * crowd-form): every field but assignmentId becomes a FreeText answer named after it, in the
 * order first seen; a name posted several times (checkboxes) has its values joined with "|".
 */
export function answersFromSubmittedFields(fields: Iterable<[string, string]>): { questionIdentifier: string; value: AnswerValue }[] {
  const byName = new Map<string, string[]>();
  for (const [name, value] of fields) {
    if (name === "assignmentId") continue;
    const values = byName.get(name);
    if (values) values.push(value);
    else byName.set(name, [value]);
  }
  return [...byName].map(([questionIdentifier, values]) => ({ questionIdentifier, value: { freeText: values.join("|") } }));
}
