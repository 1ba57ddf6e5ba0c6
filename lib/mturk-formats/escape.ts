/**
 * The one place text is escaped for markup HITdesk builds: task pages, QuestionForm documents,
 * the review frame, placeholders, ExternalQuestion and QuestionForm XML. The one exception is
 * QuestionFormAnswers (answers.ts), whose writer must match MTurk's bytes and drop characters
 * XML cannot carry.
 */

/** Text for HTML element content or a quoted attribute value. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Text for XML element content or a quoted attribute value (ExternalQuestion, QuestionForm). */
export function escapeXml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** JSON inside <script>: no "<" (so no "</script>" or "<!--"), ">", "&" or JS line separators left raw. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
