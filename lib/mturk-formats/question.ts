import { QuestionFormError, parseQuestionForm } from "@/lib/mturk-formats/question-form";
import { XmlShapeError, parseXmlDocument } from "@/lib/mturk-formats/xml-tree";

/** The three kinds of Question a HIT may carry (SPEC §12), checked as MTurk checks them. */
export type QuestionKind = "HTMLQuestion" | "ExternalQuestion" | "QuestionForm";

const NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/";
const HTML_NS = `${NS}2011-11-11/HTMLQuestion.xsd`;
const EXTERNAL_NS = `${NS}2006-07-14/ExternalQuestion.xsd`;
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
export const MAX_QUESTION_BYTES = 65_535;

/** A Question MTurk would refuse; its message starts "Question: ", as MTurk's XMLParseError does. */
export class QuestionInvalid extends Error {}

function invalid(message: string): QuestionInvalid {
  return new QuestionInvalid(`Question: ${message}`);
}

export function validateQuestion(xml: string): QuestionKind {
  const bytes = new TextEncoder().encode(xml).length;
  if (bytes > MAX_QUESTION_BYTES) throw invalid(`is ${bytes} bytes; the limit is ${MAX_QUESTION_BYTES}`);
  let root;
  try {
    root = parseXmlDocument(xml);
  } catch (e) {
    throw invalid(e instanceof XmlShapeError ? e.message : "not well-formed XML");
  }
  const frameHeight = () => {
    const text = root.children.find((c) => c.name === "FrameHeight")?.text.trim();
    if (text === undefined || !/^\d+$/.test(text)) throw invalid("FrameHeight must be a whole number of pixels (0 = automatic)");
  };
  switch (root.name) {
    case "HTMLQuestion": {
      if (root.namespace !== HTML_NS) throw invalid(`HTMLQuestion must use the namespace ${HTML_NS}`);
      if (!root.children.find((c) => c.name === "HTMLContent")?.text.trim()) throw invalid("HTMLQuestion needs non-empty HTMLContent");
      frameHeight();
      return "HTMLQuestion";
    }
    case "ExternalQuestion": {
      if (root.namespace !== EXTERNAL_NS) throw invalid(`ExternalQuestion must use the namespace ${EXTERNAL_NS}`);
      const url = root.children.find((c) => c.name === "ExternalURL")?.text.trim() ?? "";
      let parsed: URL | undefined;
      try {
        parsed = new URL(url);
      } catch {
        parsed = undefined;
      }
      // MTurk takes https only. A page on this machine (a psiTurk or Mephisto server being
      // tried out with the simulated workforce) may be http: browsers treat loopback as secure.
      const loopbackHttp = parsed?.protocol === "http:" && LOOPBACK_HOSTS.has(parsed.hostname);
      if (parsed?.protocol !== "https:" && !loopbackHttp) throw invalid(`ExternalURL must be an https URL (http only on localhost, 127.0.0.1 or [::1]), got '${url}'`);
      frameHeight();
      return "ExternalQuestion";
    }
    case "QuestionForm":
      try {
        parseQuestionForm(xml);
      } catch (e) {
        throw invalid(e instanceof QuestionFormError || e instanceof XmlShapeError ? e.message : "invalid QuestionForm");
      }
      return "QuestionForm";
    default:
      throw invalid(`the root element must be HTMLQuestion, ExternalQuestion or QuestionForm, not ${root.name}`);
  }
}

export type QuestionContent = { kind: "HTMLQuestion"; html: string; frameHeight: number } | { kind: "ExternalQuestion"; url: string; frameHeight: number } | { kind: "QuestionForm"; xml: string };

/** What a stored (already validated) Question asks the worker's browser to show. */
export function questionContent(xml: string): QuestionContent {
  const root = parseXmlDocument(xml);
  const frameHeight = Number(root.children.find((c) => c.name === "FrameHeight")?.text.trim() ?? 0) || 0;
  if (root.name === "HTMLQuestion") return { kind: "HTMLQuestion", html: root.children.find((c) => c.name === "HTMLContent")?.text ?? "", frameHeight };
  if (root.name === "ExternalQuestion") return { kind: "ExternalQuestion", url: root.children.find((c) => c.name === "ExternalURL")?.text.trim() ?? "", frameHeight };
  return { kind: "QuestionForm", xml };
}
