import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "@/lib/csv/write-csv";

const always = { quote: "always" } as const;

describe("csvCell", () => {
  it("quotes fields with commas, quotes and line breaks as RFC 4180 says", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\r\nlf")).toBe('"cr\r\nlf"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(42)).toBe("42");
  });

  it("quotes every field when asked, as MTurk's results CSV does", () => {
    expect(csvRow(["plain", 'say "hi"', "a,b", "two\nlines", ""], always)).toBe('"plain","say ""hi""","a,b","two\nlines",""\r\n');
  });

  it("ends rows with CRLF", () => {
    expect(csvRow(["a", "b,c", null])).toBe('a,"b,c",\r\n');
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell('=HYPERLINK("http://x")', always)).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+1+1")).toBe("'+1+1");
    expect(csvCell("+1 555")).toBe("'+1 555");
    expect(csvCell("-not a number")).toBe("'-not a number");
    expect(csvCell("-1+A1")).toBe("'-1+A1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("\tcmd", always)).toBe('"\'\tcmd"');
    expect(csvCell("\r=1")).toBe('"\'\r=1"');
    expect(csvCell("=1,2")).toBe('"\'=1,2"');
    // Only the start matters.
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("team-1")).toBe("team-1");
  });

  it("leaves plain numbers usable: they round-trip through MTurk and the review upload", () => {
    expect(csvCell("-1")).toBe("-1");
    expect(csvCell(-2)).toBe("-2");
    expect(csvCell("-2.5")).toBe("-2.5");
    expect(csvCell("+3")).toBe("+3");
    expect(csvCell("-3e2")).toBe("-3e2");
    expect(csvCell("-3", always)).toBe('"-3"');
  });
});
