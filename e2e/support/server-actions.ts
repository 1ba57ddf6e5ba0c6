import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

/**
 * Calls a server action over HTTP exactly as the browser's React does: a POST to a page that
 * uses it, the action's id (from the build's server-reference-manifest) in `Next-Action`, and
 * the arguments encoded by the same React copy Next.js decodes them with. No session, role or
 * id is checked on the client, so what comes back is what the server itself allows.
 */

const require = createRequire(path.join(process.cwd(), "package.json"));
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.node.js") as {
  encodeReply: (value: unknown[]) => Promise<string | FormData>;
};

interface ManifestEntry {
  workers: Record<string, unknown>;
  filename?: string;
  exportedName?: string;
}

function manifest(): Record<string, ManifestEntry> {
  const file = path.join(process.cwd(), ".next", "server", "server-reference-manifest.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { node: Record<string, ManifestEntry> }).node;
}

/** The build's id of `name` in `file` (inline actions: `$$RSC_SERVER_ACTION_<n>`), and a page that serves it. */
export function findAction(file: string, name: string): { id: string; pages: string[] } {
  const found = Object.entries(manifest()).filter(([, e]) => e.filename === file && e.exportedName === name);
  if (found.length !== 1) throw new Error(`${file}#${name}: ${found.length} entries in the server-reference-manifest`);
  const [id, entry] = found[0]!;
  return { id, pages: Object.keys(entry.workers) };
}

/** Every action of the build: its file and exported name, to compare with the sources. */
export function builtActions(): { file: string; name: string }[] {
  return Object.values(manifest()).map((e) => ({ file: e.filename ?? "?", name: e.exportedName ?? "?" }));
}

export interface ActionOutcome {
  status: number;
  /** Where the action redirected (`x-action-redirect`, without its ";push"), if it did. */
  redirect?: string;
  /** The RSC payload: the action's returned value is in it as JSON. */
  body: string;
}

export async function callAction(request: APIRequestContext, origin: string, action: { id: string; page: string }, args: unknown[]): Promise<ActionOutcome> {
  const reply = await encodeReply(args);
  const headers: Record<string, string> = { "Next-Action": action.id, Accept: "text/x-component", Origin: origin };
  const res =
    typeof reply === "string"
      ? await request.post(action.page, { headers: { ...headers, "Content-Type": "text/plain;charset=UTF-8" }, data: reply, maxRedirects: 0 })
      : await request.post(action.page, { headers, multipart: reply, maxRedirects: 0 });
  const redirect = res.headers()["x-action-redirect"]?.split(";")[0] ?? (res.status() >= 300 && res.status() < 400 ? res.headers()["location"] : undefined);
  return { status: res.status(), redirect, body: await res.text() };
}

/** A FormData from plain fields, as a form would submit. */
export function formData(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}
