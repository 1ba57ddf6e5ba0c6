import { escapeHtml, escapeXml } from "@/lib/mturk-formats/escape";

/**
 * `${name}` placeholders in HIT designs, filled per CSV row as MTurk's requester site does.
 * Values are escaped for where they land (HTML text/attributes, or XML), so a row can never
 * inject markup into the task.
 */
const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g;

export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** Fills every placeholder; a missing value is an error naming it, never an empty string. */
export function substitute(template: string, values: Record<string, string>, escape: (v: string) => string = escapeHtml): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for placeholder \${${name}}`);
    return escape(value);
  });
}

/** CDATA cannot contain `]]>`: split it across two sections. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
}

export function htmlQuestionXml(html: string, frameHeight: number): string {
  return `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent>${cdata(html)}</HTMLContent><FrameHeight>${frameHeight}</FrameHeight></HTMLQuestion>`;
}

export function externalQuestionXml(url: string, frameHeight: number): string {
  return `<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd"><ExternalURL>${escapeXml(url)}</ExternalURL><FrameHeight>${frameHeight}</FrameHeight></ExternalQuestion>`;
}
