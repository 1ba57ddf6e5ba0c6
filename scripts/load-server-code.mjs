/**
 * `node --import ./scripts/load-server-code.mjs scripts/start.ts`: lets HITdesk's one server
 * process load lib/ (TypeScript) itself, without wrapper processes.
 * - tsx compiles the TypeScript;
 * - lib/ marks server code with `import "server-only"`, which throws unless resolved with React's
 *   react-server condition. That condition cannot be set for the whole process, since Next renders
 *   pages in it with React's ordinary builds: so this one package resolves to its empty module;
 * - once start-up has loaded what it needs, `globalThis[COMPILED]()` stops tsx's compiler (esbuild,
 *   a child process); should anything need compiling later, esbuild starts again.
 */
import { createRequire, register } from "node:module";
import { pathToFileURL } from "node:url";
import { MessageChannel, isMainThread } from "node:worker_threads";

const COMPILED = Symbol.for("hitdesk.serverCodeCompiled");

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  return specifier === "server-only" ? { ...resolved, url: new URL("empty.js", resolved.url).href } : resolved;
}

/** On Node's loader thread, where tsx compiles: the esbuild that tsx itself imports. */
export function initialize({ port }) {
  port.on("message", () => {
    const tsx = createRequire(import.meta.url).resolve("tsx/package.json");
    import(pathToFileURL(createRequire(tsx).resolve("esbuild")).href)
      .then((esbuild) => esbuild.stop())
      .catch((e) => console.error("Could not stop tsx's compiler (it keeps running, nothing else changes):", e));
  });
  port.unref();
}

// The hooks run on Node's loader thread, which loads this file again.
if (isMainThread) {
  await import("tsx/esm");
  const { port1, port2 } = new MessageChannel();
  register(import.meta.url, { data: { port: port2 }, transferList: [port2] });
  port1.unref();
  globalThis[COMPILED] = () => port1.postMessage("stop");
}
