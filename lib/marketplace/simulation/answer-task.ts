import { readHtmlTask, type CrowdControl, type Gold, type GoldValue, type NativeControl } from "@/lib/marketplace/simulation/html-form";
import { code, fullMatch, plausibleText, plausibleTextOtherThan, type TextRules } from "@/lib/marketplace/simulation/plausible-input";
import { pick, randomInt, shuffled, type Random } from "@/lib/marketplace/simulation/profiles";
import { answersFromSubmittedFields, buildQuestionFormAnswers, type AnswerValue } from "@/lib/mturk-formats/answers";
import { parseQuestionForm, type FormQuestion, type FreeTextSpec, type SelectionSpec } from "@/lib/mturk-formats/question-form";
import { parseXmlDocument } from "@/lib/mturk-formats/xml-tree";

/**
 * A simulated worker's answers to a HIT, read from the task itself, as QuestionFormAnswers XML
 * in exactly the shape a person's submission produces.
 *
 * Gold answers: a requester can say what the correct answer is, and the worker then gives it
 * with probability = its accuracy (otherwise a different option). Without gold, every answer
 * is a plausible random pick.
 *   - HTMLQuestion (plain forms and crowd-form): anywhere in the HTML,
 *       <meta name="hitdesk:gold" content='{"<field name>": "<correct value>"}'>
 *     The value is the option's value for radios and selects, the label for crowd-classifier,
 *     crowd-image-classifier and crowd-bounding-box, the chosen button's name (keyed by the
 *     crowd-radio-group's name, or {"<button name>": true}) for crowd radio buttons, true/false
 *     for crowd-checkbox, the text for text fields; a list for checkboxes and multi-selects.
 *   - QuestionForm: an XML comment anywhere in the document,
 *       <!-- hitdesk:gold {"<QuestionIdentifier>": "<SelectionIdentifier or text>"} -->
 *     (a list of SelectionIdentifiers for multiple selections).
 *   - ExternalQuestion: the form lives on another site; the worker submits a completion code.
 */
export function answerTask(questionXml: string, random: Random, accuracy: number): string {
  const root = parseXmlDocument(questionXml);
  switch (root.name) {
    case "HTMLQuestion": {
      const html = root.children.find((c) => c.name === "HTMLContent")?.text ?? "";
      return buildQuestionFormAnswers(answersFromSubmittedFields(answerHtml(html, random, accuracy)));
    }
    case "ExternalQuestion":
      return buildQuestionFormAnswers(answersFromSubmittedFields([["completionCode", code(random, 8)]]));
    case "QuestionForm":
      return buildQuestionFormAnswers(answerQuestionForm(questionXml, random, accuracy));
    default:
      throw new Error(`Cannot answer a ${root.name}`);
  }
}

/** Correct with probability `accuracy`, else one of the other options. */
function chooseOne(random: Random, options: readonly string[], gold: string | undefined, accuracy: number): string {
  if (gold === undefined || !options.includes(gold)) return pick(random, options);
  if (random() < accuracy) return gold;
  const others = options.filter((o) => o !== gold);
  return others.length > 0 ? pick(random, others) : gold;
}

/** A set of min..max options; with gold, exactly the gold set with probability `accuracy`. */
function chooseSet(random: Random, options: readonly string[], gold: string[] | undefined, accuracy: number, min: number, max: number): string[] {
  const lo = Math.min(Math.max(min, 0), options.length);
  const hi = Math.max(lo, Math.min(max, options.length));
  const draw = () => {
    // Small sets are likelier: people tick a few boxes, not all of them.
    const size = lo === hi ? lo : lo + Math.floor(random() ** 2 * (hi - lo + 1));
    const set = new Set(shuffled(random, options).slice(0, size));
    return options.filter((o) => set.has(o));
  };
  const valid = gold?.filter((g) => options.includes(g));
  if (!valid || valid.length !== gold!.length || valid.length < lo || valid.length > hi) return draw();
  const key = (s: string[]) => [...s].sort().join("\u0000");
  if (random() < accuracy) return options.filter((o) => valid.includes(o));
  for (let attempt = 0; attempt < 10; attempt++) {
    const set = draw();
    if (key(set) !== key(valid)) return set;
  }
  return draw();
}

function goldText(value: GoldValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.length === 1 ? String(value[0]) : undefined;
  return String(value);
}

function goldList(value: GoldValue | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value]).map(String);
}

const truthy = (value: GoldValue | undefined) => value === true || value === "true" || value === "on" || value === 1 || value === "1";

function answerText(random: Random, rules: TextRules, gold: GoldValue | undefined, accuracy: number): string {
  const correct = goldText(gold);
  if (correct === undefined) return plausibleText(random, rules);
  return random() < accuracy ? correct : plausibleTextOtherThan(random, rules, correct);
}

const optionalNumber = (value: string | undefined) => (value === undefined || value.trim() === "" || !Number.isFinite(Number(value)) ? undefined : Number(value));

function htmlTextRules(name: string, type: string, attrs: Record<string, string>): TextRules {
  const pattern = attrs.pattern ? fullMatch(attrs.pattern, "u") : undefined;
  const rules: TextRules = { name, type, patterns: pattern ? [pattern] : [] };
  const min = optionalNumber(attrs.min);
  const max = optionalNumber(attrs.max);
  const step = optionalNumber(attrs.step);
  const minLength = optionalNumber(attrs.minlength);
  const maxLength = optionalNumber(attrs.maxlength);
  if (min !== undefined) rules.min = min;
  if (max !== undefined) rules.max = max;
  if (step !== undefined && step > 0) rules.step = step;
  if (minLength !== undefined) rules.minLength = minLength;
  if (maxLength !== undefined && maxLength >= 0) rules.maxLength = maxLength;
  return rules;
}

/** The fields a browser would post for a plain form, in document order. */
function answerNativeControl(random: Random, control: NativeControl, gold: Gold, accuracy: number): [string, string][] {
  switch (control.kind) {
    case "text":
      return [[control.name, answerText(random, htmlTextRules(control.name, control.type, control.attrs), gold[control.name], accuracy)]];
    case "choice":
      if (control.options.length === 0) return [];
      if (control.multiple) return chooseSet(random, control.options, goldList(gold[control.name]), accuracy, 1, control.options.length).map((v) => [control.name, v]);
      return [[control.name, chooseOne(random, control.options, goldText(gold[control.name]), accuracy)]];
    case "checkboxes":
      return chooseSet(random, control.options, goldList(gold[control.name]), accuracy, control.required ? 1 : 0, control.options.length).map((v) => [control.name, v]);
  }
}

/** A crowd element's entry in taskAnswers, in the shape the crowd-html-elements library posts. */
function answerCrowdControl(random: Random, control: CrowdControl | NativeControl, gold: Gold, accuracy: number, out: Record<string, unknown>): void {
  switch (control.kind) {
    case "crowd-classifier":
      if (control.categories.length > 0) out[control.name] = { label: chooseOne(random, control.categories, goldText(gold[control.name]), accuracy) };
      return;
    case "crowd-classifier-multi-select":
      if (control.categories.length > 0) out[control.name] = { labels: chooseSet(random, control.categories, goldList(gold[control.name]), accuracy, 1, control.categories.length) };
      return;
    case "crowd-radio-group": {
      const names = control.buttons.map((b) => b.name);
      const byGroup = control.name !== undefined ? goldText(gold[control.name]) : undefined;
      // The group's gold may name the button or its value; or a button may be marked true.
      const fromGroup = byGroup === undefined ? undefined : (control.buttons.find((b) => b.name === byGroup || b.value === byGroup)?.name ?? byGroup);
      const fromButton = names.find((n) => truthy(gold[n]));
      const chosen = chooseOne(random, names, fromGroup ?? fromButton, accuracy);
      for (const n of names) out[n] = { on: n === chosen };
      return;
    }
    case "crowd-checkbox": {
      const g = gold[control.name];
      const on = g === undefined ? random() < 0.5 : random() < accuracy ? truthy(g) : !truthy(g);
      out[control.name] = { on };
      return;
    }
    case "crowd-text":
      out[control.name] = answerText(random, htmlTextRules(control.name, control.type, control.attrs), gold[control.name], accuracy);
      return;
    case "crowd-slider": {
      const steps = Math.max(0, Math.floor((control.max - control.min) / control.step));
      const g = gold[control.name];
      const correct = typeof g === "number" || (typeof g === "string" && g.trim() !== "" && Number.isFinite(Number(g))) ? Number(g) : undefined;
      let value = control.min + control.step * randomInt(random, 0, steps);
      if (correct !== undefined) {
        if (random() < accuracy) value = correct;
        else if (steps > 0) while (value === correct) value = control.min + control.step * randomInt(random, 0, steps);
      }
      out[control.name] = value;
      return;
    }
    case "crowd-bounding-box": {
      const [width, height] = pick(random, [
        [640, 480],
        [800, 600],
        [1024, 768],
        [1280, 720],
        [1920, 1080],
      ] as const);
      const labels = control.labels.length > 0 ? control.labels : ["object"];
      const label = chooseOne(random, labels, goldText(gold[control.name]), accuracy);
      const boxes = Array.from({ length: randomInt(random, 1, 3) }, () => {
        const left = randomInt(random, 0, Math.floor(width * 0.7));
        const top = randomInt(random, 0, Math.floor(height * 0.7));
        return {
          height: randomInt(random, Math.floor(height * 0.05), height - top),
          label,
          left,
          top,
          width: randomInt(random, Math.floor(width * 0.05), width - left),
        };
      });
      out[control.name] = { annotatedResult: { boundingBoxes: boxes, inputImageProperties: { height, width } } };
      return;
    }
    case "checkboxes": {
      const chosen = answerNativeControl(random, control, gold, accuracy).map(([, v]) => v);
      // A lone checkbox reads as on/off, like crowd-checkbox; a group as the values ticked.
      out[control.name] = control.options.length === 1 ? { on: chosen.length === 1 } : chosen;
      return;
    }
    default: {
      const fields = answerNativeControl(random, control, gold, accuracy);
      if (fields.length > 0) out[control.name] = fields.length === 1 ? fields[0]![1] : fields.map(([, v]) => v);
    }
  }
}

/** The posted fields of an HTMLQuestion: the form's own, or crowd-form's one taskAnswers. */
export function answerHtml(html: string, random: Random, accuracy: number): [string, string][] {
  const task = readHtmlTask(html);
  if (task.form === "native") return task.controls.flatMap((c) => answerNativeControl(random, c, task.gold, accuracy));
  const answers: Record<string, unknown> = {};
  for (const control of task.controls) answerCrowdControl(random, control, task.gold, accuracy, answers);
  return [["taskAnswers", JSON.stringify([answers])]];
}

/** The gold comment of a QuestionForm (XML parsers drop comments, so it is read from the text). */
export function readQuestionFormGold(xml: string): Gold {
  const gold: Gold = {};
  for (const m of xml.matchAll(/<!--\s*hitdesk:gold\s+([\s\S]*?)-->/g)) {
    try {
      const parsed: unknown = JSON.parse(m[1]!);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) Object.assign(gold, parsed);
    } catch {
      // A malformed gold comment: answered as if there were none.
    }
  }
  return gold;
}

function freeTextRules(identifier: string, spec: FreeTextSpec): TextRules {
  const c = spec.constraints;
  const rules: TextRules = {
    name: identifier,
    type: c.isNumeric ? "number" : (spec.numberOfLinesSuggestion ?? 1) > 1 ? "textarea" : "text",
    patterns: c.regexes.map((r) => fullMatch(r.regex, r.flags)).filter((r): r is RegExp => r !== undefined),
  };
  if (c.isNumeric?.minValue !== undefined) rules.min = c.isNumeric.minValue;
  if (c.isNumeric?.maxValue !== undefined) rules.max = c.isNumeric.maxValue;
  if (c.isNumeric) rules.step = 1;
  if (c.length?.minLength !== undefined) rules.minLength = c.length.minLength;
  if (c.length?.maxLength !== undefined) rules.maxLength = c.length.maxLength;
  return rules;
}

function answerSelection(random: Random, spec: SelectionSpec, gold: GoldValue | undefined, accuracy: number): AnswerValue {
  const ids = spec.selections.map((s) => s.identifier);
  const min = Math.max(spec.minSelectionCount, 1);
  if (spec.maxSelectionCount === 1) return { selections: [chooseOne(random, ids, goldText(gold), accuracy)] };
  return { selections: chooseSet(random, ids, goldList(gold), accuracy, min, spec.maxSelectionCount) };
}

function answerQuestion(random: Random, q: FormQuestion, gold: Gold, accuracy: number): AnswerValue | undefined {
  if (q.answer.type === "FreeText") return { freeText: answerText(random, freeTextRules(q.identifier, q.answer), gold[q.identifier], accuracy) };
  if (q.answer.type === "Selection") return answerSelection(random, q.answer, gold[q.identifier], accuracy);
  // A file upload needs a file; a simulated worker leaves the question unanswered.
  return undefined;
}

export function answerQuestionForm(xml: string, random: Random, accuracy: number): { questionIdentifier: string; value: AnswerValue }[] {
  const form = parseQuestionForm(xml);
  const gold = readQuestionFormGold(xml);
  return form.questions.flatMap((q) => {
    const value = answerQuestion(random, q, gold, accuracy);
    return value ? [{ questionIdentifier: q.identifier, value }] : [];
  });
}
