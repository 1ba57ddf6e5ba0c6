/**
 * An assignment's answers as readable fields: QuestionFormAnswers parsed by the sync to
 * { identifier: value(s) }, with crowd-form's `taskAnswers` (a JSON array of objects) opened
 * up into one field per answer, e.g. `sentiment.label`. Pure, for the server and the browser.
 */
export interface AnswerField {
  name: string;
  value: string;
}

function flattenValue(name: string, value: unknown, out: AnswerField[]): void {
  if (value === null || value === undefined) out.push({ name, value: "" });
  else if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== "object" || v === null)) out.push({ name, value: value.map(String).join(", ") });
    else value.forEach((v, i) => flattenValue(value.length === 1 ? name : `${name}[${i + 1}]`, v, out));
  } else if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    // crowd-radio-group and crowd-checkbox post { on: true } per option: name the chosen ones.
    if (entries.length > 0 && entries.every(([, v]) => v && typeof v === "object" && "on" in v)) {
      out.push({
        name,
        value: entries
          .filter(([, v]) => (v as { on: unknown }).on === true)
          .map(([k]) => k)
          .join(", "),
      });
      return;
    }
    for (const [k, v] of entries) flattenValue(name ? `${name}.${k}` : k, v, out);
  } else out.push({ name, value: `${value as string | number | boolean}` });
}

export function flattenAnswers(answers: Record<string, string | string[]> | null | undefined): AnswerField[] {
  const out: AnswerField[] = [];
  for (const [name, value] of Object.entries(answers ?? {})) {
    if (name === "taskAnswers" && typeof value === "string") {
      try {
        const parsed = JSON.parse(value) as unknown;
        flattenValue("", Array.isArray(parsed) && parsed.length === 1 ? parsed[0] : parsed, out);
        continue;
      } catch {
        // Not JSON after all: shown as text below.
      }
    }
    out.push({ name, value: Array.isArray(value) ? value.join(", ") : value });
  }
  return out;
}
