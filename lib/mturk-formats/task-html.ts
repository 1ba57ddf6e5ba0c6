import { escapeHtml } from "@/lib/mturk-formats/escape";

/**
 * Requesters' task HTML as HITdesk serves it. MTurk designs point at MTurk's own
 * externalSubmit endpoints and at the crowd-html-elements script on AWS; both are redirected
 * to HITdesk (the form to this assignment's submit URL, the script to the offline copy), in the
 * markup and, for forms built or retargeted by script, at submit time.
 */
/** MTurk's assignmentId while a worker previews a HIT. */
export const PREVIEW_ASSIGNMENT_ID = "ASSIGNMENT_ID_NOT_AVAILABLE";

const MTURK_SUBMIT = /https?:\/\/(?:www\.mturk\.com|workersandbox\.mturk\.com)\/mturk\/externalSubmit/gi;
const CROWD_ELEMENTS = /https:\/\/assets\.crowd\.aws\/crowd-html-elements\.js/gi;

export function crowdElementsUrl(origin: string): string {
  return `${origin}/task-assets/crowd-html-elements.js`;
}

export function prepareTaskHtml(html: string, options: { origin: string; submitUrl: string | null }): string {
  const submitUrl = options.submitUrl ?? "about:blank#preview";
  const rewritten = html.replace(MTURK_SUBMIT, submitUrl).replace(CROWD_ELEMENTS, crowdElementsUrl(options.origin));
  const guard = `<script>(function(){var S=${JSON.stringify(submitUrl)},P=${JSON.stringify(PREVIEW_ASSIGNMENT_ID)};
function fix(f){if(f&&/\\/mturk\\/externalSubmit\\/?$/i.test(f.action||"")&&f.action!==S)f.action=S;}
document.addEventListener("submit",function(e){fix(e.target);},true);
var submit=HTMLFormElement.prototype.submit;HTMLFormElement.prototype.submit=function(){fix(this);return submit.call(this);};
})();</script>`;
  // As early as possible, so the guard runs before the requester's own scripts.
  const head = /<head[^>]*>/i.exec(rewritten);
  if (head) return rewritten.slice(0, head.index + head[0].length) + guard + rewritten.slice(head.index + head[0].length);
  const doctype = /^\s*<!doctype[^>]*>/i.exec(rewritten);
  if (doctype) return doctype[0] + guard + rewritten.slice(doctype[0].length);
  return guard + rewritten;
}

/**
 * The origins a task document lives under: `self` is the origin the browser reached HITdesk by
 * (its task assets and submit endpoint are fetched from there), `ancestors` the pages allowed to
 * frame it: that same origin and the configured HITDESK_URL. A HITdesk reached as 127.0.0.1, as
 * localhost or by a LAN address frames its own task content under each of them.
 */
export interface TaskOrigins {
  self: string;
  ancestors: string[];
}

/**
 * The Content-Security-Policy of task content: a sandbox without same-origin (an opaque origin:
 * no cookies, no storage, no credentialed calls to HITdesk), forms only to HITdesk's task
 * endpoints, resources from https (requesters' images, fonts, libraries) and HITdesk's own
 * task assets.
 */
export function taskContentSecurityPolicy(origins: TaskOrigins): string {
  const { self, ancestors } = origins;
  return [
    "sandbox allow-scripts allow-forms",
    "default-src 'none'",
    `script-src 'unsafe-inline' 'unsafe-eval' ${self}/task-assets/ https:`,
    "style-src 'unsafe-inline' https:",
    `img-src data: blob: https: ${self}/task-assets/`,
    "media-src data: blob: https:",
    "font-src data: https:",
    "connect-src https:",
    "frame-src https:",
    `form-action ${ancestors.map((o) => `${o}/task/`).join(" ")} https:`,
    "base-uri 'none'",
    `frame-ancestors ${ancestors.join(" ")}`,
  ].join("; ");
}

/** A small page shown inside the task frame (after a submit, or instead of the task), telling the worker site what happened. */
export function taskNoticeDocument(notice: { title: string; message: string; event?: Record<string, unknown> }): string {
  const post = notice.event ? `<script>parent.postMessage(${JSON.stringify({ hitdesk: notice.event }).replace(/</g, "\\u003c")}, "*");</script>` : "";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(notice.title)}</title>
<style>body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;display:grid;place-items:center;min-height:90vh;margin:0;background:#fafaf9}
main{max-width:32rem;padding:2rem;text-align:center}h1{font-size:1.25rem;margin:0 0 .5rem}p{margin:0;color:#4b5563}</style></head>
<body><main><h1>${escapeHtml(notice.title)}</h1><p>${escapeHtml(notice.message)}</p></main>${post}</body></html>`;
}

/** A task document as served: HTML under the task CSP, never cached, never leaking its URL (it holds the token). */
export function taskResponse(html: string, status: number, origins: TaskOrigins): Response {
  return new Response(html, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": taskContentSecurityPolicy(origins),
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
      "x-content-type-options": "nosniff",
    },
  });
}
