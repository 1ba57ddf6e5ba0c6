import { childrenNamed, expectChildren, optionalChild, parseXmlDocument, parseXmlInt, requiredChild, XmlShapeError, type XmlElement } from "@/lib/mturk-formats/xml-tree";

// QuestionForm parsing for qualification tests (and, later, rendering on the worker site).
// Structure follows xsd/2005-10-01/QuestionForm.xsd; 2017-11-06 is the same schema without
// FileUploadAnswer and Application (AWS "Data Structure Schema Locations"). The XHTML inside
// FormattedContent is kept as a string and not checked against the XHTML subset schema.

const NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/";
export const QUESTION_FORM_NAMESPACES = {
  "2005-10-01": `${NS}2005-10-01/QuestionForm.xsd`,
  "2017-11-06": `${NS}2017-11-06/QuestionForm.xsd`,
} as const;
export type QuestionFormVersion = keyof typeof QUESTION_FORM_NAMESPACES;

export type BinaryContent = { mimeType: { type: "image" | "audio" | "video"; subType?: string }; dataUrl: string; altText: string };

export type ContentItem =
  | { kind: "Title" | "Text" | "FormattedContent"; text: string }
  | { kind: "List"; items: string[] }
  | ({ kind: "Binary" } & BinaryContent)
  | { kind: "EmbeddedBinary"; mimeType: { type: string; subType: string }; dataUrl: string; altText: string; width: string; height: string }
  | { kind: "Application"; application: "Flash" | "JavaApplet" };

export interface FreeTextSpec {
  type: "FreeText";
  constraints: {
    isNumeric?: { minValue?: number; maxValue?: number };
    length?: { minLength?: number; maxLength?: number };
    regexes: { regex: string; errorText?: string; flags?: string }[];
  };
  defaultText?: string;
  numberOfLinesSuggestion?: number;
}

export type SelectionStyle = "radiobutton" | "checkbox" | "list" | "dropdown" | "combobox" | "multichooser";

export interface SelectionSpec {
  type: "Selection";
  minSelectionCount: number;
  maxSelectionCount: number;
  style?: SelectionStyle;
  selections: { identifier: string; content: ContentItem }[];
  otherSelection?: FreeTextSpec;
}

export interface FileUploadSpec {
  type: "FileUpload";
  minFileSizeInBytes: number;
  maxFileSizeInBytes: number;
}

export interface FormQuestion {
  identifier: string;
  displayName?: string;
  isRequired: boolean;
  content: ContentItem[];
  answer: FreeTextSpec | SelectionSpec | FileUploadSpec;
}

export interface QuestionForm {
  version: QuestionFormVersion;
  /** Overviews and questions in document order. */
  items: ({ kind: "Overview"; content: ContentItem[] } | { kind: "Question"; question: FormQuestion })[];
  questions: FormQuestion[];
}

export class QuestionFormError extends Error {}

const STYLES: readonly SelectionStyle[] = ["radiobutton", "checkbox", "list", "dropdown", "combobox", "multichooser"];

function optionalIntAttr(el: XmlElement, name: string, min?: number): number | undefined {
  const v = el.attributes[name];
  if (v === undefined) return undefined;
  if (!/^[+-]?\d+$/.test(v.trim()) || (min !== undefined && Number(v) < min)) {
    throw new XmlShapeError(`attribute ${name} of <${el.name}> must be an integer${min !== undefined ? ` ≥ ${min}` : ""}`);
  }
  return Number(v);
}

function url(el: XmlElement): string {
  const u = el.text.trim();
  if (!/^https?:\/\/\S+$/.test(u)) throw new XmlShapeError(`<${el.name}> must be an http(s) URL`);
  return u;
}

function binary(el: XmlElement): BinaryContent {
  expectChildren(el, ["MimeType", "DataURL", "AltText"]);
  const mime = requiredChild(el, "MimeType");
  expectChildren(mime, ["Type", "SubType"]);
  const type = requiredChild(mime, "Type").text.trim();
  if (type !== "image" && type !== "audio" && type !== "video") throw new XmlShapeError(`<MimeType><Type> must be image, audio or video`);
  const subType = optionalChild(mime, "SubType")?.text.trim();
  return { mimeType: { type, ...(subType ? { subType } : {}) }, dataUrl: url(requiredChild(el, "DataURL")), altText: requiredChild(el, "AltText").text };
}

function contentItem(el: XmlElement, version: QuestionFormVersion): ContentItem {
  switch (el.name) {
    case "Title":
    case "Text":
    case "FormattedContent":
      expectChildren(el, []);
      return { kind: el.name, text: el.text };
    case "List":
      expectChildren(el, ["ListItem"]);
      if (el.children.length === 0) throw new XmlShapeError("<List> requires at least one <ListItem>");
      return { kind: "List", items: el.children.map((c) => c.text) };
    case "Binary":
      return { kind: "Binary", ...binary(el) };
    case "EmbeddedBinary": {
      expectChildren(el, ["EmbeddedMimeType", "DataURL", "AltText", "Width", "Height", "ApplicationParameter"]);
      const mime = requiredChild(el, "EmbeddedMimeType");
      return {
        kind: "EmbeddedBinary",
        mimeType: { type: requiredChild(mime, "Type").text.trim(), subType: requiredChild(mime, "SubType").text.trim() },
        dataUrl: url(requiredChild(el, "DataURL")),
        altText: requiredChild(el, "AltText").text,
        width: requiredChild(el, "Width").text.trim(),
        height: requiredChild(el, "Height").text.trim(),
      };
    }
    case "Application": {
      if (version === "2017-11-06") throw new XmlShapeError("<Application> content is not supported by the 2017-11-06 QuestionForm schema");
      const app = el.children[0];
      if (el.children.length !== 1 || (app!.name !== "Flash" && app!.name !== "JavaApplet")) {
        throw new XmlShapeError("<Application> must contain one <Flash> or <JavaApplet>");
      }
      return { kind: "Application", application: app!.name };
    }
    default:
      throw new XmlShapeError(`unexpected element <${el.name}> in content`);
  }
}

function content(el: XmlElement, version: QuestionFormVersion): ContentItem[] {
  if (el.children.length === 0) throw new XmlShapeError(`<${el.name}> requires at least one content element`);
  return el.children.map((c) => contentItem(c, version));
}

function freeText(el: XmlElement): FreeTextSpec {
  expectChildren(el, ["Constraints", "DefaultText", "NumberOfLinesSuggestion"]);
  const spec: FreeTextSpec = { type: "FreeText", constraints: { regexes: [] } };
  const c = optionalChild(el, "Constraints");
  if (c) {
    expectChildren(c, ["IsNumeric", "Length", "AnswerFormatRegex"]);
    const numeric = optionalChild(c, "IsNumeric");
    if (numeric) spec.constraints.isNumeric = { minValue: optionalIntAttr(numeric, "minValue"), maxValue: optionalIntAttr(numeric, "maxValue") };
    const length = optionalChild(c, "Length");
    if (length) spec.constraints.length = { minLength: optionalIntAttr(length, "minLength", 0), maxLength: optionalIntAttr(length, "maxLength", 1) };
    for (const r of childrenNamed(c, "AnswerFormatRegex")) {
      const regex = r.attributes.regex;
      if (regex === undefined) throw new XmlShapeError("<AnswerFormatRegex> requires a regex attribute");
      spec.constraints.regexes.push({ regex, errorText: r.attributes.errorText, flags: r.attributes.flags });
    }
  }
  const def = optionalChild(el, "DefaultText");
  if (def) spec.defaultText = def.text;
  const lines = optionalChild(el, "NumberOfLinesSuggestion");
  if (lines) spec.numberOfLinesSuggestion = parseXmlInt(lines, { min: 1 });
  return spec;
}

function selection(el: XmlElement): SelectionSpec {
  expectChildren(el, ["MinSelectionCount", "MaxSelectionCount", "StyleSuggestion", "Selections"]);
  const min = optionalChild(el, "MinSelectionCount");
  const max = optionalChild(el, "MaxSelectionCount");
  const style = optionalChild(el, "StyleSuggestion")?.text.trim();
  if (style !== undefined && !STYLES.includes(style as SelectionStyle)) throw new XmlShapeError(`<StyleSuggestion> must be one of ${STYLES.join(", ")}`);
  const list = requiredChild(el, "Selections");
  expectChildren(list, ["Selection", "OtherSelection"]);
  const ids = new Set<string>();
  const selections = childrenNamed(list, "Selection").map((s) => {
    expectChildren(s, ["SelectionIdentifier", "Text", "Binary", "FormattedContent"]);
    const identifier = requiredChild(s, "SelectionIdentifier").text.trim();
    if (ids.has(identifier)) throw new XmlShapeError(`duplicate SelectionIdentifier "${identifier}"`);
    ids.add(identifier);
    const body = s.children.filter((c) => c.name !== "SelectionIdentifier");
    if (body.length !== 1) throw new XmlShapeError(`<Selection> "${identifier}" needs exactly one of <Text>, <Binary>, <FormattedContent>`);
    return { identifier, content: body[0]!.name === "Binary" ? { kind: "Binary" as const, ...binary(body[0]!) } : contentItem(body[0]!, "2017-11-06") };
  });
  if (selections.length === 0) throw new XmlShapeError("<Selections> requires at least one <Selection>");
  const other = optionalChild(list, "OtherSelection");
  const spec: SelectionSpec = {
    type: "Selection",
    // MTurk's defaults: one selection required, one allowed.
    minSelectionCount: min ? parseXmlInt(min, { min: 0 }) : 1,
    maxSelectionCount: max ? parseXmlInt(max, { min: 1 }) : 1,
    selections,
    ...(style ? { style: style as SelectionStyle } : {}),
    ...(other ? { otherSelection: freeText(other) } : {}),
  };
  if (spec.minSelectionCount > spec.maxSelectionCount) throw new XmlShapeError("MinSelectionCount is greater than MaxSelectionCount");
  return spec;
}

function answerSpec(el: XmlElement, version: QuestionFormVersion): FormQuestion["answer"] {
  if (el.children.length !== 1) throw new XmlShapeError("<AnswerSpecification> must contain exactly one answer type");
  const a = el.children[0]!;
  if (a.name === "FreeTextAnswer") return freeText(a);
  if (a.name === "SelectionAnswer") return selection(a);
  if (a.name === "FileUploadAnswer") {
    if (version === "2017-11-06") throw new XmlShapeError("<FileUploadAnswer> is not supported by the 2017-11-06 QuestionForm schema");
    expectChildren(a, ["MaxFileSizeInBytes", "MinFileSizeInBytes"]);
    return {
      type: "FileUpload",
      maxFileSizeInBytes: parseXmlInt(requiredChild(a, "MaxFileSizeInBytes"), { min: 1, max: 2_000_000_000 }),
      minFileSizeInBytes: parseXmlInt(requiredChild(a, "MinFileSizeInBytes"), { min: 1, max: 2_000_000_000 }),
    };
  }
  throw new XmlShapeError(`unexpected answer type <${a.name}>`);
}

function question(el: XmlElement, version: QuestionFormVersion): FormQuestion {
  expectChildren(el, ["QuestionIdentifier", "DisplayName", "IsRequired", "QuestionContent", "AnswerSpecification"]);
  const identifier = requiredChild(el, "QuestionIdentifier").text.trim();
  if (!identifier) throw new XmlShapeError("<QuestionIdentifier> must not be empty");
  const required = optionalChild(el, "IsRequired")?.text.trim();
  if (required !== undefined && !["true", "false", "1", "0"].includes(required)) throw new XmlShapeError("<IsRequired> must be true or false");
  const displayName = optionalChild(el, "DisplayName")?.text;
  return {
    identifier,
    ...(displayName !== undefined ? { displayName } : {}),
    isRequired: required === "true" || required === "1",
    content: content(requiredChild(el, "QuestionContent"), version),
    answer: answerSpec(requiredChild(el, "AnswerSpecification"), version),
  };
}

/** Parses and validates a QuestionForm document; throws QuestionFormError with the reason. */
export function parseQuestionForm(xml: string): QuestionForm {
  try {
    const root = parseXmlDocument(xml);
    const version = (Object.keys(QUESTION_FORM_NAMESPACES) as QuestionFormVersion[]).find((v) => QUESTION_FORM_NAMESPACES[v] === root.namespace);
    if (root.name !== "QuestionForm" || !version) {
      throw new XmlShapeError(`the root element must be <QuestionForm> in namespace ${QUESTION_FORM_NAMESPACES["2017-11-06"]} (or the 2005-10-01 one)`);
    }
    const form: QuestionForm = { version, items: [], questions: [] };
    for (const child of root.children) {
      if (child.name === "Overview") form.items.push({ kind: "Overview", content: content(child, version) });
      else if (child.name === "Question") {
        const q = question(child, version);
        if (form.questions.some((x) => x.identifier === q.identifier)) throw new XmlShapeError(`duplicate QuestionIdentifier "${q.identifier}"`);
        form.items.push({ kind: "Question", question: q });
        form.questions.push(q);
      } else throw new XmlShapeError(`unexpected element <${child.name}> in <QuestionForm>`);
    }
    if (form.questions.length === 0) throw new XmlShapeError("a QuestionForm needs at least one <Question>");
    return form;
  } catch (e) {
    if (e instanceof XmlShapeError) throw new QuestionFormError(`Invalid QuestionForm: ${e.message}`);
    throw e;
  }
}
