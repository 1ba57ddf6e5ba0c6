import type { BinaryContent, ContentItem, FormQuestion, FreeTextSpec, QuestionForm, SelectionSpec } from "@/lib/mturk-formats/question-form";
import { CLIENT_CHECK_SCRIPT, OTHER_CHOICE, otherField, questionField, questionFormRules, questionLabel, selectionProblem, type QuestionRule } from "@/lib/mturk-formats/question-form-submission";
import { escapeHtml } from "@/lib/mturk-formats/escape";
import { plural } from "@/lib/mturk-formats/plural";

/*
 * A QuestionForm as a self-contained HTML document for the worker site's sandboxed iframe
 * (sandbox="allow-scripts allow-forms", opaque origin). Field names are described in
 * question-form-submission.ts, which reads the POST back.
 *
 * The <form> element is empty and comes first; every control joins it through form="hd-form".
 * The requester's FormattedContent is inserted as is, so a stray </form> or <form> in it
 * cannot detach the controls. Our ids start with "hd-" to keep clear of the requester's.
 */

export interface QuestionFormDocumentOptions {
  action: string;
  hiddenFields: Record<string, string>;
  preview: boolean;
  title?: string;
  submitLabel?: string;
}

const FORM_ID = "hd-form";

/** Attributes from a map; `true` writes a bare attribute, false/undefined leaves it out. */
function attrs(map: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(map)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${escapeHtml(String(v))}"`))
    .join("");
}

const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);

/** FormattedContent is XHTML: HTML parsers read <div/> as an open tag, so close it explicitly. */
function xhtmlToHtml(xhtml: string): string {
  return xhtml.replace(/<([A-Za-z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/>/g, (_, tag: string, attributes: string) =>
    VOID_ELEMENTS.has(tag.toLowerCase()) ? `<${tag}${attributes}>` : `<${tag}${attributes}></${tag}>`,
  );
}

/** A Width/Height from EmbeddedBinary as a CSS length, or nothing if it is not a plain one. */
function cssLength(value: string): string | undefined {
  const v = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(v)) return `${v}px`;
  return /^\d+(?:\.\d+)?(?:px|%|em|rem)$/.test(v) ? v : undefined;
}

function media(type: string, src: string, alt: string, style?: string): string {
  if (type === "image") return `<img${attrs({ src, alt, loading: "lazy", style })}>`;
  if (type === "audio" || type === "video") return `<${type}${attrs({ src, controls: true, preload: "metadata", "aria-label": alt, style })}>${escapeHtml(alt)}</${type}>`;
  return "";
}

function binary(b: BinaryContent): string {
  return `<figure class="c-media">${media(b.mimeType.type, b.dataUrl, b.altText)}</figure>`;
}

function contentItem(item: ContentItem, headingLevel: 2 | 3): string {
  switch (item.kind) {
    case "Title":
      return `<h${headingLevel} class="c-title">${escapeHtml(item.text.trim())}</h${headingLevel}>`;
    case "Text":
      return `<p class="c-text">${escapeHtml(item.text.trim())}</p>`;
    case "List":
      return `<ul class="c-list">${item.items.map((li) => `<li>${escapeHtml(li.trim())}</li>`).join("")}</ul>`;
    case "FormattedContent":
      return `<div class="c-formatted">${xhtmlToHtml(item.text)}</div>`;
    case "Binary":
      return binary(item);
    case "EmbeddedBinary": {
      const { type, subType } = item.mimeType;
      const width = cssLength(item.width);
      const height = cssLength(item.height);
      const style = [width && `width:${width}`, height && `height:${height}`].filter(Boolean).join(";") || undefined;
      const shown = media(type, item.dataUrl, item.altText, style);
      if (shown) return `<figure class="c-media">${shown}</figure>`;
      return `<p class="note">Embedded ${escapeHtml(`${type}/${subType}`)} content cannot be shown here: ${escapeHtml(item.altText.trim())}</p>`;
    }
    case "Application":
      return `<p class="note">This part of the HIT is ${item.application === "Flash" ? "a Flash application" : "a Java applet"}, which MTurk no longer supports; it cannot be shown.</p>`;
  }
}

function content(items: ContentItem[], headingLevel: 2 | 3): string {
  return items.map((i) => contentItem(i, headingLevel)).join("\n");
}

// ---------------------------------------------------------------------------------------------
// Free text

function freeTextHint(spec: FreeTextSpec): string[] {
  const parts: string[] = [];
  const num = spec.constraints.isNumeric;
  if (num) {
    const { minValue: lo, maxValue: hi } = num;
    parts.push(lo !== undefined && hi !== undefined ? `A number from ${lo} to ${hi}` : lo !== undefined ? `A number of at least ${lo}` : hi !== undefined ? `A number of at most ${hi}` : "A number");
  }
  const len = spec.constraints.length;
  if (len?.minLength !== undefined && len.maxLength !== undefined)
    parts.push(len.minLength === len.maxLength ? `Exactly ${plural(len.minLength, "character")}` : `${len.minLength}–${len.maxLength} characters`);
  else if (len?.minLength) parts.push(`At least ${plural(len.minLength, "character")}`);
  else if (len?.maxLength !== undefined) parts.push(`Up to ${plural(len.maxLength, "character")}`);
  return parts;
}

/** A text field (input, or textarea for several lines) with its hint and character counter. */
function textField(
  spec: FreeTextSpec,
  o: { id: string; name: string; labelledBy?: string; label?: string; describedBy: string[]; required?: boolean; otherFor?: string; className?: string },
): { control: string; hint: string } {
  const value = spec.defaultText ?? "";
  const lines = spec.numberOfLinesSuggestion ?? (value.includes("\n") ? 3 : 1);
  const hints = freeTextHint(spec);
  const max = spec.constraints.length?.maxLength;
  const hintId = `${o.id}-hint`;
  const hasHint = hints.length > 0 || max !== undefined;
  const num = spec.constraints.isNumeric;
  const common = {
    id: o.id,
    name: o.name,
    form: FORM_ID,
    class: [o.className, num && lines === 1 ? "num" : undefined].filter(Boolean).join(" ") || undefined,
    "aria-labelledby": o.labelledBy,
    "aria-label": o.label,
    "aria-describedby": [...(hasHint ? [hintId] : []), ...o.describedBy].join(" ") || undefined,
    "aria-required": o.required ? "true" : undefined,
    "data-other-for": o.otherFor,
    autocomplete: "off",
    inputmode: num ? ((num.minValue ?? -1) >= 0 ? "decimal" : "text") : undefined,
  };
  // A leading newline right after <textarea> is dropped by the parser; write one so the default keeps its own.
  const control = lines > 1 ? `<textarea${attrs({ ...common, rows: Math.min(lines, 20) })}>\n${escapeHtml(value)}</textarea>` : `<input${attrs({ type: "text", ...common, value })}>`;
  const counter = max !== undefined ? `<span class="counter" aria-hidden="true"${attrs({ "data-counter-for": o.id, "data-max": max })}>${Array.from(value).length} / ${max}</span>` : "";
  const hint = hasHint ? `<p class="hint" id="${hintId}"><span>${escapeHtml(hints.join(" · "))}</span>${counter}</p>` : "";
  return { control, hint };
}

// ---------------------------------------------------------------------------------------------
// Selection

type SelectionMode = { control: "radio" | "checkbox" | "dropdown" | "listbox"; filter: boolean; tiles: boolean; chosenCounter: boolean };

/**
 * The control for a StyleSuggestion. MTurk's default is radio buttons when one choice is
 * allowed, else checkboxes; single-choice styles fall back to their multiple-choice sibling
 * when MaxSelectionCount > 1, and <select> styles to buttons when a choice is an image or
 * formatted content, which an <option> cannot show.
 */
export function selectionMode(spec: SelectionSpec): SelectionMode {
  const multi = spec.maxSelectionCount > 1;
  const rich = spec.selections.some((s) => s.content.kind !== "Text");
  const buttons = multi ? "checkbox" : "radio";
  const mode = (control: SelectionMode["control"], extra: Partial<SelectionMode> = {}): SelectionMode => ({ control, filter: false, tiles: rich, chosenCounter: false, ...extra });
  switch (spec.style ?? (multi ? "checkbox" : "radiobutton")) {
    case "radiobutton":
      return mode(buttons);
    case "checkbox":
      return mode("checkbox");
    case "list":
      return rich ? mode(buttons) : mode("listbox");
    case "dropdown":
      return rich ? mode(buttons) : mode(multi ? "listbox" : "dropdown");
    case "combobox":
      return mode(buttons, { filter: true });
    case "multichooser":
      return mode(buttons, { tiles: true, chosenCounter: multi });
  }
}

function choiceBody(item: ContentItem): string {
  if (item.kind === "Text") return escapeHtml(item.text.trim());
  if (item.kind === "Binary") return media(item.mimeType.type, item.dataUrl, item.altText);
  if (item.kind === "FormattedContent") return xhtmlToHtml(item.text);
  return content([item], 3);
}

function optionText(item: ContentItem): string {
  return item.kind === "Text" || item.kind === "FormattedContent" ? item.text.replace(/<[^>]*>/g, "").trim() : "";
}

function selectionControl(q: FormQuestion & { answer: SelectionSpec }, index: number, rule: Extract<QuestionRule, { kind: "selection" }>, describedBy: string[]): string {
  const spec = q.answer;
  const m = selectionMode(spec);
  const base = `hd-q${index}`;
  const name = questionField(index);
  const otherTextId = `${base}-other`;
  const multi = spec.maxSelectionCount > 1;
  const hintParts: string[] = [];
  if (multi) hintParts.push(capitalize(selectionProblem(spec)));
  if (m.control === "listbox" && multi) hintParts.push("Hold Ctrl (⌘ on a Mac) or Shift to choose several.");
  const hintId = `${base}-hint`;
  const chosen = m.chosenCounter ? `<span class="counter"${attrs({ "data-chosen-for": name })}>0 chosen</span>` : "";
  const hint = hintParts.length > 0 || chosen ? `<p class="hint" id="${hintId}"><span>${escapeHtml(hintParts.join(" "))}</span>${chosen}</p>` : "";
  const described = [...(hint ? [hintId] : []), ...describedBy].join(" ");
  const other = spec.otherSelection;

  if (m.control === "dropdown" || m.control === "listbox") {
    const selectId = `${base}-input`;
    const options = spec.selections.map((s, j) => `<option value="${j}">${escapeHtml(optionText(s.content))}</option>`);
    if (other) options.push(`<option value="${OTHER_CHOICE}">Other…</option>`);
    const size = Math.min(options.length, 8);
    const select = `<select${attrs({
      id: selectId,
      name,
      form: FORM_ID,
      multiple: m.control === "listbox" && multi,
      size: m.control === "listbox" ? Math.max(size, 2) : undefined,
      "aria-labelledby": `${base}-label`,
      "aria-describedby": described,
      "aria-required": rule.required ? "true" : undefined,
    })}>${m.control === "dropdown" ? `<option value="">Choose…</option>` : ""}${options.join("")}</select>`;
    let otherRow = "";
    if (other) {
      const field = textField(other, { id: otherTextId, name: otherField(index), label: `${rule.label}: other answer`, describedBy: [], otherFor: selectId, className: "other-text" });
      otherRow = `<div class="other-row"><label for="${otherTextId}">Other:</label>${field.control}</div>${field.hint}`;
    }
    return `${select}${hint}${otherRow}`;
  }

  const type = m.control;
  const choices = spec.selections.map((s, j) => {
    const id = `${base}-c${j}`;
    return `<label class="choice" for="${id}"><input${attrs({ type, id, name, value: j, form: FORM_ID })}><span class="choice-body">${choiceBody(s.content)}</span></label>`;
  });
  if (other) {
    const choiceId = `${base}-c-other`;
    const field = textField(other, { id: otherTextId, name: otherField(index), label: `${rule.label}: other answer`, describedBy: [], otherFor: choiceId, className: "other-text" });
    choices.push(
      `<div class="choice choice-other"><input${attrs({ type, id: choiceId, name, value: OTHER_CHOICE, form: FORM_ID })}><label for="${choiceId}">Other:</label>${field.control}${field.hint}</div>`,
    );
  }
  const filter = m.filter
    ? `<input${attrs({ type: "search", class: "filter", placeholder: "Type to filter the choices", "aria-label": `Filter the choices for ${rule.label}`, "data-filter-for": `${base}-choices`, autocomplete: "off" })}><p class="hint no-match" hidden>No choice matches.</p>`
    : "";
  const clear = type === "radio" && !rule.required ? `<button type="button" class="link"${attrs({ "data-clear": name })}>Clear choice</button>` : "";
  return `${filter}<div${attrs({
    class: `choices${m.tiles ? " tiles" : ""}${spec.selections.some((s) => s.content.kind === "Binary") ? " media" : ""}`,
    id: `${base}-choices`,
    role: type === "radio" ? "radiogroup" : "group",
    "aria-labelledby": `${base}-label`,
    "aria-describedby": described,
    "aria-required": rule.required && type === "radio" ? "true" : undefined,
  })}>${choices.join("")}</div>${hint}${clear}`;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ---------------------------------------------------------------------------------------------
// Questions and the document

function question(q: FormQuestion, index: number, rule: QuestionRule): string {
  const base = `hd-q${index}`;
  const errorId = `${base}-error`;
  const required = rule.kind === "text" ? rule.text.required : rule.required;
  let control: string;
  if (q.answer.type === "FreeText" && rule.kind === "text") {
    const f = textField(q.answer, { id: `${base}-input`, name: questionField(index), labelledBy: `${base}-label`, describedBy: [errorId], required });
    control = f.control + f.hint;
  } else if (q.answer.type === "Selection" && rule.kind === "selection") {
    control = selectionControl(q as FormQuestion & { answer: SelectionSpec }, index, rule, [errorId]);
  } else {
    control = `<p class="note${required ? " blocking" : ""}">File upload is not supported on HITdesk. ${
      required ? "This question is required, so this HIT cannot be completed here; please return it." : "You can leave this question out."
    }</p>`;
  }
  return `<section${attrs({ class: "question", id: base, "data-hd-question": index, "aria-labelledby": `${base}-label`, tabindex: -1 })}>
<div class="q-head"><h2 class="q-title" id="${base}-label">${escapeHtml(questionLabel(q, index))}</h2>${required ? `<span class="req">Required</span>` : ""}</div>
<div class="q-content">${content(q.content, 3)}</div>
<div class="q-answer">${control}</div>
<p class="q-error" id="${errorId}" hidden></p>
</section>`;
}

/** JSON inside <script>: no "<" (nor "</script>"), ">", "&" or line separators left raw. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function renderQuestionFormDocument(form: QuestionForm, options: QuestionFormDocumentOptions): string {
  for (const name of Object.keys(options.hiddenFields)) {
    if (name.startsWith("q.")) throw new Error(`hidden field "${name}" would collide with the answer fields (q.<index>)`);
  }
  const rules = questionFormRules(form);
  const firstTitle = form.items.flatMap((i) => (i.kind === "Overview" ? i.content : i.question.content)).find((c) => c.kind === "Title");
  const title = options.title ?? (firstTitle?.kind === "Title" ? firstTitle.text.trim() : "HIT");
  let questionIndex = 0;
  const body = form.items
    .map((item) => {
      if (item.kind === "Overview") return `<section class="overview">${content(item.content, 2)}</section>`;
      const i = questionIndex++;
      return question(item.question, i, rules.questions[i]!);
    })
    .join("\n");
  const hidden = Object.entries(options.hiddenFields)
    .map(([name, value]) => `<input${attrs({ type: "hidden", name, value })}>`)
    .join("");
  const submitText = options.preview ? "Accept the HIT to submit" : (options.submitLabel ?? "Submit");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLES}</style>
</head>
<body>
<form${attrs({ id: FORM_ID, method: "post", action: options.action, "accept-charset": "UTF-8", novalidate: true, "data-preview": options.preview })}>${hidden}</form>
<main class="page">
${body}
<div class="actions">
<p class="form-error" id="hd-summary" role="alert" hidden></p>
<button${attrs({ type: "submit", id: "hd-submit", class: "submit", form: FORM_ID, disabled: options.preview })}>${escapeHtml(submitText)}</button>
</div>
</main>
<script type="application/json" id="hd-rules">${scriptJson(rules)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------
// Inline CSS and script

const STYLES = `
:root{color-scheme:light;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--field:#8c959f;--accent:#0b5cd5;--accent-dark:#0947a6;--accent-soft:#eef4ff;--danger:#c0262d;--danger-soft:#fdecee;--bg:#f6f8fa}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif,"Apple Color Emoji","Segoe UI Emoji"}
.page{max-width:46rem;margin:0 auto;padding:24px 16px 48px}
.overview,.question{background:#fff;border:1px solid var(--line);border-radius:12px;padding:20px 24px;margin:0 0 16px;box-shadow:0 1px 2px rgba(31,35,40,.04)}
.question:focus{outline:none}
.question.invalid{border-color:var(--danger);box-shadow:0 0 0 1px var(--danger)}
.q-head{display:flex;align-items:baseline;flex-wrap:wrap;gap:4px 10px;margin:0 0 6px}
.q-title{font-size:1.0625rem;font-weight:600;margin:0}
.req{font-size:.75rem;font-weight:600;color:var(--danger);background:var(--danger-soft);border-radius:999px;padding:1px 8px}
.q-content>:first-child{margin-top:0}
.q-answer{margin-top:12px}
h2.c-title{font-size:1.3rem;line-height:1.3;margin:0 0 10px}
h3.c-title{font-size:1.05rem;margin:12px 0 6px}
.c-text{white-space:pre-line;margin:0 0 10px}
.c-list{margin:0 0 10px;padding-left:1.4em}
.c-list li{margin:2px 0}
.c-formatted{margin:0 0 10px;overflow-x:auto}
.c-formatted table{border-collapse:collapse}
.c-formatted td,.c-formatted th{border:1px solid var(--line);padding:4px 8px}
.c-media{margin:0 0 12px}
img,video{max-width:100%;height:auto}
audio{width:100%;max-width:28rem}
a{color:var(--accent)}
input[type=text],input[type=search],textarea,select{display:block;width:100%;font:inherit;color:inherit;background:#fff;border:1px solid var(--field);border-radius:8px;padding:8px 12px;margin:0}
input.num{max-width:12rem}
textarea{resize:vertical;min-height:4.5em}
select[multiple],select[size]{padding:4px}
select option{padding:4px 8px}
input:focus-visible,textarea:focus-visible,select:focus-visible,button:focus-visible,.choice:focus-within{outline:3px solid rgba(11,92,213,.35);outline-offset:1px}
input[type=text]:focus,input[type=search]:focus,textarea:focus,select:focus{border-color:var(--accent)}
.invalid input[type=text],.invalid textarea,.invalid select{border-color:var(--danger)}
.choices{display:grid;gap:8px}
.choice{display:flex;align-items:flex-start;gap:10px;padding:9px 12px;border:1px solid var(--line);border-radius:8px;background:#fff;cursor:pointer}
.choice:hover{background:#f6f8fa}
.choice:has(input:checked){border-color:var(--accent);background:var(--accent-soft)}
.choice input[type=radio],.choice input[type=checkbox]{flex:none;width:18px;height:18px;margin:2px 0 0;accent-color:var(--accent);cursor:pointer}
.choice-body{min-width:0}
.choice-body>:first-child{margin-top:0}.choice-body>:last-child{margin-bottom:0}
.choice-other{flex-wrap:wrap;align-items:center;cursor:default}
.choice-other input[type=radio],.choice-other input[type=checkbox]{margin:0}
.choice-other label{cursor:pointer}
.choice-other .other-text{flex:1 1 12rem;width:auto;padding:5px 10px}
.choice-other .hint{flex-basis:100%}
.tiles{grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr))}
.tiles .choice{align-items:center}
.tiles.media .choice{flex-direction:column;align-items:stretch}
.tiles .choice img{display:block;width:100%;border-radius:6px}
.tiles .choice-other{grid-column:1/-1;flex-direction:row;align-items:center}
.other-row{display:flex;align-items:center;gap:10px;margin-top:10px}
.other-row .other-text{flex:1}
.filter{margin-bottom:8px}
.hint{display:flex;justify-content:space-between;gap:12px;color:var(--muted);font-size:.875rem;margin:6px 0 0}
.counter{margin-left:auto;font-variant-numeric:tabular-nums;white-space:nowrap}
.counter.over{color:var(--danger);font-weight:600}
.q-error{color:var(--danger);font-size:.9375rem;font-weight:500;margin:10px 0 0}
.q-error::before{content:"⚠ "}
.note{background:#fff8e5;border:1px solid #eed58f;border-radius:8px;padding:10px 14px;margin:0 0 10px}
.note.blocking{background:var(--danger-soft);border-color:#f1b5ba}
button.link{font:inherit;font-size:.875rem;color:var(--accent);background:none;border:0;padding:4px 0;margin-top:6px;cursor:pointer;text-decoration:underline}
.actions{display:flex;align-items:center;justify-content:flex-end;flex-wrap:wrap;gap:12px 20px;margin-top:24px}
.form-error{color:var(--danger);font-weight:500;margin:0}
button.submit{font:inherit;font-weight:600;color:#fff;background:var(--accent);border:0;border-radius:8px;padding:11px 28px;cursor:pointer;box-shadow:0 1px 2px rgba(31,35,40,.15)}
button.submit:hover{background:var(--accent-dark)}
button.submit:disabled{background:#8c959f;cursor:not-allowed;box-shadow:none}
@media (max-width:30rem){.overview,.question{padding:16px}.actions{justify-content:stretch}button.submit{width:100%}}
`;

const SCRIPT = `
(function () {
  "use strict";
${CLIENT_CHECK_SCRIPT}
  var rules = JSON.parse(document.getElementById("hd-rules").textContent);
  var form = document.getElementById("${FORM_ID}");
  var submit = document.getElementById("hd-submit");
  var summary = document.getElementById("hd-summary");
  var preview = form.hasAttribute("data-preview");
  var numberRe = new RegExp(rules.numberPattern);
  var attempted = false;
  var submitText = submit.textContent;

  function fields() {
    var data = new FormData(form);
    return function (name) { return data.getAll(name).filter(function (v) { return typeof v === "string"; }); };
  }
  function questionOf(el) {
    var s = el && el.closest ? el.closest("[data-hd-question]") : null;
    return s ? Number(s.getAttribute("data-hd-question")) : -1;
  }
  function show(i, message) {
    var s = document.getElementById("hd-q" + i), box = document.getElementById("hd-q" + i + "-error");
    s.classList.toggle("invalid", message !== null);
    box.textContent = message || "";
    box.hidden = message === null;
    var controls = s.querySelectorAll("input[name], select, textarea");
    for (var k = 0; k < controls.length; k++) {
      if (message === null) controls[k].removeAttribute("aria-invalid"); else controls[k].setAttribute("aria-invalid", "true");
    }
  }
  function check() {
    var get = fields();
    return rules.questions.map(function (rule) { return checkQuestion(rule, numberRe, get); });
  }
  function summarize(messages) {
    var n = messages.filter(function (m) { return m !== null; }).length;
    summary.hidden = n === 0;
    summary.textContent = n === 0 ? "" : n === 1 ? "One answer needs attention before you can submit." : n + " answers need attention before you can submit.";
  }

  form.addEventListener("submit", function (event) {
    if (preview) { event.preventDefault(); return; }
    attempted = true;
    var messages = check();
    messages.forEach(function (m, i) { show(i, m); });
    summarize(messages);
    var first = messages.findIndex(function (m) { return m !== null; });
    if (first === -1) {
      submit.disabled = true;
      submit.textContent = "Submitting…";
      return;
    }
    event.preventDefault();
    var s = document.getElementById("hd-q" + first);
    var target = s.querySelector("input[name]:not([type=hidden]):not([disabled]), select, textarea, input.filter") || s;
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    s.scrollIntoView({ block: "start", behavior: still ? "auto" : "smooth" });
    target.focus({ preventScroll: true });
  });
  window.addEventListener("pageshow", function () {
    if (!preview && submit.disabled) { submit.disabled = false; submit.textContent = submitText; }
  });

  function chooseOther(text) {
    var target = document.getElementById(text.getAttribute("data-other-for"));
    if (!target || text.value === "") return;
    if (target.tagName === "SELECT") {
      for (var k = 0; k < target.options.length; k++) if (target.options[k].value === "${OTHER_CHOICE}") target.options[k].selected = true;
    } else target.checked = true;
  }
  function updateCounters() {
    var counters = document.querySelectorAll("[data-counter-for]");
    for (var k = 0; k < counters.length; k++) {
      var c = counters[k], field = document.getElementById(c.getAttribute("data-counter-for")), max = Number(c.getAttribute("data-max"));
      var n = Array.from(field.value).length;
      c.textContent = n + " / " + max;
      c.classList.toggle("over", n > max);
    }
    var chosen = document.querySelectorAll("[data-chosen-for]"), get = fields();
    for (var j = 0; j < chosen.length; j++) {
      var count = get(chosen[j].getAttribute("data-chosen-for")).filter(function (v) { return v !== ""; }).length;
      chosen[j].textContent = count + " chosen";
    }
  }
  function filterChoices(input) {
    var list = document.getElementById(input.getAttribute("data-filter-for"));
    var q = input.value.trim().toLowerCase(), shown = 0;
    var choices = list.querySelectorAll(".choice");
    for (var k = 0; k < choices.length; k++) {
      var c = choices[k], box = c.querySelector("input[name]");
      var img = c.querySelector("img");
      var text = (c.textContent + " " + (img ? img.alt : "")).toLowerCase();
      var visible = q === "" || text.indexOf(q) !== -1 || (box && box.checked) || c.classList.contains("choice-other");
      c.hidden = !visible;
      if (visible) shown++;
    }
    input.nextElementSibling.hidden = shown > 0;
  }
  function edited(event) {
    var el = event.target;
    if (!(el instanceof Element)) return;
    if (el.hasAttribute("data-other-for") && event.type === "input") chooseOther(el);
    if (el.hasAttribute("data-filter-for")) filterChoices(el);
    updateCounters();
    // A flagged question updates as it is edited; new errors wait for the next submit, since
    // one appearing on blur would move the page under the pointer that caused the blur.
    var i = questionOf(el);
    if (!attempted || i === -1 || !document.getElementById("hd-q" + i).classList.contains("invalid")) return;
    var messages = check();
    show(i, messages[i]);
    summarize(messages.map(function (m, k) { return document.getElementById("hd-q" + k).classList.contains("invalid") ? m : null; }));
  }
  document.addEventListener("input", edited);
  document.addEventListener("change", edited);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target instanceof Element && event.target.hasAttribute("data-filter-for")) event.preventDefault();
  });
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-clear]") : null;
    if (!button) return;
    var inputs = document.querySelectorAll("input[name]");
    for (var k = 0; k < inputs.length; k++) if (inputs[k].name === button.getAttribute("data-clear")) inputs[k].checked = false;
    button.dispatchEvent(new Event("change", { bubbles: true }));
  });
  updateCounters();
})();
`;
