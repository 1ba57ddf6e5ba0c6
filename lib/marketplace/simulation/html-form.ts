/**
 * What a simulated worker sees in an HTMLQuestion: the controls it can fill and the
 * requester's gold answers. A small tolerant tag scanner, not a DOM: HIT templates are often
 * sloppy HTML, and a worker only needs names, types and options.
 */

export type GoldValue = string | number | boolean | (string | number)[];
/** Field name → the correct answer (see answer-task.ts for the convention). */
export type Gold = Record<string, GoldValue>;

export interface HtmlTag {
  name: string;
  attrs: Record<string, string>;
  closing: boolean;
  start: number;
  end: number;
}

export interface TextInputControl {
  kind: "text";
  name: string;
  /** An input's type (text, number, email, ...) or "textarea". */
  type: string;
  attrs: Record<string, string>;
}
export interface ChoiceControl {
  kind: "choice";
  name: string;
  via: "radio" | "select";
  multiple: boolean;
  options: string[];
}
export interface CheckboxesControl {
  kind: "checkboxes";
  name: string;
  options: string[];
  required: boolean;
}
export type NativeControl = TextInputControl | ChoiceControl | CheckboxesControl;

export type CrowdControl =
  | { kind: "crowd-classifier"; name: string; categories: string[] }
  | { kind: "crowd-classifier-multi-select"; name: string; categories: string[] }
  /** Buttons by name; the group's own name (if any) is where its gold is looked up. */
  | { kind: "crowd-radio-group"; name?: string; buttons: { name: string; value?: string }[] }
  | { kind: "crowd-checkbox"; name: string }
  | { kind: "crowd-text"; name: string; type: string; attrs: Record<string, string> }
  | { kind: "crowd-slider"; name: string; min: number; max: number; step: number }
  | { kind: "crowd-bounding-box"; name: string; labels: string[] };

export type HtmlTask =
  | { form: "native"; controls: NativeControl[]; gold: Gold }
  /** A crowd-form posts everything as one taskAnswers field; native controls inside it are included. */
  | { form: "crowd"; controls: (CrowdControl | NativeControl)[]; gold: Gold };

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

// Elements whose content is text, not markup: a "<" inside them opens no tag.
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "template"]);
const TAG_NAME = /<(\/?)([a-zA-Z][a-zA-Z0-9:._-]*)/y;
const ATTR_NAME = /[^\s"'>/=]+/y;
const UNQUOTED = /[^\s>]+/y;

/** Every start and end tag in document order; comments, doctypes and raw text are skipped. */
export function* scanHtmlTags(html: string): Generator<HtmlTag> {
  const skipSpace = (j: number) => {
    while (j < html.length && /\s/.test(html[j]!)) j++;
    return j;
  };
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt === -1) return;
    if (html.startsWith("<!--", lt)) {
      const close = html.indexOf("-->", lt + 4);
      i = close === -1 ? html.length : close + 3;
      continue;
    }
    if (html[lt + 1] === "!" || html[lt + 1] === "?") {
      const close = html.indexOf(">", lt);
      i = close === -1 ? html.length : close + 1;
      continue;
    }
    TAG_NAME.lastIndex = lt;
    const m = TAG_NAME.exec(html);
    if (!m) {
      i = lt + 1;
      continue;
    }
    const name = m[2]!.toLowerCase();
    const attrs: Record<string, string> = {};
    let j = lt + m[0].length;
    for (;;) {
      j = skipSpace(j);
      if (j >= html.length) break;
      if (html[j] === ">") {
        j++;
        break;
      }
      if (html[j] === "/") {
        j++;
        continue;
      }
      ATTR_NAME.lastIndex = j;
      const an = ATTR_NAME.exec(html);
      if (!an) {
        j++;
        continue;
      }
      j = skipSpace(j + an[0].length);
      let value = "";
      if (html[j] === "=") {
        j = skipSpace(j + 1);
        const quote = html[j];
        if (quote === '"' || quote === "'") {
          const close = html.indexOf(quote, j + 1);
          value = html.slice(j + 1, close === -1 ? html.length : close);
          j = close === -1 ? html.length : close + 1;
        } else {
          UNQUOTED.lastIndex = j;
          const uv = UNQUOTED.exec(html);
          value = uv ? uv[0] : "";
          j += value.length;
        }
      }
      const key = an[0].toLowerCase();
      // As in browsers, the first occurrence of an attribute wins.
      if (!(key in attrs)) attrs[key] = decodeEntities(value);
    }
    const closing = m[1] === "/";
    yield { name, attrs, closing, start: lt, end: j };
    i = j;
    if (!closing && RAW_TEXT.has(name)) {
      const close = html.toLowerCase().indexOf(`</${name}`, j);
      i = close === -1 ? html.length : close;
    }
  }
}

/**
 * A list attribute of crowd elements: categories="['Cat', 'Dog']" (the documented form, not
 * JSON) or proper JSON. Anything else (an unrendered {{ liquid }} expression) gives no items.
 */
export function parseListAttribute(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed)) return parsed.map(String);
  } catch {
    // the single-quoted form, read below
  }
  if (!value.trim().startsWith("[")) return [];
  const items: string[] = [];
  for (const m of value.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)) items.push((m[1] ?? m[2] ?? "").replace(/\\(.)/g, "$1"));
  return items;
}

function readGold(tag: HtmlTag, gold: Gold): void {
  if (tag.attrs.name?.toLowerCase() !== "hitdesk:gold" || !tag.attrs.content) return;
  try {
    const parsed: unknown = JSON.parse(tag.attrs.content);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) Object.assign(gold, parsed);
  } catch {
    // A malformed gold tag is the requester's mistake: the task is answered as if it had none.
  }
}

const SKIPPED_INPUT_TYPES = new Set(["hidden", "submit", "button", "reset", "image", "file"]);

const numberAttr = (value: string | undefined, fallback: number) => {
  const n = value === undefined || value.trim() === "" ? NaN : Number(value);
  return Number.isFinite(n) ? n : fallback;
};

/** Reads the controls a worker fills in an HTMLQuestion's HTML, in document order. */
export function readHtmlTask(html: string): HtmlTask {
  const gold: Gold = {};
  const lower = html.toLowerCase();
  const crowd = lower.includes("<crowd-form");
  // Without a crowd-form, only controls inside a <form> are posted (a form is required to submit).
  const formScoped = !crowd && lower.includes("<form");
  const controls = new Map<string, NativeControl | CrowdControl>();
  const ungroupedRadios: { name: string; value?: string }[] = [];
  let formDepth = 0;
  let select: ChoiceControl | undefined;
  let radioGroup: Extract<CrowdControl, { kind: "crowd-radio-group" }> | undefined;

  const add = (key: string, control: NativeControl | CrowdControl) => {
    if (!controls.has(key)) controls.set(key, control);
  };

  for (const tag of scanHtmlTags(html)) {
    if (tag.name === "meta" && !tag.closing) {
      readGold(tag, gold);
      continue;
    }
    if (tag.name === "form") {
      formDepth = Math.max(0, formDepth + (tag.closing ? -1 : 1));
      continue;
    }
    if (tag.name === "select" && tag.closing) {
      select = undefined;
      continue;
    }
    if (tag.name === "crowd-radio-group") {
      if (tag.closing) radioGroup = undefined;
      else {
        radioGroup = { kind: "crowd-radio-group", ...(tag.attrs.name ? { name: tag.attrs.name } : {}), buttons: [] };
        add(`crowd-radio-group#${controls.size}`, radioGroup);
      }
      continue;
    }
    if (tag.closing) continue;
    if (formScoped && formDepth === 0) continue;
    const a = tag.attrs;
    if ("disabled" in a) continue;
    const name = a.name;
    switch (tag.name) {
      case "input": {
        const type = (a.type ?? "text").toLowerCase();
        if (!name || SKIPPED_INPUT_TYPES.has(type)) break;
        if (type === "radio") {
          const existing = controls.get(name);
          const value = a.value ?? "on";
          if (existing?.kind === "choice") {
            if (!existing.options.includes(value)) existing.options.push(value);
          } else add(name, { kind: "choice", name, via: "radio", multiple: false, options: [value] });
        } else if (type === "checkbox") {
          const existing = controls.get(name);
          const value = a.value ?? "on";
          if (existing?.kind === "checkboxes") {
            if (!existing.options.includes(value)) existing.options.push(value);
            existing.required ||= "required" in a;
          } else add(name, { kind: "checkboxes", name, options: [value], required: "required" in a });
        } else add(name, { kind: "text", name, type, attrs: a });
        break;
      }
      case "textarea":
        if (name) add(name, { kind: "text", name, type: "textarea", attrs: a });
        break;
      case "select":
        if (name) {
          select = { kind: "choice", name, via: "select", multiple: "multiple" in a, options: [] };
          add(name, select);
        }
        break;
      case "option": {
        if (!select) break;
        // Without a value attribute, an option posts its text (up to the next tag).
        const next = html.indexOf("<", tag.end);
        const value =
          a.value ??
          decodeEntities(html.slice(tag.end, next === -1 ? undefined : next))
            .replace(/\s+/g, " ")
            .trim();
        // An empty value is the "Choose one…" placeholder, which a required select refuses.
        if (value !== "" && !select.options.includes(value)) select.options.push(value);
        break;
      }
      case "crowd-classifier":
      case "crowd-image-classifier":
        if (name) add(name, { kind: "crowd-classifier", name, categories: parseListAttribute(a.categories) });
        break;
      case "crowd-classifier-multi-select":
        if (name) add(name, { kind: "crowd-classifier-multi-select", name, categories: parseListAttribute(a.categories) });
        break;
      case "crowd-radio-button":
        if (name) (radioGroup?.buttons ?? ungroupedRadios).push({ name, ...(a.value !== undefined ? { value: a.value } : {}) });
        break;
      case "crowd-checkbox":
        if (name) add(name, { kind: "crowd-checkbox", name });
        break;
      case "crowd-input":
      case "crowd-text-area":
        if (name) add(name, { kind: "crowd-text", name, type: tag.name === "crowd-text-area" ? "textarea" : (a.type ?? "text").toLowerCase(), attrs: a });
        break;
      case "crowd-slider":
        if (name) add(name, { kind: "crowd-slider", name, min: numberAttr(a.min, 0), max: numberAttr(a.max, 100), step: numberAttr(a.step, 1) || 1 });
        break;
      case "crowd-bounding-box":
        if (name) add(name, { kind: "crowd-bounding-box", name, labels: parseListAttribute(a.labels) });
        break;
    }
  }
  if (ungroupedRadios.length > 0) controls.set("crowd-radio-group#ungrouped", { kind: "crowd-radio-group", buttons: ungroupedRadios });
  const list = [...controls.values()].filter((c) => c.kind !== "crowd-radio-group" || c.buttons.length > 0);
  if (crowd) return { form: "crowd", controls: list, gold };
  return { form: "native", controls: list.filter((c): c is NativeControl => c.kind === "text" || c.kind === "choice" || c.kind === "checkboxes"), gold };
}
