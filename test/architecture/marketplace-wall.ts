import path from "node:path";
import ts from "typescript";

/**
 * The marketplace wall (the rule is written out in lib/marketplace/admin.ts), as one pure
 * function of a file's repository path and an import specifier, so an ESLint rule can mirror
 * it. Paths are relative to the repository root, with forward slashes.
 */

/** Where the marketplace's own surfaces live: these may import any of lib/marketplace. */
const TEST_FILE = /\.(test|spec)\.tsx?$/;
const MARKETPLACE_SIDE = [/^lib\/marketplace\//, /^app\/api\/mturk\//, /^app\/worker\//, /^app\/task\//, /^instrumentation\.ts$/, /^(scripts|bench|e2e|test)\//, TEST_FILE];
/** What everything else may import of the marketplace: its control plane and that plane's input schemas. */
const CONTROL_PLANE = new Set(["lib/marketplace/admin", "lib/marketplace/admin-inputs"]);
const FORMATS = "lib/mturk-formats/";

/** The repository path a specifier names, or null for a package. */
export function importTarget(file: string, specifier: string): string | null {
  let target: string;
  if (specifier.startsWith("@/")) target = specifier.slice(2);
  else if (specifier.startsWith(".")) target = path.posix.join(path.posix.dirname(file), specifier);
  else return null;
  return target.replace(/\.(tsx?|mts|mjs|js)$/, "").replace(/\/index$/, "");
}

/** Why `file` may not import `specifier`, or null when it may. */
export function wallViolation(file: string, specifier: string): string | null {
  const target = importTarget(file, specifier);
  if (file.startsWith(FORMATS) && !TEST_FILE.test(file) && !(target === null || target.startsWith(FORMATS))) {
    return "lib/mturk-formats is pure and shared: outside its tests it imports only itself and packages";
  }
  if (target === null || !(target === "lib/marketplace" || target.startsWith("lib/marketplace/"))) return null;
  if (MARKETPLACE_SIDE.some((side) => side.test(file)) || CONTROL_PLANE.has(target)) return null;
  return "outside the marketplace, import only @/lib/marketplace/admin (or admin-inputs); use the MTurk API (lib/mturk) for the rest";
}

/** Every module specifier of a source file: static imports, re-exports, dynamic import() and require(). */
export function importSpecifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

export interface WallBreach {
  file: string;
  specifier: string;
  reason: string;
}

export function wallBreaches(file: string, source: string): WallBreach[] {
  return importSpecifiers(source).flatMap((specifier) => {
    const reason = wallViolation(file, specifier);
    return reason ? [{ file, specifier, reason }] : [];
  });
}
