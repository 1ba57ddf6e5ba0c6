import { z } from "zod";

/**
 * Text HITdesk accepts: any Unicode except the C0 control characters other than tab, line feed
 * and carriage return. Postgres refuses NUL in text outright (a 500 if it reaches a query), and
 * the others have no place in names, messages, XML or CSV either (XML 1.0 forbids them). Edge-safe
 * and client-safe: the proxy, route guards, server actions and form schemas share it.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

export function codePoint(ch: string): string {
  return `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Where in `value` the first refused control character is, said so a person can find it; null if none. */
export function controlCharacterProblem(value: string): string | null {
  const m = CONTROL.exec(value);
  if (!m) return null;
  const before = value.slice(0, m.index);
  const lines = before.split(/\r\n|\r|\n/);
  const where = lines.length > 1 ? `line ${lines.length}, column ${lines.at(-1)!.length + 1}` : `character ${m.index + 1}`;
  return `contains a control character (${codePoint(m[0])}) at ${where}; remove it`;
}

export interface ControlCharacterIssue {
  /** Dotted path of the field ("ops.2.reason"), or a name such as "query parameter q". */
  path: string;
  message: string;
}

const MAX_DEPTH = 64;

/**
 * The first string (value or object key) in a parsed input that holds a refused control
 * character. Walks JSON-shaped values; nesting beyond MAX_DEPTH is itself refused, so a hostile
 * body cannot make the walk expensive.
 */
export function findControlCharacter(value: unknown, path: string[] = []): ControlCharacterIssue | null {
  const at = (p: string[]) => (p.length ? p.join(".") : "body");
  if (path.length > MAX_DEPTH) return { path: at(path), message: `is nested more than ${MAX_DEPTH} levels deep` };
  if (typeof value === "string") {
    const problem = controlCharacterProblem(value);
    return problem ? { path: at(path), message: problem } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const issue = findControlCharacter(value[i], [...path, String(i)]);
      if (issue) return issue;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      const keyProblem = controlCharacterProblem(key);
      if (keyProblem) return { path: at([...path, JSON.stringify(key)]), message: `field name ${keyProblem}` };
      const issue = findControlCharacter(v, [...path, key]);
      if (issue) return issue;
    }
  }
  return null;
}

/** `z.string()` that refuses control characters other than tab and line breaks, naming where. */
export function text() {
  return z.string().superRefine((value, ctx) => {
    const problem = controlCharacterProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: `This text ${problem}` });
  });
}

/**
 * Whether a server action's argument is the plain string it claims to be. Arguments bound in a
 * page (`acceptAction.bind(null, id)`) still arrive from the browser, which can send anything.
 */
export function isPlainText(value: unknown, maxLength = 1000): value is string {
  return typeof value === "string" && value.length <= maxLength && controlCharacterProblem(value) === null;
}
