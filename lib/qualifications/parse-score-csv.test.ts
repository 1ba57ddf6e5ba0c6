import { describe, expect, it } from "vitest";
import { parseScoreCsv } from "@/lib/qualifications/parse-score-csv";

describe("score CSV", () => {
  it("reads WorkerId and a value column in any case and order, BOM and blank lines allowed", () => {
    expect(parseScoreCsv("\uFEFFscore,workerid\r\n90,A1B2C3D4E5F6G7\r\n\r\n-5,AZZZZZZZZZZZZ\r\n")).toEqual({
      ok: true,
      scores: [
        { workerId: "A1B2C3D4E5F6G7", value: 90 },
        { workerId: "AZZZZZZZZZZZZ", value: -5 },
      ],
    });
  });

  it("refuses the whole file when one row is bad, naming every bad row", () => {
    const result = parseScoreCsv("WorkerId,Value\nA1B2C3D4E5F6G7,1\nnot-a-worker,2\nAZZZZZZZZZZZZ,1.5\nA1B2C3D4E5F6G7,3\n");
    expect(result).toEqual({
      ok: false,
      errors: ['Row 3: "not-a-worker" is not a Worker ID', 'Row 4: the value "1.5" is not a whole number', "Row 5: A1B2C3D4E5F6G7 is already on row 2"],
    });
  });

  it("names a missing column and an unterminated quote", () => {
    expect(parseScoreCsv("WorkerId,Points\nA1B2C3D4E5F6G7,1\n")).toEqual({ ok: false, errors: ["The header needs the column Value (found: WorkerId, Points)"] });
    const broken = parseScoreCsv('WorkerId,Value\n"A1B2C3D4E5F6G7,1\n');
    expect(broken.ok).toBe(false);
    expect(parseScoreCsv("WorkerId,Value\n")).toEqual({ ok: false, errors: ["The CSV has no rows of scores"] });
  });
});
