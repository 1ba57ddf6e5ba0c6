import { pick, randomInt, type Random } from "@/lib/marketplace/simulation/profiles";

/** What a free-text field accepts, from HTML attributes or a QuestionForm's constraints. */
export interface TextRules {
  name: string;
  /** An input type (text, number, email, date, ...), "textarea" or "number" for IsNumeric. */
  type: string;
  min?: number;
  max?: number;
  step?: number;
  minLength?: number;
  maxLength?: number;
  /** Must match the whole answer. */
  patterns: RegExp[];
}

const WORDS = [
  "clear",
  "image",
  "shows",
  "small",
  "red",
  "car",
  "near",
  "the",
  "street",
  "person",
  "walking",
  "dog",
  "park",
  "sign",
  "text",
  "blurry",
  "bright",
  "photo",
  "of",
  "a",
  "building",
  "with",
  "two",
  "windows",
  "tree",
  "label",
  "looks",
  "correct",
  "seems",
  "mostly",
  "positive",
  "negative",
  "neutral",
  "review",
  "product",
  "works",
  "well",
  "arrived",
  "late",
  "quality",
  "good",
  "price",
  "fair",
  "would",
  "buy",
  "again",
  "not",
  "sure",
  "about",
  "this",
  "one",
  "background",
  "left",
  "right",
  "corner",
  "very",
  "easy",
  "task",
  "instructions",
  "were",
  "helpful",
  "short",
  "sentence",
  "describes",
  "scene",
  "kitchen",
  "table",
];

const phrase = (random: Random, min: number, max: number) => Array.from({ length: randomInt(random, min, max) }, () => pick(random, WORDS)).join(" ");

function sentence(random: Random): string {
  const s = phrase(random, 6, 14);
  return s[0]!.toUpperCase() + s.slice(1) + ".";
}

const ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const code = (random: Random, length: number) => Array.from({ length }, () => ALNUM[Math.floor(random() * ALNUM.length)]).join("");

const pad2 = (n: number) => String(n).padStart(2, "0");

function numberIn(random: Random, min: number, max: number, step: number): string {
  const steps = Math.max(0, Math.floor((max - min) / step + 1e-9));
  const value = min + step * randomInt(random, 0, steps);
  // Keep the step's precision, so 0.1 steps read 2.3 rather than 2.3000000000000003.
  const decimals = Math.max(0, (String(step).split(".")[1] ?? "").length, (String(min).split(".")[1] ?? "").length);
  return value.toFixed(decimals);
}

function numericBounds(rules: TextRules): { min: number; max: number; step: number } {
  const step = rules.step && rules.step > 0 ? rules.step : 1;
  const n = rules.name.toLowerCase();
  const [lo, hi] = /age/.test(n) ? [18, 70] : /year/.test(n) ? [1960, 2024] : rules.type === "range" ? [0, 100] : [1, 10];
  const min = rules.min ?? (rules.max !== undefined ? Math.min(lo, rules.max) : lo);
  const max = rules.max ?? Math.max(hi, min);
  return { min, max: Math.max(min, max), step };
}

/** A first guess from the field's type and name, before length and pattern rules. */
function guess(random: Random, rules: TextRules): string {
  const n = rules.name.toLowerCase();
  switch (rules.type) {
    case "number":
    case "range": {
      const b = numericBounds(rules);
      return numberIn(random, b.min, b.max, b.step);
    }
    case "email":
      return `${pick(random, WORDS)}.${pick(random, WORDS)}${randomInt(random, 10, 99)}@example.com`;
    case "url":
      return `https://example.com/${pick(random, WORDS)}`;
    case "tel":
      return `555-01${pad2(randomInt(random, 0, 99))}`;
    case "date":
      return `${randomInt(random, 2015, 2025)}-${pad2(randomInt(random, 1, 12))}-${pad2(randomInt(random, 1, 28))}`;
    case "month":
      return `${randomInt(random, 2015, 2025)}-${pad2(randomInt(random, 1, 12))}`;
    case "time":
      return `${pad2(randomInt(random, 0, 23))}:${pad2(randomInt(random, 0, 59))}`;
    case "datetime-local":
      return `${randomInt(random, 2015, 2025)}-${pad2(randomInt(random, 1, 12))}-${pad2(randomInt(random, 1, 28))}T${pad2(randomInt(random, 0, 23))}:${pad2(randomInt(random, 0, 59))}`;
    case "color":
      return `#${Math.floor(random() * 0x1000000)
        .toString(16)
        .padStart(6, "0")}`;
  }
  if (/e-?mail/.test(n)) return `${pick(random, WORDS)}${randomInt(random, 10, 99)}@example.com`;
  if (/url|link|website/.test(n)) return `https://example.com/${pick(random, WORDS)}`;
  if (/code|token|key|(^|_)id$/.test(n)) return code(random, 8);
  if (/(^|_)(age|count|number|num|qty|quantity|year|rating|score)(_|$)/.test(n)) {
    const b = numericBounds(rules);
    return numberIn(random, b.min, b.max, b.step);
  }
  if (rules.type === "textarea" || /comment|feedback|descri|explain|reason|summary|transcri|note|why|text/.test(n)) {
    return Array.from({ length: randomInt(random, 1, rules.type === "textarea" ? 3 : 1) }, () => sentence(random)).join(" ");
  }
  return phrase(random, 1, 4);
}

function fitLength(random: Random, text: string, rules: TextRules): string {
  let out = text;
  while (rules.minLength !== undefined && out.length < rules.minLength) out += ` ${pick(random, WORDS)}`;
  if (rules.maxLength !== undefined && out.length > rules.maxLength) out = out.slice(0, rules.maxLength).trimEnd() || out.slice(0, rules.maxLength);
  return out;
}

export function satisfies(text: string, rules: TextRules): boolean {
  if (rules.minLength !== undefined && text.length < rules.minLength) return false;
  if (rules.maxLength !== undefined && text.length > rules.maxLength) return false;
  if (rules.type === "number" || rules.type === "range") {
    const n = Number(text);
    if (text.trim() === "" || !Number.isFinite(n)) return false;
    if ((rules.min !== undefined && n < rules.min) || (rules.max !== undefined && n > rules.max)) return false;
  }
  return rules.patterns.every((p) => p.test(text));
}

/** Other shapes of answer, tried in turn when a pattern refuses the first guess. */
function* alternatives(random: Random, rules: TextRules): Generator<string> {
  for (let length = 1; length <= 12; length++) {
    yield code(random, length);
    yield code(random, length).toLowerCase();
    yield Array.from({ length }, () => randomInt(random, 0, 9)).join("");
  }
  for (let i = 0; i < 8; i++) yield phrase(random, 1, 3);
  yield "yes";
  yield "no";
  yield sentence(random);
  for (const type of ["email", "url", "date", "tel", "number"]) yield guess(random, { ...rules, type });
}

/** Plausible input for a free-text field: its type, name and constraints decide the shape. */
export function plausibleText(random: Random, rules: TextRules): string {
  const first = fitLength(random, guess(random, rules), rules);
  if (satisfies(first, rules)) return first;
  for (const candidate of alternatives(random, rules)) {
    const fitted = fitLength(random, candidate, rules);
    if (satisfies(fitted, rules)) return fitted;
  }
  // Nothing generic fits this pattern: a person would type something, and be told off by it.
  return first;
}

/** Plausible input that is not `avoid` (a wrong answer to a field with gold). */
export function plausibleTextOtherThan(random: Random, rules: TextRules, avoid: string): string {
  const same = (t: string) => t.trim().toLowerCase() === avoid.trim().toLowerCase() || (rules.type === "number" && Number(t) === Number(avoid));
  for (let attempt = 0; attempt < 8; attempt++) {
    const text = plausibleText(random, rules);
    if (!same(text)) return text;
  }
  const widened = plausibleText(random, { ...rules, min: undefined, max: undefined, patterns: [] });
  return same(widened) ? `${avoid} ${pick(random, WORDS)}` : widened;
}

/** A pattern as a whole-answer RegExp; undefined when JavaScript cannot read it. */
export function fullMatch(pattern: string, flags = ""): RegExp | undefined {
  const allowed = [...new Set(flags.replace(/[^imsu]/g, ""))].join("");
  try {
    return new RegExp(`^(?:${pattern})$`, allowed);
  } catch {
    return undefined;
  }
}
