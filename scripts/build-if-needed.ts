import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Next's own command line, run with this process's Node. */
export const nextBin = (root: string) => path.join(root, "node_modules", "next", "dist", "bin", "next");

const BUILD_INPUTS = ["app", "components", "lib", "public", "prisma/schema", "next.config.js", "package-lock.json", "tsconfig.json", "postcss.config.mjs", "instrumentation.ts", "proxy.ts"];

function sourceFingerprint(root: string): string {
  const hash = createHash("sha256");
  const visit = (p: string) => {
    if (!existsSync(p) || p.includes(`${path.sep}generated${path.sep}`)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) visit(path.join(p, name));
    } else {
      hash.update(`${path.relative(root, p)}:${st.size}:${st.mtimeMs}\n`);
    }
  };
  for (const input of BUILD_INPUTS) visit(path.join(root, input));
  return hash.digest("hex");
}

/** Builds HITdesk's production bundle into `root`/.next unless it was built from these very sources. */
export function buildIfNeeded(root: string): void {
  const marker = path.join(root, ".next", "hitdesk-build.txt");
  const fingerprint = sourceFingerprint(root);
  if (existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(marker) && readFileSync(marker, "utf8") === fingerprint) return;
  console.log("Building HITdesk (first start, or the sources changed)...");
  const result = spawnSync(process.execPath, [nextBin(root), "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error("The build failed; see the output above.");
  writeFileSync(marker, fingerprint);
}
