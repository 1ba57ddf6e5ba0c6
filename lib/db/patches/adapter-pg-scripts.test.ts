import { describe, expect, it } from "vitest";
import { splitSqlScript } from "./adapter-pg-scripts";

describe("splitSqlScript", () => {
  it("splits at the semicolons that end statements, not those in bodies, strings or comments", () => {
    const script = `CREATE TABLE "a;b" (x text DEFAULT 'it''s; here');
-- a comment; with a semicolon
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO t VALUES (1);
  RETURN NULL;
END $$;
/* block; comment */ CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;
SELECT '$$';`;
    const statements = splitSqlScript(script);
    expect(statements).toHaveLength(4);
    expect(statements[0]).toBe(`CREATE TABLE "a;b" (x text DEFAULT 'it''s; here')`);
    expect(statements[1]).toMatch(/^-- a comment; with a semicolon\nCREATE FUNCTION f\(\)[\s\S]*RETURN NULL;\nEND \$\$$/);
    expect(statements[2]).toBe("/* block; comment */ CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$");
    expect(statements[3]).toBe("SELECT '$$'");
  });

  it("ignores empty statements", () => {
    expect(splitSqlScript(";\n  ;SELECT 1;;")).toEqual(["SELECT 1"]);
  });
});
