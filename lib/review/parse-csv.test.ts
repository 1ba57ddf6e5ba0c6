import { describe, expect, it } from "vitest";
import { parseBonusCsv } from "@/lib/review/parse-bonus-csv";
import { parseResultsCsv, type KnownAssignment } from "@/lib/review/parse-results-csv";

const KNOWN: Record<string, KnownAssignment> = {
  A1: { status: "Submitted", workerId: "W1", hitId: "H1" },
  A2: { status: "Submitted", workerId: "W2", hitId: "H1" },
  A3: { status: "Approved", workerId: "W3", hitId: "H1" },
};
const known = (id: string) => KNOWN[id];

describe("parseResultsCsv", () => {
  it("reads MTurk's batch results with Approve and Reject filled in", () => {
    const csv = 'HITId,AssignmentId,WorkerId,Answer.sentiment,Approve,Reject\nH1,A1,W1,positive,x,\nH1,A2,W2,"neg, really",,"Wrong label, see instructions"\nH1,A3,W3,positive,,\n';
    expect(parseResultsCsv(csv, known)).toEqual({
      decisions: [
        { line: 2, assignmentId: "A1", action: "approve" },
        { line: 3, assignmentId: "A2", action: "reject", feedback: "Wrong label, see instructions" },
      ],
      problems: [],
    });
  });

  it("names the line and column of every problem", () => {
    const csv = "AssignmentId,Approve,Reject\nA1,x,no\nZZ,x,\nA3,x,\nA2,x,\nA2,,dup\n";
    expect(parseResultsCsv(csv, known).problems).toEqual([
      { line: 2, column: "Reject", message: "Both Approve and Reject are filled; keep one" },
      { line: 3, column: "AssignmentId", message: "Assignment ZZ is not in this environment (sync, or check the environment)" },
      { line: 4, column: "AssignmentId", message: "Assignment A3 is already Approved" },
      { line: 6, column: "AssignmentId", message: "Assignment A2 is decided again (first on line 5)" },
    ]);
  });

  it("refuses a file without the columns, or with an unclosed quote", () => {
    expect(parseResultsCsv("HITId,WorkerId\nH1,W1\n", known).problems.map((p) => p.column)).toEqual(["AssignmentId", "Approve"]);
    expect(parseResultsCsv('AssignmentId,Approve\n"A1,x\n', known).problems).toHaveLength(1);
  });
});

describe("parseBonusCsv", () => {
  it("reads rows and numbers identical ones", () => {
    const csv = "WorkerId,AssignmentId,Bonus Amount,Reason\nW1,A1,0.5,Good\nW1,A1,$0.50,Good\nW2,A2,1,Other\n";
    expect(parseBonusCsv(csv, known).rows.map((r) => [r.line, r.amountCents, r.occurrence])).toEqual([
      [2, 50, 1],
      [3, 50, 2],
      [4, 100, 1],
    ]);
  });

  it("checks worker, amount, reason and the limit per row", () => {
    const csv = "WorkerId,AssignmentId,Amount,Reason\nW9,A1,0.50,Good\nW2,A2,abc,\nW1,A1,6.00,Big\n";
    expect(parseBonusCsv(csv, known, 500).problems).toEqual([
      { line: 2, column: "WorkerId", message: "Assignment A1 was done by W1, not W9" },
      { line: 3, column: "Amount", message: '"abc" is not an amount like 0.50' },
      { line: 3, column: "Reason", message: "A bonus needs a reason the worker will see" },
      { line: 4, column: "Amount", message: "More than your limit of $5.00 per bonus" },
    ]);
  });
});
