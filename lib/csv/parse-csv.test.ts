import { describe, expect, it } from "vitest";
import { CsvError, parseCsv } from "@/lib/csv/parse-csv";

describe("parseCsv", () => {
  it("drops a UTF-8 BOM and keeps UTF-8 text", () => {
    const t = parseCsv("\uFEFFtext,lang\nCafé crème,fr\n東京,ja\n");
    expect(t.header).toEqual(["text", "lang"]);
    expect(t.rows.map((r) => r.values)).toEqual([
      ["Café crème", "fr"],
      ["東京", "ja"],
    ]);
  });

  it("reads quoted commas, doubled quotes and newlines inside fields, with CRLF endings", () => {
    const t = parseCsv('id,comment\r\n1,"Hello, ""world"""\r\n2,"two\r\nlines"\r\n3,plain\r\n');
    expect(t.rows).toEqual([
      { line: 2, values: ["1", 'Hello, "world"'] },
      { line: 3, values: ["2", "two\r\nlines"] },
      { line: 5, values: ["3", "plain"] },
    ]);
  });

  it("keeps characters outside the BMP, combining marks, and a quoted header with a BOM before it", () => {
    const t = parseCsv('\uFEFF"text","note"\r\n"😀 naïve e\u0301",""""\r\n');
    expect(t.header).toEqual(["text", "note"]);
    expect(t.rows[0]!.values).toEqual(["😀 naïve e\u0301", '"']);
  });

  it("keeps empty fields and a last line without a newline", () => {
    expect(parseCsv("a,b,c\n,,x").rows[0]!.values).toEqual(["", "", "x"]);
    expect(parseCsv('a\n""').rows[0]!.values).toEqual([""]);
  });

  it("names the line of malformed quoting", () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(new CsvError(2, "a quoted field is never closed"));
    expect(() => parseCsv('a,b\n1,x"y\n')).toThrow(/^Line 2: a quote inside an unquoted field/);
    expect(() => parseCsv('a,b\n1,"x"y\n')).toThrow(/^Line 2: text after a closing quote/);
  });

  it("refuses a file without a header", () => {
    expect(() => parseCsv("")).toThrow("Line 1: the file is empty or has no header row");
    expect(() => parseCsv("\uFEFF\n")).toThrow("Line 1: the file is empty or has no header row");
  });

  it("refuses a control character in a cell, naming the line and the column", () => {
    expect(() => parseCsv("text,label\nhello,ok\nbad\u0000,x\n")).toThrow('Line 3: column "text" contains a control character (U+0000) at character 4; remove it');
    expect(() => parseCsv("a\u0001b\n1\n")).toThrow(/Line 1: the header contains a control character \(U\+0001\)/);
    expect(parseCsv('a\tb\n"x\r\ny"\n').rows[0]!.values).toEqual(["x\r\ny"]);
  });
});
