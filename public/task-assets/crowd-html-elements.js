// @ts-check
/*
 * HITdesk offline crowd HTML elements.
 *
 * A self-contained stand-in for https://assets.crowd.aws/crowd-html-elements.js so that
 * MTurk / SageMaker Ground Truth task templates render and submit on HITdesk's worker site
 * without internet access. No dependencies, no build step, no network requests, no storage:
 * it runs inside a sandboxed iframe (allow-scripts allow-forms, opaque origin).
 *
 * Elements: crowd-form, crowd-button, crowd-input, crowd-text-area, crowd-radio-group,
 * crowd-radio-button, crowd-checkbox, crowd-classifier, crowd-classifier-multi-select,
 * crowd-image-classifier, crowd-image-classifier-multi-select, crowd-bounding-box,
 * crowd-instructions, crowd-alert, crowd-card.
 *
 * crowd-form posts two fields to `action` (or `<turkSubmitTo>/mturk/externalSubmit`):
 * assignmentId, and taskAnswers = JSON.stringify([{ <name>: <value>, ... }]) with the
 * output shapes documented for the Crowd HTML Elements.
 *
 * Review (HITdesk only): when the page sets `window.HITDESK_REVIEW_ANSWERS` before this script
 * to the object a worker submitted (taskAnswers[0]), every element shows its answer, disabled,
 * and the form cannot be submitted.
 */
(function () {
  "use strict";

  if (typeof window === "undefined" || !window.customElements || window.customElements.get("crowd-form")) return;

  const PARAMS = new URLSearchParams(window.location.search);
  const ASSIGNMENT_ID = PARAMS.get("assignmentId") || "";
  const PREVIEW = ASSIGNMENT_ID === "ASSIGNMENT_ID_NOT_AVAILABLE";
  const PREVIEW_NOTE = "Accept the HIT to submit";
  const REVIEW = readReviewAnswers();
  const REVIEW_NOTE = "Read only: the answers the worker submitted";
  const LABEL_COLORS = ["#2f6fed", "#e5484d", "#12a150", "#f08c00", "#8e4ec6", "#0d9db8", "#d6409f", "#5b6b7f", "#a18072", "#3e9b4f"];

  /* ------------------------------------------------------------------ utilities */

  let idCounter = 0;
  /** @param {string} prefix */
  function nextId(prefix) {
    idCounter += 1;
    return "crowd-" + prefix + "-" + idCounter;
  }

  /**
   * Creates an element. Attributes with value false/null/undefined are skipped, true sets "".
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag
   * @param {Record<string, string | number | boolean | null | undefined> | null} [attrs]
   * @param {(Node | string | null | undefined)[]} [children]
   * @returns {HTMLElementTagNameMap[K]}
   */
  function h(tag, attrs, children) {
    const el = document.createElement(tag);
    if (attrs) {
      for (const key of Object.keys(attrs)) {
        const value = attrs[key];
        if (value === false || value === null || value === undefined) continue;
        el.setAttribute(key, value === true ? "" : String(value));
      }
    }
    if (children) for (const child of children) if (child !== null && child !== undefined) el.append(child);
    return el;
  }

  /** @returns {Record<string, unknown> | null} */
  function readReviewAnswers() {
    const v = /** @type {{ HITDESK_REVIEW_ANSWERS?: unknown }} */ (/** @type {unknown} */ (window)).HITDESK_REVIEW_ANSWERS;
    return v && typeof v === "object" && !Array.isArray(v) ? /** @type {Record<string, unknown>} */ (v) : null;
  }

  /** @param {() => void} fn */
  function onReady(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn, { once: true });
    else fn();
  }

  /** @param {number} n @param {number} lo @param {number} hi */
  function clamp(n, lo, hi) {
    return Math.min(hi, Math.max(lo, n));
  }

  /**
   * Parses JSON, or the looser JavaScript literal syntax templates use in attributes:
   * single-quoted strings, unquoted keys, trailing commas ("['Cat', 'Dog']", "[{ label: 'Cat', left: 1, }]").
   * @param {string | null} text
   * @returns {unknown}
   */
  function parseLoose(text) {
    if (text === null) return undefined;
    const s = text.trim();
    if (!s) return undefined;
    try {
      return JSON.parse(s);
    } catch (_) {
      /* fall through to the loose parser */
    }
    let i = 0;
    const fail = () => new SyntaxError("Cannot parse attribute value: " + s.slice(0, 80));
    const ws = () => {
      while (i < s.length && /\s/.test(s.charAt(i))) i++;
    };
    const str = () => {
      const quote = s.charAt(i++);
      let out = "";
      while (i < s.length && s.charAt(i) !== quote) {
        let c = s.charAt(i++);
        if (c === "\\") {
          const e = s.charAt(i++);
          if (e === "n") c = "\n";
          else if (e === "t") c = "\t";
          else if (e === "r") c = "\r";
          else if (e === "b") c = "\b";
          else if (e === "f") c = "\f";
          else if (e === "u") {
            c = String.fromCharCode(parseInt(s.slice(i, i + 4), 16));
            i += 4;
          } else c = e;
        }
        out += c;
      }
      if (i >= s.length) throw fail();
      i++;
      return out;
    };
    const ident = () => {
      const m = /^[A-Za-z_$][\w$-]*/.exec(s.slice(i));
      if (!m) throw fail();
      i += m[0].length;
      return m[0];
    };
    /** @returns {unknown} */
    const value = () => {
      ws();
      const c = s.charAt(i);
      if (c === "[") {
        i++;
        /** @type {unknown[]} */
        const arr = [];
        for (;;) {
          ws();
          if (s.charAt(i) === "]") {
            i++;
            return arr;
          }
          arr.push(value());
          ws();
          if (s.charAt(i) === ",") i++;
          else if (s.charAt(i) !== "]") throw fail();
        }
      }
      if (c === "{") {
        i++;
        /** @type {Record<string, unknown>} */
        const obj = Object.create(null);
        for (;;) {
          ws();
          if (s.charAt(i) === "}") {
            i++;
            return obj;
          }
          const key = s.charAt(i) === '"' || s.charAt(i) === "'" ? str() : ident();
          ws();
          if (s.charAt(i) !== ":") throw fail();
          i++;
          obj[key] = value();
          ws();
          if (s.charAt(i) === ",") i++;
          else if (s.charAt(i) !== "}") throw fail();
        }
      }
      if (c === '"' || c === "'") return str();
      const num = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(s.slice(i));
      if (num) {
        i += num[0].length;
        return Number(num[0]);
      }
      const word = ident();
      if (word === "true") return true;
      if (word === "false") return false;
      if (word === "null" || word === "undefined") return null;
      return word;
    };
    try {
      const result = value();
      ws();
      if (i !== s.length) throw fail();
      return result;
    } catch (err) {
      if (window.console) console.warn("[crowd-html-elements]", err instanceof Error ? err.message : err);
      return undefined;
    }
  }

  /**
   * A list of strings from a categories/labels attribute.
   * @param {string | null} text
   * @returns {string[]}
   */
  function parseStringList(text) {
    const parsed = parseLoose(text);
    if (!Array.isArray(parsed)) return [];
    /** @type {string[]} */
    const out = [];
    for (const item of parsed) {
      if (typeof item === "string" || typeof item === "number") out.push(String(item));
      else if (item && typeof item === "object") {
        const o = /** @type {Record<string, unknown>} */ (item);
        const text2 = o.label !== undefined ? o.label : o.text !== undefined ? o.text : o.value;
        if (text2 !== undefined && text2 !== null) out.push(String(text2));
      }
    }
    return out;
  }

  /** @param {Element} el */
  function isEditable(el) {
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
    if (el instanceof HTMLInputElement) return !/^(radio|checkbox|button|submit|reset|image|range|color|file)$/i.test(el.type);
    return el instanceof HTMLElement && el.isContentEditable;
  }

  /**
   * Adds `{ [key]: flag }` under answers[name], merging buttons or boxes that share a name.
   * @param {Record<string, unknown>} answers @param {string} name @param {string} key @param {boolean} flag
   */
  function mergeFlag(answers, name, key, flag) {
    const existing = answers[name];
    /** @type {Record<string, boolean>} */
    const obj = existing && typeof existing === "object" && !Array.isArray(existing) ? /** @type {Record<string, boolean>} */ (existing) : {};
    obj[key] = flag;
    answers[name] = obj;
  }

  /* ------------------------------------------------------------------ stylesheet */

  const CSS = `
:root {
  --crowd-font: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --crowd-text: #1b2330;
  --crowd-muted: #5b6573;
  --crowd-border: #d5dae1;
  --crowd-border-strong: #aeb6c2;
  --crowd-bg: #ffffff;
  --crowd-subtle: #f5f7fa;
  --crowd-primary: #2f6fed;
  --crowd-primary-hover: #1f5ad6;
  --crowd-primary-soft: #eef4ff;
  --crowd-danger: #c8252c;
  --crowd-danger-soft: #fdeeee;
  --crowd-focus: #2f6fed;
  --crowd-radius: 8px;
}
crowd-form, crowd-input, crowd-text-area, crowd-radio-group, crowd-checkbox, crowd-classifier,
crowd-classifier-multi-select, crowd-image-classifier, crowd-image-classifier-multi-select,
crowd-bounding-box, crowd-instructions, crowd-alert, crowd-card {
  display: block; font-family: var(--crowd-font); color: var(--crowd-text); line-height: 1.5; box-sizing: border-box;
}
crowd-button, crowd-radio-button { display: inline-block; font-family: var(--crowd-font); }
:is(crowd-form, crowd-input, crowd-text-area, crowd-radio-group, crowd-checkbox, crowd-classifier, crowd-classifier-multi-select,
crowd-image-classifier, crowd-image-classifier-multi-select, crowd-bounding-box, crowd-instructions, crowd-alert, crowd-card,
crowd-button, crowd-radio-button)[hidden] { display: none; }
crowd-form { max-width: 1200px; margin: 0 auto; padding: 16px; font-size: 15px; }
crowd-form *, crowd-form *::before, crowd-form *::after { box-sizing: border-box; }
.crowd-form__form { margin: 0; }
.crowd-form__footer { display: flex; flex-wrap: wrap; align-items: center; justify-content: flex-end; gap: 12px; margin-top: 24px; padding-top: 16px; border-top: 1px solid var(--crowd-border); }
.crowd-form__status { margin: 0; margin-right: auto; color: var(--crowd-danger); font-weight: 500; }
.crowd-form__status:empty { display: none; }
.crowd-form__status[data-kind="info"] { color: var(--crowd-muted); }
.crowd-preview-note { display: inline-flex; align-items: center; gap: 6px; color: var(--crowd-muted); font-size: 0.9em; margin: 0 8px; }
.crowd-preview-note::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: #f08c00; }

.crowd-btn {
  display: inline-flex; align-items: center; justify-content: center; gap: 6px; min-height: 38px; padding: 8px 18px;
  font: inherit; font-family: var(--crowd-font); font-size: 15px; font-weight: 600; line-height: 1.2; color: var(--crowd-text);
  background: var(--crowd-bg); border: 1px solid var(--crowd-border-strong); border-radius: var(--crowd-radius); cursor: pointer;
  transition: background-color .12s, border-color .12s, box-shadow .12s;
}
.crowd-btn:hover:not(:disabled) { background: var(--crowd-subtle); }
.crowd-btn--primary { color: #fff; background: var(--crowd-primary); border-color: var(--crowd-primary); box-shadow: 0 1px 2px rgba(16, 24, 40, .12); }
.crowd-btn--primary:hover:not(:disabled) { background: var(--crowd-primary-hover); border-color: var(--crowd-primary-hover); }
.crowd-btn--link { border-color: transparent; background: transparent; color: var(--crowd-primary); padding: 4px 6px; min-height: 0; font-weight: 500; }
.crowd-btn--small { min-height: 28px; padding: 3px 10px; font-size: 13px; font-weight: 500; }
.crowd-btn--danger { color: var(--crowd-danger); }
.crowd-btn:disabled { opacity: .55; cursor: not-allowed; box-shadow: none; }
.crowd-btn:focus-visible, .crowd-field__control:focus-visible, .crowd-choice input:focus-visible, .crowd-category input:focus-visible,
.crowd-bbox__stage:focus-visible, .crowd-panel summary:focus-visible, .crowd-alert__close:focus-visible, .crowd-bbox__item button:focus-visible {
  outline: 2px solid var(--crowd-focus); outline-offset: 2px;
}

.crowd-field { margin: 12px 0 16px; }
.crowd-field__label { display: block; margin-bottom: 6px; font-weight: 600; font-size: 14px; }
.crowd-field__required { color: var(--crowd-danger); margin-left: 2px; }
.crowd-field__control {
  display: block; width: 100%; padding: 9px 12px; font: inherit; font-family: var(--crowd-font); font-size: 15px; color: var(--crowd-text);
  background: var(--crowd-bg); border: 1px solid var(--crowd-border-strong); border-radius: var(--crowd-radius);
}
textarea.crowd-field__control { resize: vertical; min-height: 3em; }
.crowd-field__control::placeholder { color: #8a93a0; }
.crowd-field__control:focus { border-color: var(--crowd-primary); }
.crowd-field__control:disabled { background: var(--crowd-subtle); color: var(--crowd-muted); }
.crowd-field__control[aria-invalid="true"] { border-color: var(--crowd-danger); }
.crowd-field__meta { display: flex; justify-content: flex-end; margin-top: 4px; font-size: 12px; color: var(--crowd-muted); }
.crowd-error { display: flex; align-items: center; gap: 6px; margin: 6px 0 0; color: var(--crowd-danger); font-size: 13px; font-weight: 500; }
.crowd-error::before { content: "!"; content: "!" / ""; display: inline-flex; align-items: center; justify-content: center; width: 16px; height: 16px; border-radius: 50%; background: var(--crowd-danger); color: #fff; font-size: 11px; font-weight: 700; flex: none; }
.crowd-error[hidden] { display: none; }

crowd-radio-group { margin: 8px 0 12px; }
crowd-checkbox { margin: 6px 0; }
.crowd-radio-group__items { display: flex; flex-direction: column; gap: 4px; }
.crowd-choice { display: inline-flex; align-items: center; gap: 8px; padding: 4px 2px; cursor: pointer; }
.crowd-choice input { width: 18px; height: 18px; margin: 0; accent-color: var(--crowd-primary); cursor: pointer; flex: none; }
.crowd-choice--disabled { color: var(--crowd-muted); cursor: not-allowed; }
crowd-radio-group[data-invalid] .crowd-radio-group__items, crowd-checkbox[data-invalid] .crowd-choice { outline: 1px solid var(--crowd-danger); outline-offset: 4px; border-radius: 4px; }

.crowd-tool { border: 1px solid var(--crowd-border); border-radius: 12px; background: var(--crowd-bg); overflow: hidden; margin: 8px 0 16px; }
.crowd-tool__header { padding: 16px 20px; border-bottom: 1px solid var(--crowd-border); background: var(--crowd-subtle); }
.crowd-tool__title { margin: 0; font-size: 18px; font-weight: 650; line-height: 1.35; }
.crowd-tool__body { display: grid; grid-template-columns: minmax(0, 1fr) minmax(200px, 280px); }
.crowd-tool__main { padding: 20px; min-width: 0; }
.crowd-tool__side { padding: 20px; border-left: 1px solid var(--crowd-border); background: #fbfcfd; }
@media (max-width: 640px) {
  .crowd-tool__body { grid-template-columns: minmax(0, 1fr); }
  .crowd-tool__side { border-left: 0; border-top: 1px solid var(--crowd-border); }
}
.crowd-side__heading { margin: 0 0 10px; font-size: 13px; font-weight: 650; letter-spacing: .04em; text-transform: uppercase; color: var(--crowd-muted); }
.crowd-hint { margin: 10px 0 0; font-size: 12.5px; color: var(--crowd-muted); }
.crowd-hint kbd, .crowd-category kbd {
  display: inline-flex; align-items: center; justify-content: center; min-width: 20px; height: 20px; padding: 0 5px;
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; color: var(--crowd-muted);
  background: var(--crowd-bg); border: 1px solid var(--crowd-border-strong); border-bottom-width: 2px; border-radius: 4px;
}

.crowd-instructions-block { padding: 14px 20px; border-bottom: 1px solid var(--crowd-border); }
.crowd-instructions-block short-instructions { display: block; }
.crowd-instructions-block short-instructions > :first-child { margin-top: 0; }
.crowd-instructions-block short-instructions > :last-child { margin-bottom: 0; }
.crowd-panel { margin: 8px 0 0; }
.crowd-panel summary { cursor: pointer; color: var(--crowd-primary); font-weight: 600; font-size: 14px; padding: 2px 0; width: fit-content; border-radius: 4px; }
.crowd-panel__body { margin-top: 8px; padding: 12px 16px; border: 1px solid var(--crowd-border); border-radius: var(--crowd-radius); background: var(--crowd-subtle); }
.crowd-panel__body > :first-child, .crowd-panel__body full-instructions > :first-child { margin-top: 0; }
.crowd-panel__heading { margin: 0 0 8px; font-size: 15px; }
full-instructions, short-instructions, classification-target, detailed-instructions, short-summary, positive-example, negative-example { display: block; }
crowd-form > .crowd-form__form > .crowd-instructions-block { border: 1px solid var(--crowd-border); border-radius: 12px; margin-bottom: 16px; background: var(--crowd-bg); }

.crowd-classifier__target { font-size: 16px; line-height: 1.6; }
.crowd-classifier__target > :first-child { margin-top: 0; }
.crowd-classifier__image { display: block; max-width: 100%; max-height: 70vh; height: auto; margin: 0 auto; border-radius: 6px; background: var(--crowd-subtle); }
.crowd-categories { border: 0; margin: 0; padding: 0; min-width: 0; }
.crowd-categories legend { padding: 0; }
.crowd-category {
  display: flex; align-items: center; gap: 10px; width: 100%; margin: 0 0 8px; padding: 9px 12px; cursor: pointer;
  border: 1px solid var(--crowd-border); border-radius: var(--crowd-radius); background: var(--crowd-bg); font-weight: 500;
  transition: border-color .12s, background-color .12s;
}
.crowd-category:hover { border-color: var(--crowd-border-strong); }
.crowd-category input { width: 17px; height: 17px; margin: 0; accent-color: var(--crowd-primary); flex: none; }
.crowd-category__text { flex: 1; overflow-wrap: anywhere; }
.crowd-category--checked { border-color: var(--crowd-primary); background: var(--crowd-primary-soft); box-shadow: inset 0 0 0 1px var(--crowd-primary); }
.crowd-category--checked kbd { border-color: var(--crowd-primary); color: var(--crowd-primary); }
.crowd-category__swatch { width: 12px; height: 12px; border-radius: 3px; flex: none; }
[data-invalid] .crowd-categories .crowd-category { border-color: #f0b4b6; }
.crowd-comment { margin-top: 14px; }

.crowd-bbox__stage-wrap { text-align: center; }
.crowd-bbox__stage { position: relative; display: inline-block; max-width: 100%; line-height: 0; cursor: crosshair; user-select: none; -webkit-user-select: none; touch-action: none; border-radius: 4px; }
.crowd-bbox__img { display: block; max-width: 100%; max-height: 75vh; height: auto; width: auto; -webkit-user-drag: none; user-select: none; pointer-events: none; background: var(--crowd-subtle); }
.crowd-bbox__layer { position: absolute; inset: 0; }
.crowd-bbox__box { position: absolute; border: 2px solid var(--box-color, #2f6fed); background: color-mix(in srgb, var(--box-color, #2f6fed) 14%, transparent); cursor: move; }
.crowd-bbox__box--draft { border-style: dashed; cursor: crosshair; }
.crowd-bbox__box--selected { box-shadow: 0 0 0 2px #fff, 0 0 0 4px var(--box-color, #2f6fed); }
.crowd-bbox__tag {
  position: absolute; left: -2px; bottom: 100%; max-width: 220px; padding: 1px 6px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
  font: 600 12px/1.5 var(--crowd-font); color: #fff; background: var(--box-color, #2f6fed); border-radius: 3px 3px 0 0;
}
.crowd-bbox__box--top .crowd-bbox__tag { bottom: auto; top: 0; border-radius: 0 0 3px 0; left: 0; }
.crowd-bbox__handle { position: absolute; width: 10px; height: 10px; background: #fff; border: 2px solid var(--box-color, #2f6fed); border-radius: 2px; }
.crowd-bbox__handle[data-corner="nw"] { left: -6px; top: -6px; cursor: nwse-resize; }
.crowd-bbox__handle[data-corner="ne"] { right: -6px; top: -6px; cursor: nesw-resize; }
.crowd-bbox__handle[data-corner="sw"] { left: -6px; bottom: -6px; cursor: nesw-resize; }
.crowd-bbox__handle[data-corner="se"] { right: -6px; bottom: -6px; cursor: nwse-resize; }
.crowd-bbox__list { list-style: none; margin: 0; padding: 0; }
.crowd-bbox__item { display: flex; align-items: center; gap: 8px; padding: 6px 8px; margin-bottom: 6px; border: 1px solid var(--crowd-border); border-radius: var(--crowd-radius); background: var(--crowd-bg); font-size: 13px; }
.crowd-bbox__item--selected { border-color: var(--crowd-primary); background: var(--crowd-primary-soft); }
.crowd-bbox__item .crowd-bbox__select { flex: 1; min-width: 0; display: flex; align-items: center; gap: 8px; padding: 2px; border: 0; background: none; font: inherit; color: inherit; text-align: left; cursor: pointer; border-radius: 4px; }
.crowd-bbox__coords { color: var(--crowd-muted); font-variant-numeric: tabular-nums; }
.crowd-bbox__empty { margin: 0; font-size: 13px; color: var(--crowd-muted); }
[data-invalid] .crowd-bbox__stage { outline: 2px solid var(--crowd-danger); outline-offset: 2px; }

.crowd-alert { display: flex; align-items: flex-start; gap: 10px; padding: 12px 14px; margin: 12px 0; border: 1px solid #b9d0fb; border-left-width: 4px; border-radius: var(--crowd-radius); background: #f1f6ff; }
.crowd-alert--success { border-color: #a7dcb8; background: #eefaf2; }
.crowd-alert--warning { border-color: #f4cf8c; background: #fff8eb; }
.crowd-alert--error { border-color: #f0b4b6; background: var(--crowd-danger-soft); }
.crowd-alert__content { flex: 1; }
.crowd-alert__content > :first-child { margin-top: 0; }
.crowd-alert__content > :last-child { margin-bottom: 0; }
.crowd-alert__close { border: 0; background: none; font-size: 20px; line-height: 1; padding: 0 4px; cursor: pointer; color: var(--crowd-muted); border-radius: 4px; }

.crowd-card { border: 1px solid var(--crowd-border); border-radius: 12px; overflow: hidden; background: var(--crowd-bg); box-shadow: 0 1px 2px rgba(16, 24, 40, .06); margin: 8px 0 16px; }
.crowd-card__image { display: block; width: 100%; height: auto; }
.crowd-card__heading { margin: 0; padding: 14px 18px 0; font-size: 17px; }
.crowd-card__content { padding: 14px 18px; }
.crowd-instructions__examples { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; margin-top: 12px; }
.crowd-example { padding: 10px 14px; border-radius: var(--crowd-radius); border: 1px solid; }
.crowd-example--positive { border-color: #a7dcb8; background: #eefaf2; }
.crowd-example--negative { border-color: #f0b4b6; background: var(--crowd-danger-soft); }
.crowd-example h4 { margin: 0 0 6px; font-size: 14px; }
.crowd-visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;

  function injectStyles() {
    if (document.getElementById("crowd-html-elements-style")) return;
    const style = h("style", { id: "crowd-html-elements-style" }, [CSS]);
    // First in <head>, so the template's own styles win at equal specificity.
    const head = document.head || document.documentElement;
    head.insertBefore(style, head.firstChild);
  }

  /* ------------------------------------------------------------------ base class */

  /** @typedef {Record<string, unknown>} Answers */

  class CrowdElement extends HTMLElement {
    constructor() {
      super();
      /** @type {boolean} */
      this._rendered = false;
      /** @type {HTMLElement | null} */
      this._errorEl = null;
      /** @type {HTMLElement | null} the control that gets aria-invalid and focus on error */
      this._focusTarget = null;
    }

    connectedCallback() {
      if (this._rendered) return;
      onReady(() => {
        if (this._rendered || !this.isConnected) return;
        this._rendered = true;
        injectStyles();
        this.render();
        if (REVIEW && this.name && Object.prototype.hasOwnProperty.call(REVIEW, this.name)) this.showAnswer(REVIEW[this.name]);
      });
    }

    render() {}

    /**
     * Shows a submitted answer (the shape `contribute` produces), for review.
     * @param {unknown} _value
     */
    showAnswer(_value) {}

    /**
     * Adds this element's answer to `answers` (called by crowd-form on submit).
     * @param {Answers} _answers
     */
    contribute(_answers) {}

    /** @returns {string} an error message, or "" when valid */
    validationMessage() {
      return "";
    }

    /** Shows or clears this element's validation message. @returns {boolean} valid */
    validate() {
      const message = this.validationMessage();
      this.setError(message);
      return !message;
    }

    get name() {
      return this.getAttribute("name") || "";
    }

    get required() {
      return this.hasAttribute("required");
    }

    get disabled() {
      return !!REVIEW || this.hasAttribute("disabled");
    }

    /** @param {HTMLElement} after element after which the message is placed */
    createErrorSlot(after) {
      const el = h("p", { class: "crowd-error", id: nextId("error"), hidden: true });
      after.after(el);
      this._errorEl = el;
      return el;
    }

    /** @param {string} message */
    setError(message) {
      const target = this._focusTarget;
      if (message) this.setAttribute("data-invalid", "");
      else this.removeAttribute("data-invalid");
      if (!this._errorEl) return;
      this._errorEl.textContent = message;
      this._errorEl.hidden = !message;
      if (target) {
        if (message) {
          target.setAttribute("aria-invalid", "true");
          const describedBy = (target.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
          if (describedBy.indexOf(this._errorEl.id) < 0) describedBy.push(this._errorEl.id);
          target.setAttribute("aria-describedby", describedBy.join(" "));
        } else target.removeAttribute("aria-invalid");
      }
      if (!message) refreshFormStatus(this);
    }

    focusInvalid() {
      const target = this._focusTarget;
      if (target) target.focus();
      else this.scrollIntoView({ block: "center" });
    }
  }

  /* ------------------------------------------------------------------ crowd-form */

  class CrowdForm extends CrowdElement {
    constructor() {
      super();
      /** @type {HTMLFormElement | null} */
      this._form = null;
      /** @type {HTMLElement | null} */
      this._status = null;
      this._submitting = false;
    }

    /** The URL answers are posted to. */
    get action() {
      const attr = this.getAttribute("action");
      if (attr) return attr;
      const to = PARAMS.get("turkSubmitTo");
      if (to && /^https?:\/\//i.test(to)) return to.replace(/\/+$/, "") + "/mturk/externalSubmit";
      return "/mturk/externalSubmit";
    }

    /** The real <form> element wrapping the template's content. */
    get form() {
      return this._form;
    }

    render() {
      const form = h("form", { method: "post", action: this.action, class: "crowd-form__form", novalidate: true });
      this._form = form;
      while (this.firstChild) form.appendChild(this.firstChild);

      // short-instructions / full-instructions written directly inside crowd-form.
      const loose = Array.from(form.children).filter((c) => /^(SHORT|FULL)-INSTRUCTIONS$/.test(c.tagName));
      if (loose.length) form.insertBefore(buildInstructions(loose), form.firstChild);

      const hasSubmit = form.querySelector('crowd-button[form-action="submit"], button[type="submit"], input[type="submit"]');
      const status = h("p", { class: "crowd-form__status", role: "alert" });
      this._status = status;
      const footer = h("div", { class: "crowd-form__footer" }, [status]);
      if (!hasSubmit) {
        if (PREVIEW) footer.append(h("span", { class: "crowd-preview-note" }, [PREVIEW_NOTE]));
        if (REVIEW) footer.append(h("span", { class: "crowd-preview-note" }, [REVIEW_NOTE]));
        footer.append(h("button", { type: "submit", class: "crowd-btn crowd-btn--primary", "data-crowd-internal": true, disabled: PREVIEW || !!REVIEW }, ["Submit"]));
      } else if (PREVIEW) {
        // Plain submit buttons the template wrote itself (crowd-button handles its own).
        for (const b of Array.from(form.querySelectorAll('button[type="submit"], input[type="submit"]'))) {
          if (b.closest("crowd-button")) continue;
          /** @type {HTMLButtonElement | HTMLInputElement} */ (b).disabled = true;
          b.insertAdjacentElement("afterend", h("span", { class: "crowd-preview-note" }, [PREVIEW_NOTE]));
        }
      }
      form.append(footer);
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        e.stopPropagation();
        this.requestSubmit();
      });
      // Clear a native field's message as soon as it is edited.
      form.addEventListener("input", (e) => clearNativeError(e.target));
      form.addEventListener("change", (e) => clearNativeError(e.target));
      this.append(form);
    }

    /** All answers as MTurk's taskAnswers array: one object keyed by element name. */
    collectAnswers() {
      /** @type {Answers} */
      const answers = {};
      for (const el of Array.from(this.querySelectorAll("*"))) {
        if (el instanceof CrowdElement) el.contribute(answers);
        else if (isNativeField(el)) addNativeAnswer(answers, /** @type {NativeField} */ (el));
      }
      return [answers];
    }

    /** Validates every element; shows messages; focuses the first invalid one. */
    validate() {
      /** @type {(CrowdElement | NativeField)[]} */
      const invalid = [];
      for (const el of Array.from(this.querySelectorAll("*"))) {
        if (el instanceof CrowdElement && el !== this) {
          if (!el.validate()) invalid.push(el);
        } else if (isNativeField(el)) {
          const field = /** @type {NativeField} */ (el);
          if (!field.disabled && !field.checkValidity()) {
            setNativeError(field, field.validationMessage || "Please check this field.");
            invalid.push(field);
          } else clearNativeError(field);
        }
      }
      const first = invalid[0];
      if (first) {
        this.setStatus(invalid.length === 1 ? "Please fix the highlighted field before submitting." : "Please fix the " + invalid.length + " highlighted fields before submitting.");
        if (first instanceof CrowdElement) first.focusInvalid();
        else first.focus();
        return false;
      }
      this.setStatus("");
      return true;
    }

    /** @param {string} message @param {"error" | "info"} [kind] */
    setStatus(message, kind) {
      if (!this._status) return;
      this._status.textContent = message;
      this._status.setAttribute("data-kind", kind || "error");
    }

    /** Validates, fires a cancelable "submit" event on crowd-form, then posts. */
    requestSubmit() {
      if (this._submitting) return;
      if (REVIEW) {
        this.setStatus(REVIEW_NOTE + ".", "info");
        return;
      }
      if (PREVIEW) {
        this.setStatus(PREVIEW_NOTE + ".", "info");
        return;
      }
      if (!this.validate()) return;
      const event = new Event("submit", { bubbles: true, cancelable: true });
      if (!this.dispatchEvent(event)) return;
      this.submit();
    }

    /** Posts assignmentId and taskAnswers without validating (like HTMLFormElement.submit()). */
    submit() {
      if (this._submitting) return;
      if (REVIEW) {
        this.setStatus(REVIEW_NOTE + ".", "info");
        return;
      }
      if (PREVIEW) {
        this.setStatus(PREVIEW_NOTE + ".", "info");
        return;
      }
      this._submitting = true;
      const answers = JSON.stringify(this.collectAnswers());
      // A separate form, so only the two MTurk fields are posted (the wrapper form may hold named fields).
      const post = h("form", { method: "post", action: this.action, hidden: true }, [
        h("input", { type: "hidden", name: "assignmentId", value: ASSIGNMENT_ID }),
        h("input", { type: "hidden", name: "taskAnswers", value: answers }),
      ]);
      this.append(post);
      if (this._form) for (const b of Array.from(this._form.querySelectorAll('button[type="submit"], input[type="submit"]'))) /** @type {HTMLButtonElement} */ (b).disabled = true;
      this.setStatus("Submitting…", "info");
      HTMLFormElement.prototype.submit.call(post);
    }
  }

  /* ------------------------------------------------------------------ native fields inside crowd-form */

  /** @typedef {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} NativeField */

  /** @param {Element} el */
  function isNativeField(el) {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)) return false;
    if (el.hasAttribute("data-crowd-internal") || !el.name) return false;
    return !(el instanceof HTMLInputElement && /^(submit|button|reset|image|file)$/i.test(el.type));
  }

  /** Plain named fields follow HTML form submission: checked boxes only, repeated names become arrays.
   * @param {Answers} answers @param {NativeField} field */
  function addNativeAnswer(answers, field) {
    if (field.disabled) return;
    /** @type {string[]} */
    let values;
    if (field instanceof HTMLInputElement && (field.type === "checkbox" || field.type === "radio")) values = field.checked ? [field.value] : [];
    else if (field instanceof HTMLSelectElement && field.multiple) values = Array.from(field.selectedOptions).map((o) => o.value);
    else values = [field.value];
    if (field instanceof HTMLSelectElement && field.multiple) {
      answers[field.name] = values;
      return;
    }
    for (const v of values) {
      const prev = answers[field.name];
      if (prev === undefined) answers[field.name] = v;
      else answers[field.name] = (Array.isArray(prev) ? prev : [prev]).concat(v);
    }
  }

  /** @type {WeakMap<Element, HTMLElement>} */
  const nativeErrors = new WeakMap();

  /** @param {NativeField} field @param {string} message */
  function setNativeError(field, message) {
    let el = nativeErrors.get(field);
    if (!el) {
      el = h("p", { class: "crowd-error", id: nextId("error") });
      const anchor = field.closest("label") || field;
      anchor.insertAdjacentElement("afterend", el);
      nativeErrors.set(field, el);
      field.setAttribute("aria-describedby", ((field.getAttribute("aria-describedby") || "") + " " + el.id).trim());
    }
    el.textContent = message;
    el.hidden = false;
    field.setAttribute("aria-invalid", "true");
  }

  /** @param {EventTarget | null} field */
  function clearNativeError(field) {
    if (!(field instanceof Element)) return;
    const el = nativeErrors.get(field);
    if (!el || el.hidden) return;
    el.hidden = true;
    field.removeAttribute("aria-invalid");
    refreshFormStatus(field);
  }

  /** Clears crowd-form's "please fix" line once nothing in it is marked invalid any more. @param {Element} from */
  function refreshFormStatus(from) {
    const form = from.closest("crowd-form");
    if (!(form instanceof CrowdForm) || !form._status || form._status.getAttribute("data-kind") !== "error") return;
    if (!form.querySelector('[data-invalid], [aria-invalid="true"]')) form.setStatus("");
  }

  /* ------------------------------------------------------------------ crowd-button */

  class CrowdButton extends CrowdElement {
    constructor() {
      super();
      /** @type {HTMLButtonElement | null} */
      this._button = null;
    }

    render() {
      const action = (this.getAttribute("form-action") || "").toLowerCase();
      const variant = this.getAttribute("variant") || (action === "submit" ? "primary" : "normal");
      const isSubmit = action === "submit";
      const button = h("button", {
        type: isSubmit ? "submit" : action === "reset" ? "reset" : "button",
        class: "crowd-btn" + (variant === "primary" ? " crowd-btn--primary" : variant === "link" ? " crowd-btn--link" : ""),
        disabled: this.disabled || (isSubmit && PREVIEW),
        "data-crowd-internal": true,
      });
      while (this.firstChild) button.appendChild(this.firstChild);
      if (!button.textContent || !button.textContent.trim()) button.textContent = isSubmit ? "Submit" : "Button";
      this._button = button;
      if (isSubmit && PREVIEW) this.append(h("span", { class: "crowd-preview-note" }, [PREVIEW_NOTE]));
      this.append(button);
      // Works outside a <form> too (e.g. a crowd-button placed after crowd-form's content).
      if (isSubmit) {
        button.addEventListener("click", (e) => {
          if (button.form) return;
          e.preventDefault();
          const crowdForm = /** @type {CrowdForm | null} */ (document.querySelector("crowd-form"));
          if (crowdForm) crowdForm.requestSubmit();
        });
      }
    }

    static get observedAttributes() {
      return ["disabled"];
    }

    attributeChangedCallback() {
      if (this._button) this._button.disabled = this.disabled || (PREVIEW && (this.getAttribute("form-action") || "").toLowerCase() === "submit");
    }
  }

  /* ------------------------------------------------------------------ crowd-input, crowd-text-area */

  class TextFieldBase extends CrowdElement {
    constructor() {
      super();
      /** @type {HTMLInputElement | HTMLTextAreaElement | null} */
      this._control = null;
    }

    /** @returns {HTMLInputElement | HTMLTextAreaElement} */
    createControl() {
      return h("input");
    }

    render() {
      const id = nextId("field");
      const label = this.getAttribute("label");
      const control = this.createControl();
      control.id = id;
      control.className = "crowd-field__control";
      control.setAttribute("data-crowd-internal", "");
      const placeholder = this.getAttribute("placeholder");
      if (placeholder) control.placeholder = placeholder;
      if (!label) control.setAttribute("aria-label", placeholder || this.name || "Answer");
      const maxLength = parseInt(this.getAttribute("max-length") || "", 10);
      if (maxLength > 0) control.maxLength = maxLength;
      const minLength = parseInt(this.getAttribute("min-length") || "", 10);
      if (minLength > 0) control.minLength = minLength;
      if (this.required) {
        control.required = true;
        control.setAttribute("aria-required", "true");
      }
      control.disabled = this.disabled;
      control.value = this.getAttribute("value") || "";
      const wrap = h("div", { class: "crowd-field" });
      if (label) {
        wrap.append(h("label", { class: "crowd-field__label", for: id }, [label, this.required ? h("span", { class: "crowd-field__required", "aria-hidden": "true" }, ["*"]) : null]));
      }
      wrap.append(control);
      this._control = control;
      this._focusTarget = control;
      if (this.hasAttribute("char-counter")) {
        const counter = h("span", { "aria-live": "off" });
        const update = () => {
          counter.textContent = control.value.length + (maxLength > 0 ? " / " + maxLength : "") + " characters";
        };
        update();
        control.addEventListener("input", update);
        wrap.append(h("div", { class: "crowd-field__meta" }, [counter]));
      }
      this.replaceChildren(wrap);
      this.createErrorSlot(/** @type {HTMLElement} */ (wrap.lastElementChild));

      const allowed = this.getAttribute("allowed-pattern");
      if (this.hasAttribute("auto-validate") && allowed) {
        let re = /** @type {RegExp | null} */ (null);
        try {
          re = new RegExp(allowed);
        } catch (_) {
          re = null;
        }
        if (re) {
          const pattern = re;
          control.addEventListener("input", () => {
            const kept = Array.from(control.value)
              .filter((ch) => pattern.test(ch))
              .join("");
            if (kept !== control.value) control.value = kept;
          });
        }
      }
      control.addEventListener("input", () => {
        if (this.hasAttribute("data-invalid") || this.hasAttribute("auto-validate")) this.validate();
      });
      if (this.hasAttribute("auto-validate")) control.addEventListener("blur", () => this.validate());
      if (this.hasAttribute("auto-focus") && this.getAttribute("auto-focus") !== "false") control.focus();
    }

    get value() {
      return this._control ? this._control.value : this.getAttribute("value") || "";
    }

    set value(v) {
      if (this._control) this._control.value = String(v);
      else this.setAttribute("value", String(v));
    }

    /** @returns {unknown} */
    answerValue() {
      return this.value;
    }

    /** @param {unknown} value */
    showAnswer(value) {
      this.value = value === null || value === undefined ? "" : String(value);
    }

    /** @param {Answers} answers */
    contribute(answers) {
      if (!this.name || this.value === "") return; // MTurk leaves empty fields out of the output.
      answers[this.name] = this.answerValue();
    }

    validationMessage() {
      const control = this._control;
      if (!control || this.disabled) return "";
      const v = control.value;
      const custom = this.getAttribute("error-message");
      if (this.required && !v.trim()) return "This field is required.";
      if (!v) return "";
      const min = parseInt(this.getAttribute("min-length") || "", 10);
      if (min > 0 && v.length < min) return custom || "Enter at least " + min + " characters.";
      if (!control.checkValidity()) return custom || control.validationMessage;
      return "";
    }
  }

  class CrowdInput extends TextFieldBase {
    createControl() {
      const input = h("input");
      const type = (this.getAttribute("type") || "text").toLowerCase();
      try {
        input.type = type;
      } catch (_) {
        input.type = "text";
      }
      for (const attr of ["min", "max", "step", "pattern", "autocomplete", "inputmode"]) {
        const v = this.getAttribute(attr);
        if (v !== null) input.setAttribute(attr, v);
      }
      return input;
    }

    answerValue() {
      if ((this.getAttribute("type") || "").toLowerCase() === "number") {
        const n = Number(this.value);
        return this.value.trim() !== "" && Number.isFinite(n) ? n : this.value;
      }
      return this.value;
    }
  }

  class CrowdTextArea extends TextFieldBase {
    createControl() {
      const rows = parseInt(this.getAttribute("rows") || "", 10);
      const area = h("textarea", { rows: rows > 0 ? rows : 3 });
      const maxRows = parseInt(this.getAttribute("max-rows") || "", 10);
      if (maxRows > 0) area.style.maxHeight = maxRows * 1.5 + 1.2 + "em";
      return area;
    }
  }

  /* ------------------------------------------------------------------ crowd-radio-group, crowd-radio-button, crowd-checkbox */

  class CrowdRadioGroup extends CrowdElement {
    constructor() {
      super();
      /** @type {string} internal name shared by the native radios, so only one is checked */
      this.groupName = nextId("radio-group");
    }

    render() {
      this.setAttribute("role", "radiogroup");
      if (this.required) this.setAttribute("aria-required", "true");
      const items = h("div", { class: "crowd-radio-group__items" });
      while (this.firstChild) items.appendChild(this.firstChild);
      this.append(items);
      this.createErrorSlot(items);
      this.addEventListener("change", () => {
        if (this.hasAttribute("data-invalid")) this.validate();
      });
    }

    get buttons() {
      return /** @type {CrowdRadioButton[]} */ (Array.from(this.querySelectorAll("crowd-radio-button")));
    }

    /** The value of the checked button, or "". */
    get value() {
      const b = this.buttons.find((x) => x.checked);
      return b ? b.getAttribute("value") || "on" : "";
    }

    validationMessage() {
      const required = this.required || this.buttons.some((b) => b.required);
      return required && !this.buttons.some((b) => b.checked) ? "Please choose an option." : "";
    }

    focusInvalid() {
      const first = this.buttons[0];
      if (first && first._input) first._input.focus();
    }
  }

  class ToggleBase extends CrowdElement {
    constructor() {
      super();
      /** @type {HTMLInputElement | null} */
      this._input = null;
      /** @type {string} */
      this._standaloneName = "";
    }

    /** @returns {"radio" | "checkbox"} */
    get inputType() {
      return "checkbox";
    }

    /** @returns {string} */
    get inputName() {
      return "";
    }

    render() {
      const input = h("input", {
        type: this.inputType,
        "data-crowd-internal": true,
        name: this.inputName || null,
        value: this.getAttribute("value") || "on",
        "aria-required": this.required && this.inputType === "checkbox" ? "true" : null,
      });
      input.checked = this.hasAttribute("checked");
      input.disabled = this.disabled;
      const text = h("span", { class: "crowd-choice__text" });
      while (this.firstChild) text.appendChild(this.firstChild);
      if (!text.textContent || !text.textContent.trim()) {
        if (!text.children.length) input.setAttribute("aria-label", this.getAttribute("value") || this.name || "Option");
      }
      const label = h("label", { class: "crowd-choice" + (this.disabled ? " crowd-choice--disabled" : "") }, [input, text]);
      this.append(label);
      this._input = input;
      this._focusTarget = input;
      if (this.inputType === "checkbox") {
        this.createErrorSlot(label);
        input.addEventListener("change", () => {
          if (this.hasAttribute("data-invalid")) this.validate();
        });
      }
    }

    get checked() {
      return this._input ? this._input.checked : this.hasAttribute("checked");
    }

    set checked(v) {
      if (this._input) this._input.checked = !!v;
      else if (v) this.setAttribute("checked", "");
      else this.removeAttribute("checked");
    }

    get value() {
      return this.getAttribute("value") || "on";
    }

    /** @param {Answers} answers */
    contribute(answers) {
      if (!this.name) return;
      mergeFlag(answers, this.name, this.value, this.checked);
    }

    /** @param {unknown} value { [value]: checked } of every button or box sharing the name */
    showAnswer(value) {
      this.checked = !!value && typeof value === "object" && /** @type {Record<string, unknown>} */ (value)[this.value] === true;
    }
  }

  class CrowdRadioButton extends ToggleBase {
    get inputType() {
      return /** @type {"radio"} */ ("radio");
    }

    get inputName() {
      const group = this.closest("crowd-radio-group");
      if (group instanceof CrowdRadioGroup) return group.groupName;
      if (!this._standaloneName) this._standaloneName = nextId("radio");
      return this._standaloneName;
    }
  }

  class CrowdCheckbox extends ToggleBase {
    validationMessage() {
      return this.required && !this.disabled && !this.checked ? "Please check this box to continue." : "";
    }
  }

  /* ------------------------------------------------------------------ instructions (shared by tools) */

  /**
   * A block with short instructions shown in place and full instructions behind a disclosure.
   * The template's own elements are moved (not copied), so their content keeps working.
   * @param {Element[]} parts short-instructions / full-instructions elements
   */
  function buildInstructions(parts) {
    const block = h("div", { class: "crowd-instructions-block" });
    for (const part of parts) {
      if (part.tagName === "SHORT-INSTRUCTIONS") block.append(part);
    }
    for (const part of parts) {
      if (part.tagName !== "FULL-INSTRUCTIONS") continue;
      const header = part.getAttribute("header");
      const details = h("details", { class: "crowd-panel" }, [
        h("summary", null, ["View full instructions"]),
        h("div", { class: "crowd-panel__body" }, [header ? h("h3", { class: "crowd-panel__heading" }, [header]) : null, part]),
      ]);
      block.append(details);
    }
    return block;
  }

  /** @param {Element} host */
  function takeInstructions(host) {
    const parts = Array.from(host.children).filter((c) => /^(SHORT|FULL)-INSTRUCTIONS$/.test(c.tagName));
    for (const p of parts) p.remove();
    return parts.length ? buildInstructions(parts) : null;
  }

  /* ------------------------------------------------------------------ classifiers */

  /** @type {ClassifierBase[]} */
  const classifiers = [];

  class ClassifierBase extends CrowdElement {
    constructor() {
      super();
      /** @type {string[]} */
      this.categories = [];
      /** @type {HTMLInputElement[]} */
      this._inputs = [];
      /** @type {HTMLTextAreaElement | null} */
      this._comment = null;
      /** @type {string} */
      this._exclusion = "";
    }

    get multi() {
      return false;
    }

    /** @param {HTMLElement} _main */
    renderTarget(_main) {}

    render() {
      this.categories = parseStringList(this.getAttribute("categories"));
      if (this.multi) {
        const ex = parseLoose(this.getAttribute("exclusion-category"));
        if (ex && typeof ex === "object" && "text" in ex) this._exclusion = String(/** @type {{ text: unknown }} */ (ex).text);
        else if (typeof ex === "string") this._exclusion = ex;
      }
      const header = this.getAttribute("header") || "";
      const instructions = takeInstructions(this);
      const commentEl = this.querySelector(":scope > worker-comment");
      if (commentEl) commentEl.remove();

      const main = h("div", { class: "crowd-tool__main" });
      this.renderTarget(main);

      const groupName = nextId("category");
      const legendId = nextId("legend");
      const fieldset = h("fieldset", { class: "crowd-categories", "aria-labelledby": legendId });
      fieldset.append(h("legend", { class: "crowd-side__heading", id: legendId }, [this.multi ? "Choose all that apply" : "Choose a category"]));
      const all = this._exclusion ? this.categories.concat(this._exclusion) : this.categories;
      all.forEach((category, i) => {
        const input = h("input", { type: this.multi ? "checkbox" : "radio", name: groupName, value: category, "data-crowd-internal": true });
        if (this.required && !this.multi) input.required = true;
        const label = h("label", { class: "crowd-category" }, [input, h("span", { class: "crowd-category__text" }, [category]), i < 9 ? h("kbd", { "aria-hidden": "true" }, [String(i + 1)]) : null]);
        input.addEventListener("change", () => this.onChoice(input));
        fieldset.append(label);
        this._inputs.push(input);
      });
      if (this.disabled) fieldset.disabled = true;
      const side = h("aside", { class: "crowd-tool__side" }, [fieldset]);
      if (all.length > 1) {
        side.append(h("p", { class: "crowd-hint" }, ["Shortcut: press ", h("kbd", null, ["1"]), "–", h("kbd", null, [String(Math.min(9, all.length))]), this.multi ? " to toggle." : " to choose."]));
      }
      if (commentEl) {
        const id = nextId("comment");
        const area = h("textarea", { id, rows: 3, class: "crowd-field__control", "data-crowd-internal": true, placeholder: commentEl.getAttribute("placeholder") || null });
        this._comment = area;
        const linkText = commentEl.getAttribute("link-text") || commentEl.getAttribute("header") || "Add a comment";
        side.append(
          h("div", { class: "crowd-comment crowd-field" }, [
            h("label", { class: "crowd-field__label", for: id }, [linkText]),
            commentEl.textContent && commentEl.textContent.trim() ? h("p", { class: "crowd-hint" }, [commentEl.textContent.trim()]) : null,
            area,
          ]),
        );
      }

      const tool = h("section", { class: "crowd-tool" });
      if (header) tool.append(h("div", { class: "crowd-tool__header" }, [h("h2", { class: "crowd-tool__title" }, [header])]));
      if (instructions) tool.append(instructions);
      tool.append(h("div", { class: "crowd-tool__body" }, [main, side]));
      this.replaceChildren(tool);
      this.createErrorSlot(fieldset);
      this._focusTarget = this._inputs[0] || null;
      classifiers.push(this);
    }

    /** @param {HTMLInputElement} input */
    onChoice(input) {
      if (this.multi && this._exclusion) {
        const isExclusion = input.value === this._exclusion;
        if (input.checked) for (const other of this._inputs) if (other !== input && (isExclusion || other.value === this._exclusion)) other.checked = false;
      }
      for (const i of this._inputs) {
        const label = i.closest(".crowd-category");
        if (label) label.classList.toggle("crowd-category--checked", i.checked);
      }
      if (this.hasAttribute("data-invalid")) this.validate();
      this.dispatchEvent(new Event("change", { bubbles: true }));
    }

    /** Chooses (or toggles, when multi-select) the n-th category, 0-based. @param {number} n */
    choose(n) {
      const input = this._inputs[n];
      if (!input || input.disabled || this.disabled) return;
      input.checked = this.multi ? !input.checked : true;
      input.focus({ preventScroll: true });
      this.onChoice(input);
    }

    /** The chosen category ("" if none); for multi-select, the first chosen. */
    get value() {
      const chosen = this.selected;
      return chosen[0] || "";
    }

    get selected() {
      return this._inputs.filter((i) => i.checked).map((i) => i.value);
    }

    /** @param {Answers} answers */
    contribute(answers) {
      if (!this.name) return;
      const chosen = this.selected;
      /** @type {Record<string, unknown>} */
      let out;
      if (this.multi) out = { labels: chosen };
      else if (chosen.length) out = { label: chosen[0] };
      else return;
      if (this._comment && this._comment.value.trim()) out.workerComment = this._comment.value;
      answers[this.name] = out;
    }

    /** @param {unknown} value { label } or { labels }, with an optional workerComment */
    showAnswer(value) {
      const o = value && typeof value === "object" ? /** @type {Record<string, unknown>} */ (value) : {};
      const chosen = Array.isArray(o.labels) ? o.labels.map(String) : o.label !== undefined && o.label !== null ? [String(o.label)] : [];
      for (const input of this._inputs) {
        input.checked = chosen.indexOf(input.value) >= 0;
        const label = input.closest(".crowd-category");
        if (label) label.classList.toggle("crowd-category--checked", input.checked);
      }
      if (this._comment) {
        this._comment.value = typeof o.workerComment === "string" ? o.workerComment : "";
        this._comment.disabled = true;
      }
    }

    validationMessage() {
      if (this.disabled) return "";
      return this.required && !this.selected.length ? (this.multi ? "Please choose at least one category." : "Please choose a category.") : "";
    }
  }

  class CrowdClassifier extends ClassifierBase {
    /** @param {HTMLElement} main */
    renderTarget(main) {
      const target = this.querySelector(":scope > classification-target");
      const box = h("div", { class: "crowd-classifier__target" });
      if (target) box.append(target);
      // Anything else the template put inside the element stays visible above the target.
      const rest = Array.from(this.childNodes).filter((n) => n !== target);
      for (const n of rest) if (n.nodeType === 1 || (n.textContent && n.textContent.trim())) main.append(n);
      main.append(box);
    }
  }

  class CrowdClassifierMulti extends CrowdClassifier {
    get multi() {
      return true;
    }
  }

  class CrowdImageClassifier extends ClassifierBase {
    /** @param {HTMLElement} main */
    renderTarget(main) {
      const src = this.getAttribute("src") || "";
      main.append(h("img", { class: "crowd-classifier__image", src, alt: this.getAttribute("header") || "Image to classify", draggable: "false" }));
      for (const n of Array.from(this.childNodes)) if (n.nodeType === 1) main.append(n);
    }
  }

  class CrowdImageClassifierMulti extends CrowdImageClassifier {
    get multi() {
      return true;
    }
  }

  // Number keys 1..9 choose a category in the classifier that has focus, else the first one.
  document.addEventListener("keydown", (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (!/^[1-9]$/.test(e.key)) return;
    const active = document.activeElement;
    if (active && isEditable(active)) return;
    if (active && active.closest("crowd-bounding-box")) return;
    const live = classifiers.filter((c) => c.isConnected);
    const target = (active && live.find((c) => c.contains(active))) || live[0];
    if (!target) return;
    e.preventDefault();
    target.choose(Number(e.key) - 1);
  });

  /* ------------------------------------------------------------------ crowd-bounding-box */

  /** @typedef {{ label: string, left: number, top: number, width: number, height: number }} Box */

  class CrowdBoundingBox extends CrowdElement {
    constructor() {
      super();
      /** @type {Box[]} natural-pixel boxes */
      this.boxes = [];
      /** @type {string[]} */
      this.labels = [];
      this.currentLabel = "";
      /** @type {number} */
      this.selectedIndex = -1;
      this.naturalWidth = 0;
      this.naturalHeight = 0;
      this.initialValueModified = false;
      /** @type {HTMLImageElement | null} */
      this._img = null;
      /** @type {HTMLElement | null} */
      this._layer = null;
      /** @type {HTMLElement | null} */
      this._stage = null;
      /** @type {HTMLElement | null} */
      this._list = null;
      /** @type {HTMLElement | null} */
      this._count = null;
      /** @type {HTMLInputElement[]} */
      this._labelInputs = [];
      /** @type {HTMLElement | null} */
      this._live = null;
    }

    render() {
      this.labels = parseStringList(this.getAttribute("labels"));
      this.currentLabel = this.labels[0] || "";
      const header = this.getAttribute("header") || "";
      const instructions = takeInstructions(this);
      const src = this.getAttribute("src") || "";

      const img = h("img", { class: "crowd-bbox__img", src, alt: "", draggable: "false" });
      const layer = h("div", { class: "crowd-bbox__layer" });
      const stage = h(
        "div",
        {
          class: "crowd-bbox__stage",
          tabindex: "0",
          role: "application",
          "aria-roledescription": "bounding box editor",
          "aria-label": (header ? header + ". " : "") + "Drag on the image to draw a box.",
        },
        [img, layer],
      );
      this._img = img;
      this._layer = layer;
      this._stage = stage;
      this._focusTarget = stage;
      const hint = h("p", { class: "crowd-hint" }, [
        "Drag on the image to draw a box. Click a box to select it; drag to move it, drag a corner to resize. ",
        "With a box selected: arrow keys move it, ",
        h("kbd", null, ["Shift"]),
        " + arrows resize it, ",
        h("kbd", null, ["Delete"]),
        " removes it.",
      ]);
      const main = h("div", { class: "crowd-tool__main" }, [h("div", { class: "crowd-bbox__stage-wrap" }, [stage]), hint]);
      for (const n of Array.from(this.childNodes)) if (n.nodeType === 1) main.insertBefore(n, main.firstChild);

      const side = h("aside", { class: "crowd-tool__side" });
      if (this.labels.length) {
        const groupName = nextId("bbox-label");
        const legendId = nextId("legend");
        const fieldset = h("fieldset", { class: "crowd-categories", "aria-labelledby": legendId }, [h("legend", { class: "crowd-side__heading", id: legendId }, ["Label"])]);
        this.labels.forEach((label, i) => {
          const input = h("input", { type: "radio", name: groupName, value: label, "data-crowd-internal": true, disabled: this.disabled });
          input.checked = i === 0;
          input.addEventListener("change", () => this.setLabel(label));
          fieldset.append(
            h("label", { class: "crowd-category" + (i === 0 ? " crowd-category--checked" : "") }, [
              input,
              h("span", { class: "crowd-category__swatch", style: "background:" + this.colorFor(label) }),
              h("span", { class: "crowd-category__text" }, [label]),
              i < 9 ? h("kbd", { "aria-hidden": "true" }, [String(i + 1)]) : null,
            ]),
          );
          this._labelInputs.push(input);
        });
        side.append(fieldset);
      }
      const count = h("span");
      this._count = count;
      side.append(h("h3", { class: "crowd-side__heading", style: "margin-top:18px" }, ["Boxes ", count]));
      const list = h("ul", { class: "crowd-bbox__list", "aria-label": "Boxes drawn" });
      this._list = list;
      side.append(list);
      this._live = h("p", { class: "crowd-visually-hidden", "aria-live": "polite" });
      side.append(this._live);

      const tool = h("section", { class: "crowd-tool crowd-bbox" });
      if (header) tool.append(h("div", { class: "crowd-tool__header" }, [h("h2", { class: "crowd-tool__title" }, [header])]));
      if (instructions) tool.append(instructions);
      tool.append(h("div", { class: "crowd-tool__body" }, [main, side]));
      this.replaceChildren(tool);
      this.createErrorSlot(list);

      const initial = parseLoose(this.getAttribute("initial-value"));
      if (Array.isArray(initial)) {
        for (const b of initial) {
          if (!b || typeof b !== "object") continue;
          const o = /** @type {Record<string, unknown>} */ (b);
          this.boxes.push({
            label: String(o.label !== undefined && o.label !== null ? o.label : this.currentLabel),
            left: Number(o.left) || 0,
            top: Number(o.top) || 0,
            width: Number(o.width) || 0,
            height: Number(o.height) || 0,
          });
        }
      }

      const onLoad = () => {
        this.naturalWidth = img.naturalWidth;
        this.naturalHeight = img.naturalHeight;
        this.redraw();
      };
      if (img.complete && img.naturalWidth) onLoad();
      else img.addEventListener("load", onLoad);
      this.redraw();
      this.bindPointer(stage);
      this.bindKeys(stage);
    }

    /** @param {string} label */
    colorFor(label) {
      const i = this.labels.indexOf(label);
      return LABEL_COLORS[(i < 0 ? 0 : i) % LABEL_COLORS.length] || "#2f6fed";
    }

    /** @param {string} label */
    setLabel(label) {
      this.currentLabel = label;
      this._labelInputs.forEach((input) => {
        input.checked = input.value === label;
        const l = input.closest(".crowd-category");
        if (l) l.classList.toggle("crowd-category--checked", input.checked);
      });
      const selected = this.boxes[this.selectedIndex];
      if (selected && selected.label !== label) {
        selected.label = label;
        this.changed();
      }
    }

    /** Natural pixels per CSS pixel, from the image's displayed size. */
    scale() {
      const img = this._img;
      if (!img || !this.naturalWidth) return { sx: 1, sy: 1, rect: img ? img.getBoundingClientRect() : new DOMRect() };
      const rect = img.getBoundingClientRect();
      return { sx: this.naturalWidth / (rect.width || 1), sy: this.naturalHeight / (rect.height || 1), rect };
    }

    /** @param {PointerEvent} e */
    pointToNatural(e) {
      const { sx, sy, rect } = this.scale();
      return { x: clamp((e.clientX - rect.left) * sx, 0, this.naturalWidth), y: clamp((e.clientY - rect.top) * sy, 0, this.naturalHeight) };
    }

    /** @param {HTMLElement} stage */
    bindPointer(stage) {
      /** @type {null | { mode: "draw" | "move" | "resize", start: { x: number, y: number }, orig: Box | null, corner: string, index: number, moved: boolean }} */
      let drag = null;
      /** @type {HTMLElement | null} */
      let draft = null;

      stage.addEventListener("pointerdown", (e) => {
        if (e.button !== 0 || this.disabled || !this.naturalWidth) return;
        e.preventDefault();
        stage.focus({ preventScroll: true });
        const start = this.pointToNatural(e);
        const t = /** @type {Element} */ (e.target);
        const handle = t.closest(".crowd-bbox__handle");
        const boxEl = t.closest(".crowd-bbox__box");
        if (boxEl instanceof HTMLElement && boxEl.dataset.index !== undefined) {
          const index = Number(boxEl.dataset.index);
          this.select(index);
          const box = this.boxes[index];
          drag = {
            mode: handle ? "resize" : "move",
            start,
            orig: box ? Object.assign({}, box) : null,
            corner: handle instanceof HTMLElement ? handle.dataset.corner || "se" : "",
            index,
            moved: false,
          };
        } else {
          this.select(-1);
          drag = { mode: "draw", start, orig: null, corner: "", index: -1, moved: false };
          draft = h("div", { class: "crowd-bbox__box crowd-bbox__box--draft" });
          draft.style.setProperty("--box-color", this.colorFor(this.currentLabel));
          if (this._layer) this._layer.append(draft);
          this.place(draft, { label: "", left: start.x, top: start.y, width: 0, height: 0 });
        }
        stage.setPointerCapture(e.pointerId);
      });

      stage.addEventListener("pointermove", (e) => {
        if (!drag) return;
        const p = this.pointToNatural(e);
        const dx = p.x - drag.start.x;
        const dy = p.y - drag.start.y;
        if (Math.abs(dx) > 0 || Math.abs(dy) > 0) drag.moved = true;
        if (drag.mode === "draw" && draft) {
          this.place(draft, rectFrom(drag.start, p, ""));
        } else if (drag.orig) {
          const o = drag.orig;
          const box = this.boxes[drag.index];
          if (!box) return;
          if (drag.mode === "move") {
            box.left = clamp(o.left + dx, 0, this.naturalWidth - o.width);
            box.top = clamp(o.top + dy, 0, this.naturalHeight - o.height);
          } else {
            let x1 = o.left,
              y1 = o.top,
              x2 = o.left + o.width,
              y2 = o.top + o.height;
            if (drag.corner.indexOf("w") >= 0) x1 = p.x;
            if (drag.corner.indexOf("e") >= 0) x2 = p.x;
            if (drag.corner.indexOf("n") >= 0) y1 = p.y;
            if (drag.corner.indexOf("s") >= 0) y2 = p.y;
            const r = rectFrom({ x: x1, y: y1 }, { x: x2, y: y2 }, box.label);
            Object.assign(box, r);
          }
          this.redraw();
        }
      });

      const finish = (/** @type {PointerEvent} */ e) => {
        if (!drag) return;
        const d = drag;
        drag = null;
        if (stage.hasPointerCapture(e.pointerId)) stage.releasePointerCapture(e.pointerId);
        if (d.mode === "draw") {
          if (draft) draft.remove();
          draft = null;
          const p = this.pointToNatural(e);
          const r = rectFrom(d.start, p, this.currentLabel);
          const { sx, sy } = this.scale();
          // Ignore clicks: a box needs at least 3 screen pixels each way.
          if (r.width / sx >= 3 && r.height / sy >= 3) {
            // Not selected afterwards: the label picker then sets the next box's label, not this one's.
            this.boxes.push(r);
            this.changed();
            this.announce("Added " + (r.label || "a") + " box.");
          }
        } else if (d.moved) this.changed();
      };
      stage.addEventListener("pointerup", finish);
      stage.addEventListener("pointercancel", finish);
    }

    /** @param {HTMLElement} stage */
    bindKeys(stage) {
      stage.addEventListener("keydown", (e) => {
        if (this.disabled) return;
        if (/^[1-9]$/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
          const label = this.labels[Number(e.key) - 1];
          if (label !== undefined) {
            e.preventDefault();
            this.setLabel(label);
          }
          return;
        }
        const box = this.boxes[this.selectedIndex];
        if (!box) return;
        const { sx, sy } = this.scale();
        const stepX = Math.max(1, sx),
          stepY = Math.max(1, sy);
        /** @type {Record<string, [number, number]>} */
        const dirs = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
        const dir = dirs[e.key];
        if (dir) {
          e.preventDefault();
          if (e.shiftKey) {
            box.width = clamp(box.width + dir[0] * stepX, 1, this.naturalWidth - box.left);
            box.height = clamp(box.height + dir[1] * stepY, 1, this.naturalHeight - box.top);
          } else {
            box.left = clamp(box.left + dir[0] * stepX, 0, this.naturalWidth - box.width);
            box.top = clamp(box.top + dir[1] * stepY, 0, this.naturalHeight - box.height);
          }
          this.changed();
        } else if (e.key === "Delete" || e.key === "Backspace") {
          e.preventDefault();
          this.remove_(this.selectedIndex);
        } else if (e.key === "Escape") {
          this.select(-1);
        }
      });
    }

    /** @param {string} text */
    announce(text) {
      if (this._live) this._live.textContent = text;
    }

    /** @param {number} index */
    select(index) {
      this.selectedIndex = index;
      const box = this.boxes[index];
      if (box && box.label && this.labels.indexOf(box.label) >= 0 && box.label !== this.currentLabel) {
        this.currentLabel = box.label;
        this._labelInputs.forEach((input) => {
          input.checked = input.value === box.label;
          const l = input.closest(".crowd-category");
          if (l) l.classList.toggle("crowd-category--checked", input.checked);
        });
      }
      this.redraw();
    }

    /** Deletes the box at `index`. @param {number} index */
    remove_(index) {
      const box = this.boxes[index];
      if (!box) return;
      this.boxes.splice(index, 1);
      this.selectedIndex = -1;
      this.changed();
      this.announce("Deleted " + (box.label || "") + " box.");
    }

    changed() {
      this.initialValueModified = true;
      this.redraw();
      if (this.hasAttribute("data-invalid")) this.validate();
      this.dispatchEvent(new Event("change", { bubbles: true }));
    }

    /** @param {HTMLElement} el @param {Box} box */
    place(el, box) {
      const w = this.naturalWidth || 1,
        hgt = this.naturalHeight || 1;
      el.style.left = (box.left / w) * 100 + "%";
      el.style.top = (box.top / hgt) * 100 + "%";
      el.style.width = (box.width / w) * 100 + "%";
      el.style.height = (box.height / hgt) * 100 + "%";
    }

    redraw() {
      const layer = this._layer,
        list = this._list;
      if (!layer || !list) return;
      layer.replaceChildren();
      list.replaceChildren();
      this.boxes.forEach((box, i) => {
        const color = this.colorFor(box.label);
        const selected = i === this.selectedIndex;
        const el = h("div", { class: "crowd-bbox__box" + (selected ? " crowd-bbox__box--selected" : "") + (box.top < 20 * this.scale().sy ? " crowd-bbox__box--top" : ""), "data-index": String(i) });
        el.style.setProperty("--box-color", color);
        if (box.label) el.append(h("span", { class: "crowd-bbox__tag" }, [box.label]));
        if (selected) for (const c of ["nw", "ne", "sw", "se"]) el.append(h("span", { class: "crowd-bbox__handle", "data-corner": c }));
        if (this.naturalWidth) {
          this.place(el, box);
          layer.append(el);
        }
        const r = roundBox(box);
        const item = h("li", { class: "crowd-bbox__item" + (selected ? " crowd-bbox__item--selected" : "") }, [
          h(
            "button",
            {
              type: "button",
              class: "crowd-bbox__select",
              "data-crowd-internal": true,
              "aria-pressed": selected ? "true" : "false",
              "aria-label": "Select box " + (i + 1) + (box.label ? ", " + box.label : ""),
            },
            [
              h("span", { class: "crowd-category__swatch", style: "background:" + color }),
              h("span", null, [box.label || "Box " + (i + 1)]),
              h("span", { class: "crowd-bbox__coords" }, [r.width + "×" + r.height]),
            ],
          ),
          h(
            "button",
            {
              type: "button",
              class: "crowd-btn crowd-btn--small crowd-btn--danger",
              "data-crowd-internal": true,
              disabled: this.disabled,
              "aria-label": "Delete box " + (i + 1) + (box.label ? " (" + box.label + ")" : ""),
            },
            ["Delete"],
          ),
        ]);
        const [selectBtn, deleteBtn] = /** @type {HTMLButtonElement[]} */ (Array.from(item.querySelectorAll("button")));
        if (selectBtn)
          selectBtn.addEventListener("click", () => {
            this.select(i);
            if (this._stage) this._stage.focus({ preventScroll: true });
          });
        if (deleteBtn) deleteBtn.addEventListener("click", () => this.remove_(i));
        list.append(item);
      });
      if (!this.boxes.length) list.append(h("li", { class: "crowd-bbox__empty" }, ["No boxes yet."]));
      if (this._count) this._count.textContent = "(" + this.boxes.length + ")";
    }

    /** The element's answer: boxes in the image's natural pixels (integers). */
    get value() {
      /** @type {Record<string, unknown>} */
      const out = {
        boundingBoxes: this.boxes.map((b) => {
          const r = roundBox(b);
          return { height: r.height, label: b.label, left: r.left, top: r.top, width: r.width };
        }),
        inputImageProperties: { height: this.naturalHeight, width: this.naturalWidth },
      };
      if (this.hasAttribute("initial-value")) out.initialValueModified = this.initialValueModified;
      return out;
    }

    /** @param {Answers} answers */
    contribute(answers) {
      if (this.name) answers[this.name] = this.value;
    }

    /** @param {unknown} value { boundingBoxes: [{ label, left, top, width, height }] } */
    showAnswer(value) {
      const o = value && typeof value === "object" ? /** @type {Record<string, unknown>} */ (value) : {};
      const boxes = Array.isArray(o.boundingBoxes) ? o.boundingBoxes : [];
      this.boxes = boxes
        .filter((b) => b && typeof b === "object")
        .map((b) => {
          const r = /** @type {Record<string, unknown>} */ (b);
          return {
            label: String(r.label !== undefined && r.label !== null ? r.label : ""),
            left: Number(r.left) || 0,
            top: Number(r.top) || 0,
            width: Number(r.width) || 0,
            height: Number(r.height) || 0,
          };
        });
      this.selectedIndex = -1;
      this.redraw();
    }

    validationMessage() {
      return this.required && !this.disabled && !this.boxes.length ? "Please draw at least one box." : "";
    }
  }

  /** @param {{ x: number, y: number }} a @param {{ x: number, y: number }} b @param {string} label @returns {Box} */
  function rectFrom(a, b, label) {
    return { label, left: Math.min(a.x, b.x), top: Math.min(a.y, b.y), width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) };
  }

  /** Integer box: edges rounded, so left + width stays where the drawn right edge was. @param {Box} b */
  function roundBox(b) {
    const left = Math.round(b.left),
      top = Math.round(b.top);
    return { left, top, width: Math.round(b.left + b.width) - left, height: Math.round(b.top + b.height) - top };
  }

  /* ------------------------------------------------------------------ crowd-instructions, crowd-alert, crowd-card */

  class CrowdInstructions extends CrowdElement {
    render() {
      const pick = (/** @type {string} */ tag) => Array.from(this.querySelectorAll(":scope > " + tag));
      const summary = pick("short-summary");
      const detailed = pick("detailed-instructions");
      const positive = pick("positive-example");
      const negative = pick("negative-example");
      const known = new Set([...summary, ...detailed, ...positive, ...negative]);
      const rest = Array.from(this.childNodes).filter((n) => !known.has(/** @type {Element} */ (n)));

      const body = h("div", { class: "crowd-panel__body" }, [...summary, ...detailed, ...rest]);
      if (positive.length || negative.length) {
        const examples = h("div", { class: "crowd-instructions__examples" });
        if (positive.length) examples.append(h("div", { class: "crowd-example crowd-example--positive" }, [h("h4", null, ["Good examples"]), ...positive]));
        if (negative.length) examples.append(h("div", { class: "crowd-example crowd-example--negative" }, [h("h4", null, ["Bad examples"]), ...negative]));
        body.append(examples);
      }
      const details = h("details", { class: "crowd-panel" }, [h("summary", null, [this.getAttribute("link-text") || "Instructions"]), body]);
      if (this.hasAttribute("open") || this.getAttribute("initially-open") === "true") details.open = true;
      this.replaceChildren(details);
    }
  }

  class CrowdAlert extends CrowdElement {
    render() {
      const type = (this.getAttribute("type") || "info").toLowerCase();
      const content = h("div", { class: "crowd-alert__content" });
      while (this.firstChild) content.appendChild(this.firstChild);
      const box = h("div", { class: "crowd-alert crowd-alert--" + type, role: type === "error" || type === "warning" ? "alert" : "status" }, [content]);
      if (this.hasAttribute("dismissible")) {
        const close = h("button", { type: "button", class: "crowd-alert__close", "aria-label": "Dismiss", "data-crowd-internal": true }, ["×"]);
        close.addEventListener("click", () => {
          this.hidden = true;
        });
        box.append(close);
      }
      this.append(box);
    }
  }

  class CrowdCard extends CrowdElement {
    render() {
      const content = h("div", { class: "crowd-card__content" });
      while (this.firstChild) content.appendChild(this.firstChild);
      const image = this.getAttribute("image");
      const heading = this.getAttribute("heading");
      this.append(
        h("div", { class: "crowd-card" }, [
          image ? h("img", { class: "crowd-card__image", src: image, alt: "" }) : null,
          heading ? h("h3", { class: "crowd-card__heading" }, [heading]) : null,
          content,
        ]),
      );
    }
  }

  /* ------------------------------------------------------------------ registration */

  /** @type {[string, CustomElementConstructor][]} */
  const definitions = [
    ["crowd-form", CrowdForm],
    ["crowd-button", CrowdButton],
    ["crowd-input", CrowdInput],
    ["crowd-text-area", CrowdTextArea],
    ["crowd-radio-group", CrowdRadioGroup],
    ["crowd-radio-button", CrowdRadioButton],
    ["crowd-checkbox", CrowdCheckbox],
    ["crowd-classifier", CrowdClassifier],
    ["crowd-classifier-multi-select", CrowdClassifierMulti],
    ["crowd-image-classifier", CrowdImageClassifier],
    ["crowd-image-classifier-multi-select", CrowdImageClassifierMulti],
    ["crowd-bounding-box", CrowdBoundingBox],
    ["crowd-instructions", CrowdInstructions],
    ["crowd-alert", CrowdAlert],
    ["crowd-card", CrowdCard],
  ];
  for (const [tag, ctor] of definitions) if (!customElements.get(tag)) customElements.define(tag, ctor);
})();
