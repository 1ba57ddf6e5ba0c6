import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * The server's entry points, read from the source the way Next.js finds them, so the
 * authorization matrix (e2e/roles.spec.ts) fails when one is added without a row.
 */

const ROOT = process.cwd();
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function sourceFiles(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === "node_modules" || name === "generated" ? [] : sourceFiles(p, keep);
    return keep(name) ? [p] : [];
  });
}

/** "/api/team/members/[id]" for app/api/team/members/[id]/route.ts; route groups "(x)" leave no trace in URLs. */
function routeOf(file: string): string {
  const segments = path
    .relative(path.join(ROOT, "app"), path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return "/" + segments.join("/");
}

/** Exported names of a module: `export const X`, `export (async) function X`, `export const { X, Y } =`, `export { X, Y as Z }`. */
export function exportedNames(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]!);
  for (const m of source.matchAll(/export\s+(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/g)) names.add(m[1]!);
  for (const m of source.matchAll(/export\s+(?:const|let|var)\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(",")) {
      const name = part.split(":").at(-1)!.trim();
      if (name) names.add(name);
    }
  }
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(",")) {
      const name = part
        .split(/\s+as\s+/)
        .at(-1)!
        .trim();
      if (name) names.add(name);
    }
  }
  return [...names];
}

export interface RouteHandler {
  method: string;
  route: string;
  file: string;
}

/** Every exported HTTP method of every app/**\/route.ts (both `export const GET` and `export async function GET`). */
export function routeHandlers(): RouteHandler[] {
  return sourceFiles(path.join(ROOT, "app"), (n) => /^route\.(ts|tsx|js)$/.test(n)).flatMap((file) =>
    exportedNames(readFileSync(file, "utf8"))
      .filter((n) => HTTP_METHODS.includes(n))
      .map((method) => ({ method, route: routeOf(file), file: path.relative(ROOT, file) })),
  );
}

/** A file whose first statement is the "use server" directive (comments may come before it). */
function isServerModule(source: string): boolean {
  const code = source.replace(/^(\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*/, "");
  return /^["']use server["']/.test(code);
}

export interface ServerAction {
  /** "app/worker/actions.ts#acceptAction", or "components/shell/sign-out-button.tsx#$$RSC_SERVER_ACTION_0" for an action defined in a component. */
  key: string;
  file: string;
  /** The exported name; undefined for inline actions (Next.js names them $$RSC_SERVER_ACTION_n). */
  name?: string;
}

/** Every server action: each export of a "use server" module and each inline `"use server"` function. */
export function serverActions(): ServerAction[] {
  const files = ["app", "components", "lib"].flatMap((d) => sourceFiles(path.join(ROOT, d), (n) => /\.(ts|tsx)$/.test(n)));
  return files.flatMap((abs) => {
    const source = readFileSync(abs, "utf8");
    const file = path.relative(ROOT, abs);
    if (isServerModule(source)) {
      // Every exported value is an action (Next.js allows only async functions there, wrapped
      // ones like withWorker(...) included); exported types and interfaces are not.
      const names = [...source.matchAll(/export\s+(?:async\s+function\s+([A-Za-z_$][\w$]*)|const\s+([A-Za-z_$][\w$]*)\s*=)/g)].map((m) => m[1] ?? m[2]!);
      return names.map((name) => ({ key: `${file}#${name}`, file, name }));
    }
    const inline = [...source.matchAll(/^\s*["']use server["'];?\s*$/gm)].length;
    // Next.js names inline actions $$RSC_SERVER_ACTION_<n> in the order they appear.
    return Array.from({ length: inline }, (_, i) => ({ key: `${file}#$$RSC_SERVER_ACTION_${i}`, file }));
  });
}
