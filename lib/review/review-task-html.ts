import { scriptJson } from "@/lib/mturk-formats/escape";
import { crowdElementsUrl } from "@/lib/mturk-formats/task-html";

/**
 * An assignment's task as the review view shows it: the HTML the worker saw with their answers
 * filled in (plain form fields by name, crowd-* elements through the offline crowd script's
 * review mode), every control disabled and nothing able to submit. The caller puts it in a
 * sandboxed srcdoc frame without allow-same-origin or allow-forms. Pure: built in the browser.
 */

const CROWD_ELEMENTS = /https:\/\/assets\.crowd\.aws\/crowd-html-elements\.js/gi;

/** Answers by field name: the parsed QuestionFormAnswers, with crowd-form's taskAnswers opened up. */
export function reviewAnswerValues(answers: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(answers ?? {})) {
    if (name === "taskAnswers" && typeof value === "string") {
      try {
        const parsed = JSON.parse(value) as unknown;
        const first = Array.isArray(parsed) ? (parsed[0] as unknown) : parsed;
        if (first && typeof first === "object" && !Array.isArray(first)) {
          Object.assign(values, first);
          continue;
        }
      } catch {
        // Not JSON: kept as a plain field below.
      }
    }
    values[name] = value;
  }
  return values;
}

/**
 * Runs in the frame: fills named fields (not the crowd script's own controls), then disables every
 * control, also those the crowd elements render later, and swallows any submit.
 */
const FILL = `(function(){var v=window.HITDESK_REVIEW_ANSWERS||{},seen={};
function values(x){if(x===null||x===undefined)return[];if(Array.isArray(x))return x.map(String);return typeof x==="object"?null:[String(x)];}
function fill(){document.querySelectorAll("input[name],textarea[name],select[name]").forEach(function(el){
if(el.hasAttribute("data-crowd-internal")||!Object.prototype.hasOwnProperty.call(v,el.name))return;var vals=values(v[el.name]);if(vals===null)return;
if(el.type==="checkbox"||el.type==="radio"){var all=[];vals.forEach(function(s){all=all.concat(s.split("|"));});el.checked=all.indexOf(el.value)>=0||vals.indexOf(el.value)>=0;}
else if(el.tagName==="SELECT"){Array.prototype.forEach.call(el.options,function(o){o.selected=vals.indexOf(o.value)>=0;});}
else if(!/^(hidden|submit|button|reset|image|file)$/i.test(el.type)){var i=seen[el.name]||0;seen[el.name]=i+1;el.value=vals.length>1&&i<vals.length?vals[i]:vals.join(", ");}});lock();}
function lock(){document.querySelectorAll("input,textarea,select,button").forEach(function(el){el.disabled=true;});}
document.addEventListener("submit",function(e){e.preventDefault();e.stopImmediatePropagation();},true);
HTMLFormElement.prototype.submit=function(){};HTMLFormElement.prototype.requestSubmit=function(){};
if(document.readyState==="loading")document.addEventListener("DOMContentLoaded",function(){fill();setTimeout(lock,0);});else fill();
addEventListener("load",lock);})();`;

/** Puts `snippet` first: after <head>, else after the doctype, else at the very start. */
function insertFirst(html: string, snippet: string): string {
  const head = /<head[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + snippet + html.slice(head.index + head[0].length);
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  if (doctype) return doctype[0] + snippet + html.slice(doctype[0].length);
  return snippet + html;
}

export function reviewTaskHtml(html: string, answers: Record<string, unknown> | null | undefined, origin: string): string {
  const values = reviewAnswerValues(answers);
  const withScript = html.replace(CROWD_ELEMENTS, crowdElementsUrl(origin));
  // Before the crowd script, which reads it when it loads.
  return insertFirst(withScript, `<script>window.HITDESK_REVIEW_ANSWERS=${scriptJson(values)};</script>`) + `<script>${FILL}</script>`;
}
