/**
 * Hostile inputs shared by the fuzz suites (dashboard routes in e2e/fuzz-routes.spec.ts, the
 * MTurk API): bodies that are not JSON, values of the wrong type, text with NUL and other control
 * characters, huge strings, deep nesting and oversized bodies. Deterministic: the same run sends
 * the same requests, so a failure can be replayed.
 */

/** Text with every kind of control character a client can send in JSON. */
export const CONTROL_STRINGS: readonly string[] = [
  "\u0000",
  "before\u0000after",
  "\u0001\u0002\u0003",
  "bell\u0007",
  "esc\u001b[31mred",
  "form\u000cfeed",
  "vertical\u000btab",
  "unit\u001fsep",
  "%00",
  "\\u0000",
];

const FIELD_CONTROL_STRINGS = ["before\u0000after", "esc\u001b[31mred"];

/** Strings that are valid text but hostile in other ways (lone surrogates, SQL, markup, Unicode oddities). */
export const ODD_STRINGS: readonly string[] = ["", " ", "\ud800", "'; DROP TABLE users; --", "<script>alert(1)</script>", "\u202eevil", "${x}", "../../etc/passwd", "NaN"];

/** A value of every JSON type (and the numbers schemas get wrong), to put where a schema expects another. */
export const WRONG_TYPES: readonly unknown[] = [null, true, -1, 1.5, 1e308, [null], { nested: { deeper: [1, "x"] } }, "string"];

/** Request bodies that are not JSON, or JSON of the wrong shape at the top level. */
export const MALFORMED_BODIES: readonly string[] = [
  "{",
  '{"a": }',
  "{'single': 'quotes'}",
  '"unterminated',
  "NaN",
  "\u0000",
  '{"a":"\u0000"}',
  "null",
  "[]",
  "123",
  '"a string"',
  '{"__proto__": {"polluted": true}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
];

export function hugeString(bytes: number, fill = "a"): string {
  return fill.repeat(bytes);
}

/** JSON text nested `depth` levels deep: `[[[...]]]` or `{"a":{"a":...}}`. */
export function deepJson(depth: number, kind: "array" | "object" = "array"): string {
  return kind === "array" ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

/** A nested value (not text), for putting into a field. */
export function deepValue(depth: number): unknown {
  let v: unknown = "leaf";
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

/**
 * Variants of a valid body, one field spoiled at a time: each top-level field replaced by each
 * wrong type, two control strings (the check is one, in front of every schema), a huge string and
 * a deep value, or left out; every string anywhere in the body given a NUL; a NUL in a key.
 */
export function mutations(valid: Record<string, unknown>, options: { hugeBytes?: number } = {}): { label: string; body: unknown }[] {
  const out: { label: string; body: unknown }[] = [];
  const huge = hugeString(options.hugeBytes ?? 1_000_000);
  for (const key of Object.keys(valid)) {
    for (const [i, v] of WRONG_TYPES.entries()) out.push({ label: `${key}: wrong type #${i}`, body: { ...valid, [key]: v } });
    for (const s of FIELD_CONTROL_STRINGS) out.push({ label: `${key}: control string ${JSON.stringify(s)}`, body: { ...valid, [key]: s } });
    out.push({ label: `${key}: huge string`, body: { ...valid, [key]: huge } });
    out.push({ label: `${key}: deep value`, body: { ...valid, [key]: deepValue(200) } });
    const rest = { ...valid };
    delete rest[key];
    out.push({ label: `${key}: missing`, body: rest });
  }
  out.push({ label: "NUL in every string", body: withNul(valid) });
  out.push({ label: "NUL in a key", body: { ...valid, ["k\u0000"]: "v" } });
  return out;
}

/** The same value with a NUL inserted into every string (keys kept). */
export function withNul(value: unknown): unknown {
  if (typeof value === "string") return `${value}\u0000`;
  if (Array.isArray(value)) return value.map(withNul);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withNul(v)]));
  return value;
}

/**
 * Query strings for GET routes: a control character in each parameter on its own (the answer must
 * name it), then each hostile value (wrong type, invalid UTF-8, huge, SQL) in every parameter at
 * once, every parameter repeated, and malformed query syntax.
 */
export function queryVariants(names: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of names) out.push(`${name}=a%00b`, `${name}=%1B`);
  for (const v of ["-1", "1e309", "NaN", "abc", "%FF", "%E2%80%AE", "x".repeat(10_000), "'%20OR%201=1--"]) out.push(names.map((name) => `${name}=${v}`).join("&"));
  out.push(names.map((name) => `${name}=1&${name}=2&${name}=3`).join("&"));
  out.push("%00=1", "a[b][c]=1", "&&&", "=");
  return out;
}

/** Path segments to put where a route expects an id. */
export const PATH_SEGMENTS: readonly string[] = ["%00", "a%00b", "%01x", "%1B", "..%2F..%2Fetc", "x".repeat(2_000), "'%20OR%20'1'='1", "-1", "%F0%9F%92%A9", "%E2%80%AE"];
