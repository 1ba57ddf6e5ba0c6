import { readFileSync } from "node:fs";
import path from "node:path";

const readManifest = (file: string) => JSON.parse(readFileSync(file, "utf8")) as { version: string; dependencies: Record<string, string> };

/** The version of `name` installed in node_modules (packages may not export their package.json). */
export const installedVersion = (name: string) => readManifest(path.join("node_modules", name, "package.json")).version;

/** The version range package.json asks for. */
export const requiredVersion = (name: string) => readManifest("package.json").dependencies[name];
