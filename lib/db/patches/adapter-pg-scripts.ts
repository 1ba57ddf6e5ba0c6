/**
 * Patches @prisma/adapter-pg (pinned; see adapter-pg-char-columns.ts) for migrations: its
 * `executeScript` splits a migration at every ";", which cuts a function body written between
 * dollar quotes (a trigger's PL/pgSQL) into pieces. This one splits only at semicolons outside
 * quotes, dollar quotes and comments, and sends the statements one by one as before.
 */

interface Scriptable {
  executeScript(script: string): Promise<void>;
  underlyingDriver(): { query(sql: string): Promise<unknown> };
  onError(error: unknown): never;
}

/** The statements of an SQL script, split at the semicolons that end them. */
export function splitSqlScript(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  /** Moves past `close`, searched from `from`; to the end when it never comes. */
  const skipTo = (close: string, from: number) => {
    const at = script.indexOf(close, from);
    i = at < 0 ? script.length : at + close.length;
  };
  while (i < script.length) {
    const c = script[i]!;
    const dollarTag = c === "$" ? /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(script.slice(i, i + 64))?.[0] : undefined;
    // A doubled quote inside a string ends it and opens the next at once: the same text.
    if (c === "'" || c === '"') skipTo(c, i + 1);
    else if (c === "-" && script[i + 1] === "-") skipTo("\n", i + 2);
    else if (c === "/" && script[i + 1] === "*") skipTo("*/", i + 2);
    else if (dollarTag) skipTo(dollarTag, i + dollarTag.length);
    else {
      if (c === ";") {
        statements.push(script.slice(start, i));
        start = i + 1;
      }
      i++;
    }
  }
  statements.push(script.slice(start));
  return statements.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** The adapter with scripts split by splitSqlScript; executeScript and onError are its own. */
export const withDollarQuotedScripts = <A>(adapter: A): A => {
  const q = adapter as unknown as Scriptable;
  q.executeScript = async (script) => {
    for (const statement of splitSqlScript(script)) {
      try {
        await q.underlyingDriver().query(statement);
      } catch (error) {
        q.onError(error);
      }
    }
  };
  return adapter;
};
