import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { buildQuestionFormAnswers, parseQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { parseQuestionForm, type QuestionForm, type SelectionStyle } from "@/lib/mturk-formats/question-form";
import { renderQuestionFormDocument } from "@/lib/mturk-formats/question-form-document";
import { CLIENT_CHECK_SCRIPT, checkQuestion, questionFormRules, readQuestionFormSubmission, toJsRegex, type QuestionRule } from "@/lib/mturk-formats/question-form-submission";
import { parseXmlDocument } from "@/lib/mturk-formats/xml-tree";

const NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas";

function form(questions: string, version: "2017-11-06" | "2005-10-01" = "2017-11-06"): QuestionForm {
  return parseQuestionForm(`<QuestionForm xmlns="${NS}/${version}/QuestionForm.xsd">${questions}</QuestionForm>`);
}

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

function freeText(id: string, o: { name?: string; required?: boolean; constraints?: string; extra?: string } = {}): string {
  return `<Question><QuestionIdentifier>${xml(id)}</QuestionIdentifier>${o.name ? `<DisplayName>${xml(o.name)}</DisplayName>` : ""}<IsRequired>${o.required ?? false}</IsRequired>
    <QuestionContent><Text>Say something.</Text></QuestionContent>
    <AnswerSpecification><FreeTextAnswer>${o.constraints ? `<Constraints>${o.constraints}</Constraints>` : ""}${o.extra ?? ""}</FreeTextAnswer></AnswerSpecification></Question>`;
}

function selection(id: string, choices: string[], o: { name?: string; required?: boolean; min?: number; max?: number; style?: SelectionStyle; other?: string } = {}): string {
  return `<Question><QuestionIdentifier>${xml(id)}</QuestionIdentifier>${o.name ? `<DisplayName>${xml(o.name)}</DisplayName>` : ""}<IsRequired>${o.required ?? false}</IsRequired>
    <QuestionContent><Text>Pick.</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer>${o.min !== undefined ? `<MinSelectionCount>${o.min}</MinSelectionCount>` : ""}${o.max !== undefined ? `<MaxSelectionCount>${o.max}</MaxSelectionCount>` : ""}${o.style ? `<StyleSuggestion>${o.style}</StyleSuggestion>` : ""}
      <Selections>${choices.map((c) => `<Selection><SelectionIdentifier>${xml(c)}</SelectionIdentifier><Text>${xml(c)} label</Text></Selection>`).join("")}${o.other !== undefined ? `<OtherSelection>${o.other}</OtherSelection>` : ""}</Selections>
    </SelectionAnswer></AnswerSpecification></Question>`;
}

function fields(entries: [string, string][]): URLSearchParams {
  return new URLSearchParams(entries);
}

function errorsOf(f: QuestionForm, entries: [string, string][]) {
  const r = readQuestionFormSubmission(f, fields(entries));
  return r.ok ? [] : r.errors;
}

function answersOf(f: QuestionForm, entries: [string, string][]) {
  const r = readQuestionFormSubmission(f, fields(entries));
  if (!r.ok) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.answers;
}

describe("free text", () => {
  const f = form(freeText("req", { name: "Your name", required: true }) + freeText("opt"));

  it("requires a required answer, naming the question, and leaves an empty optional one out", () => {
    expect(errorsOf(f, [["q.1", "x"]])).toEqual([{ questionIdentifier: "req", message: "Your name: an answer is required." }]);
    expect(
      answersOf(f, [
        ["q.0", "Ada"],
        ["q.1", ""],
      ]),
    ).toEqual([{ questionIdentifier: "req", value: { freeText: "Ada" } }]);
  });

  it("keeps the text as typed, with browser CRLF line breaks made LF", () => {
    expect(
      answersOf(f, [
        ["q.0", "  two\r\nlines\r"],
        ["q.1", " "],
      ]),
    ).toEqual([
      { questionIdentifier: "req", value: { freeText: "  two\nlines\n" } },
      { questionIdentifier: "opt", value: { freeText: " " } },
    ]);
  });

  it("numeric: decimals accepted, range inclusive, anything else refused", () => {
    const n = form(freeText("age", { name: "Age", constraints: `<IsNumeric minValue="18" maxValue="99"/>` }) + freeText("x", { constraints: "<IsNumeric/>" }));
    for (const ok of ["18", "99", " 42 ", "+20", "18.0", "98.5"]) expect(errorsOf(n, [["q.0", ok]]), ok).toEqual([]);
    for (const bad of ["17", "17.99", "100", "99.01", "abc", "1e2", "4 2", "0x20", "-", "."]) {
      expect(errorsOf(n, [["q.0", bad]]), bad).toEqual([{ questionIdentifier: "age", message: "Age: enter a number from 18 to 99." }]);
    }
    for (const ok of ["-3.5", ".5", "5.", "1000000"]) expect(errorsOf(n, [["q.1", ok]]), ok).toEqual([]);
    expect(errorsOf(n, [["q.1", "1,5"]])).toEqual([{ questionIdentifier: "x", message: "Question 2: enter a number." }]);
    const lo = form(freeText("lo", { constraints: `<IsNumeric minValue="-5"/>` }) + freeText("hi", { constraints: `<IsNumeric maxValue="10"/>` }));
    expect(
      errorsOf(lo, [
        ["q.0", "-6"],
        ["q.1", "11"],
      ]).map((e) => e.message),
    ).toEqual(["Question 1: enter a number of at least -5.", "Question 2: enter a number of at most 10."]);
    expect(
      errorsOf(lo, [
        ["q.0", "-5"],
        ["q.1", "10"],
      ]),
    ).toEqual([]);
  });

  it("length: counts characters (whitespace and emoji count one each), min, max and exact", () => {
    const l = form(
      freeText("a", { name: "Title", constraints: `<Length minLength="2" maxLength="5"/>` }) +
        freeText("b", { name: "Code", constraints: `<Length minLength="3" maxLength="3"/>` }) +
        freeText("c", { name: "Note", constraints: `<Length maxLength="1"/>` }),
    );
    expect(
      errorsOf(l, [
        ["q.0", "ab"],
        ["q.1", "abc"],
        ["q.2", "x"],
      ]),
    ).toEqual([]);
    expect(
      errorsOf(l, [
        ["q.0", "  "],
        ["q.1", "😀😀😀"],
        ["q.2", "é"],
      ]),
    ).toEqual([]);
    expect(
      errorsOf(l, [
        ["q.0", "a"],
        ["q.1", "ab"],
        ["q.2", "xy"],
      ]),
    ).toEqual([
      { questionIdentifier: "a", message: "Title: use 2 to 5 characters." },
      { questionIdentifier: "b", message: "Code: use exactly 3 characters." },
      { questionIdentifier: "c", message: "Note: use at most 1 character." },
    ]);
    expect(
      errorsOf(l, [
        ["q.0", "abcdef"],
        ["q.1", "abc"],
      ]).map((e) => e.message),
    ).toEqual(["Title: use 2 to 5 characters."]);
  });

  it("a minLength makes the question required, as MTurk documents", () => {
    const m = form(freeText("m", { name: "Why?", constraints: `<Length minLength="1"/>` }) + freeText("z", { constraints: `<Length minLength="0" maxLength="3"/>` }));
    expect(errorsOf(m, [])).toEqual([{ questionIdentifier: "m", message: "Why? An answer is required." }]);
    expect(answersOf(m, [["q.0", "because"]])).toEqual([{ questionIdentifier: "m", value: { freeText: "because" } }]);
  });

  it("regex: a JavaScript pattern tested against the answer (not anchored), with its errorText or MTurk's default", () => {
    const r = form(
      freeText("blank", { name: "Summary", constraints: `<AnswerFormatRegex regex="\\S" errorText="The content cannot be blank."/>` }) +
        freeText("word", { name: "Word", constraints: `<AnswerFormatRegex regex="regex" flags="i"/>` }) +
        freeText("date", {
          name: "Date",
          constraints: `<AnswerFormatRegex regex="^[12][0-9]{3}-[01]?\\d-[0-3]?\\d$" errorText="Use yyyy-mm-dd."/><AnswerFormatRegex regex="^2" errorText="This century, please."/>`,
        }),
    );
    expect(
      errorsOf(r, [
        ["q.0", "  some text "],
        ["q.1", "I like RegExes"],
        ["q.2", "2024-01-31"],
      ]),
    ).toEqual([]);
    expect(
      errorsOf(r, [
        ["q.0", "   "],
        ["q.1", "pattern"],
        ["q.2", "31/01/2024"],
      ]),
    ).toEqual([
      { questionIdentifier: "blank", message: "Summary: The content cannot be blank." },
      { questionIdentifier: "word", message: "Word: Invalid input supplied." },
      { questionIdentifier: "date", message: "Date: Use yyyy-mm-dd." },
    ]);
    // Both regexes must pass; the first that fails is reported.
    expect(errorsOf(r, [["q.2", "1999-12-31"]])).toEqual([{ questionIdentifier: "date", message: "Date: This century, please." }]);
  });

  it("checks in order: required, number, length, regexes", () => {
    const c = form(freeText("n", { name: "N", required: true, constraints: `<IsNumeric/><Length maxLength="2"/><AnswerFormatRegex regex="^[0-5]+$" errorText="digits 0-5"/>` }));
    expect(errorsOf(c, [["q.0", ""]])[0]?.message).toBe("N: an answer is required.");
    expect(errorsOf(c, [["q.0", "abc"]])[0]?.message).toBe("N: enter a number.");
    expect(errorsOf(c, [["q.0", "123"]])[0]?.message).toBe("N: use at most 2 characters.");
    expect(errorsOf(c, [["q.0", "19"]])[0]?.message).toBe("N: digits 0-5");
    expect(errorsOf(c, [["q.0", "15"]])).toEqual([]);
  });
});

describe("regex translation", () => {
  const matches = (regex: string, value: string, flags?: string) => {
    const js = toJsRegex(regex, flags);
    if (!js) throw new Error(`${regex} did not compile`);
    return new RegExp(js.source, js.flags).test(value);
  };

  it("keeps JavaScript patterns as they are", () => {
    expect(toJsRegex("^\\d{5}(-\\d{4})?$")).toEqual({ source: "^\\d{5}(-\\d{4})?$", flags: "" });
    expect(toJsRegex("a+?b*?(?:c)??")).toEqual({ source: "a+?b*?(?:c)??", flags: "" });
    expect(matches("[^]", "\n")).toBe(true);
  });

  it("translates Java / XML Schema idioms JavaScript would reject or misread", () => {
    expect(matches("(?i)^abc$", "ABC")).toBe(true);
    expect(matches("\\Aabc\\z", "abc")).toBe(true);
    expect(matches("\\Aabc\\z", "xabc")).toBe(false);
    expect(matches("^\\p{Alpha}+$", "Hello")).toBe(true);
    expect(matches("^\\p{Alpha}+$", "Hello1")).toBe(false);
    expect(matches("^[\\p{Digit}\\p{Upper}]+$", "AB12")).toBe(true);
    expect(matches("^\\P{Digit}+$", "abc")).toBe(true);
    expect(matches("^\\p{L}+$", "Zoë")).toBe(true);
    expect(matches("^\\p{Lu}\\-\\d$", "É-1")).toBe(true);
    expect(matches("^a++b$", "aaab")).toBe(true);
    expect(matches("^[a-z]{2}+$", "ab")).toBe(true);
  });

  it("keeps only the i, m and s flags, so test() never becomes stateful", () => {
    expect(toJsRegex("x", "giy")).toEqual({ source: "x", flags: "i" });
  });

  it("gives up on patterns that do not compile (such a rule is not enforced anywhere)", () => {
    // MTurk's own documented phone example has an unbalanced ")".
    expect(toJsRegex("^(1[- ]?)?(\\([2-9]\\d{2}\\)\\s*|[2-9]\\d{2}-?)[2-9]\\d{2}-?\\d{4}$)")).toBeNull();
    expect(toJsRegex("\\p{IsBasicLatin}")).toBeNull();
    const f = form(freeText("p", { constraints: `<AnswerFormatRegex regex="(unclosed"/><AnswerFormatRegex regex="^x" errorText="starts with x"/>` }));
    expect(errorsOf(f, [["q.0", "yes"]])).toEqual([{ questionIdentifier: "p", message: "Question 1: starts with x" }]);
  });
});

describe("selection", () => {
  const styles: (SelectionStyle | undefined)[] = [undefined, "radiobutton", "checkbox", "list", "dropdown", "combobox", "multichooser"];

  it.each(styles)("single choice, style %s: one identifier back; none, two or a stranger refused", (style) => {
    const f = form(selection("pick", ["a", "b", "c"], { name: "Pick one", required: true, ...(style ? { style } : {}) }));
    expect(answersOf(f, [["q.0", "1"]])).toEqual([{ questionIdentifier: "pick", value: { selections: ["b"] } }]);
    expect(errorsOf(f, [])).toEqual([{ questionIdentifier: "pick", message: "Pick one: choose one option." }]);
    expect(errorsOf(f, [["q.0", ""]])).toEqual([{ questionIdentifier: "pick", message: "Pick one: choose one option." }]);
    expect(
      errorsOf(f, [
        ["q.0", "0"],
        ["q.0", "2"],
      ]),
    ).toEqual([{ questionIdentifier: "pick", message: "Pick one: choose one option." }]);
    for (const stranger of ["3", "-1", "01", "a", "other", " 1"]) {
      expect(errorsOf(f, [["q.0", stranger]]), stranger).toEqual([{ questionIdentifier: "pick", message: "Pick one: choose from the listed options." }]);
    }
  });

  it.each(styles)("several choices, style %s: bounds, form order, duplicates", (style) => {
    const f = form(selection("many", ["r", "g", "b", "y"], { name: "Colours", min: 2, max: 3, ...(style ? { style } : {}) }));
    expect(
      answersOf(f, [
        ["q.0", "3"],
        ["q.0", "0"],
        ["q.0", "3"],
      ]),
    ).toEqual([{ questionIdentifier: "many", value: { selections: ["r", "y"] } }]);
    expect(
      answersOf(f, [
        ["q.0", "2"],
        ["q.0", "1"],
        ["q.0", "0"],
      ]),
    ).toEqual([{ questionIdentifier: "many", value: { selections: ["r", "g", "b"] } }]);
    expect(errorsOf(f, [["q.0", "1"]])).toEqual([{ questionIdentifier: "many", message: "Colours: choose 2 to 3 options." }]);
    expect(
      errorsOf(f, [
        ["q.0", "0"],
        ["q.0", "1"],
        ["q.0", "2"],
        ["q.0", "3"],
      ]),
    ).toEqual([{ questionIdentifier: "many", message: "Colours: choose 2 to 3 options." }]);
    // Optional: nothing chosen is no answer at all.
    expect(answersOf(f, [])).toEqual([]);
  });

  it("words the bounds for what can actually be chosen", () => {
    const f = form(
      selection("a", ["1", "2", "3"], { required: true, min: 0, max: 3 }) +
        selection("b", ["1", "2", "3"], { required: true, min: 2, max: 2 }) +
        selection("c", ["1", "2", "3"], { required: true, min: 2, max: 10 }),
    );
    expect(errorsOf(f, []).map((e) => e.message)).toEqual(["Question 1: choose at least one option.", "Question 2: choose exactly 2 options.", "Question 3: choose at least 2 options."]);
  });

  it("other: its text is the answer when chosen, is required then, and counts as a choice", () => {
    const f = form(selection("fruit", ["apple", "pear"], { name: "Fruit", required: true, max: 2, other: '<Constraints><Length minLength="3"/></Constraints>' }));
    expect(
      answersOf(f, [
        ["q.0", "other"],
        ["q.0.other", "kiwi"],
      ]),
    ).toEqual([{ questionIdentifier: "fruit", value: { selections: [], otherSelectionText: "kiwi" } }]);
    expect(
      answersOf(f, [
        ["q.0.other", "ignored"],
        ["q.0", "1"],
      ]),
    ).toEqual([{ questionIdentifier: "fruit", value: { selections: ["pear"] } }]);
    expect(
      answersOf(f, [
        ["q.0", "other"],
        ["q.0", "0"],
        ["q.0.other", "fig\r\ntree"],
      ]),
    ).toEqual([{ questionIdentifier: "fruit", value: { selections: ["apple"], otherSelectionText: "fig\ntree" } }]);
    expect(errorsOf(f, [["q.0", "other"]])).toEqual([{ questionIdentifier: "fruit", message: "Fruit: fill in your “Other” answer." }]);
    expect(
      errorsOf(f, [
        ["q.0", "other"],
        ["q.0.other", "ab"],
      ]),
    ).toEqual([{ questionIdentifier: "fruit", message: "Fruit (Other): use at least 3 characters." }]);
    expect(
      errorsOf(f, [
        ["q.0", "other"],
        ["q.0", "0"],
        ["q.0", "1"],
        ["q.0.other", "kiwi"],
      ]),
    ).toEqual([{ questionIdentifier: "fruit", message: "Fruit: choose 1 to 2 options." }]);
  });

  it("other with numeric and regex constraints of its own", () => {
    const f = form(selection("n", ["none"], { name: "How many", other: `<Constraints><IsNumeric minValue="1" maxValue="9"/><AnswerFormatRegex regex="^\\d$" errorText="One digit."/></Constraints>` }));
    expect(
      errorsOf(f, [
        ["q.0", "other"],
        ["q.0.other", "12"],
      ]),
    ).toEqual([{ questionIdentifier: "n", message: "How many (Other): enter a number from 1 to 9." }]);
    expect(
      errorsOf(f, [
        ["q.0", "other"],
        ["q.0.other", "2.5"],
      ]),
    ).toEqual([{ questionIdentifier: "n", message: "How many (Other): One digit." }]);
    expect(
      answersOf(f, [
        ["q.0", "other"],
        ["q.0.other", "7"],
      ]),
    ).toEqual([{ questionIdentifier: "n", value: { selections: [], otherSelectionText: "7" } }]);
  });
});

describe("file upload (2005-10-01, deprecated)", () => {
  const upload = (id: string, required: boolean) =>
    `<Question><QuestionIdentifier>${id}</QuestionIdentifier><IsRequired>${required}</IsRequired><QuestionContent><Text>Upload.</Text></QuestionContent>
     <AnswerSpecification><FileUploadAnswer><MaxFileSizeInBytes>3000000</MaxFileSizeInBytes><MinFileSizeInBytes>1000</MinFileSizeInBytes></FileUploadAnswer></AnswerSpecification></Question>`;

  it("an optional one is skipped; a required one cannot be completed", () => {
    const optional = form(upload("file", false) + freeText("t"), "2005-10-01");
    expect(
      answersOf(optional, [
        ["q.0", "whatever"],
        ["q.1", "hi"],
      ]),
    ).toEqual([{ questionIdentifier: "t", value: { freeText: "hi" } }]);
    const required = form(upload("file", true), "2005-10-01");
    expect(errorsOf(required, [["q.0", "x"]])).toEqual([{ questionIdentifier: "file", message: "Question 1: file upload is not supported here, so this HIT cannot be completed." }]);
  });
});

describe("fields", () => {
  const f = form(freeText("t", { required: true }) + selection("s", ["a", "b"], { max: 2, other: "" }));

  it("ignores fields it does not know", () => {
    const r = readQuestionFormSubmission(
      f,
      fields([
        ["assignmentId", "A1"],
        ["hitId", "H"],
        ["q.0", "x"],
        ["q.2", "1"],
        ["q.1.foo", "1"],
        ["Q.1", "9"],
        ["q.01", "9"],
        ["q.0.other", "nope"],
        ["t", "by identifier"],
        ["s", "0"],
      ]),
    );
    expect(r).toEqual({ ok: true, answers: [{ questionIdentifier: "t", value: { freeText: "x" } }] });
  });

  it("takes a Map as well as URLSearchParams", () => {
    const map = new Map([
      ["q.0", ["first", "second"]],
      ["q.1", ["1", "other"]],
      ["q.1.other", ["zz"]],
    ]);
    expect(readQuestionFormSubmission(f, map)).toEqual({
      ok: true,
      answers: [
        { questionIdentifier: "t", value: { freeText: "first" } },
        { questionIdentifier: "s", value: { selections: ["b"], otherSelectionText: "zz" } },
      ],
    });
  });

  it("reports every failing question, in question order", () => {
    const g = form(freeText("1", { required: true }) + freeText("2") + selection("3", ["x"], { required: true }));
    expect(errorsOf(g, []).map((e) => e.questionIdentifier)).toEqual(["1", "3"]);
  });
});

describe("odd identifiers and the QuestionFormAnswers round trip", () => {
  const ids = ["fish & chips", `say "hi" it's`, "with  spaces", "naïve — 日本語 ✓", "<b>not html</b>"];
  const f = form(
    freeText(ids[0]!, { required: true }) +
      selection(ids[1]!, ["A&B", `"quoted"`, "élan vital", "a<b>"], { max: 4, other: "" }) +
      freeText(ids[2]!) +
      selection(ids[3]!, ["x y", "ü"], {}) +
      freeText(ids[4]!, { name: `Name with "quotes" & <tags>`, required: true }),
  );

  it("fields → answers → buildQuestionFormAnswers → parseQuestionFormAnswers gives the values back", () => {
    const result = readQuestionFormSubmission(
      f,
      fields([
        ["q.0", "Fish & chips <3 \"yes\" 'no' ü ✓ 😀"],
        ["q.1", "3"],
        ["q.1", "0"],
        ["q.1", "2"],
        ["q.1", "other"],
        ["q.1.other", "other & more"],
        ["q.3", "1"],
        ["q.4", "  spaced\nout  "],
      ]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.answers).toEqual([
      { questionIdentifier: ids[0], value: { freeText: "Fish & chips <3 \"yes\" 'no' ü ✓ 😀" } },
      { questionIdentifier: ids[1], value: { selections: ["A&B", "élan vital", "a<b>"], otherSelectionText: "other & more" } },
      { questionIdentifier: ids[3], value: { selections: ["ü"] } },
      { questionIdentifier: ids[4], value: { freeText: "  spaced\nout  " } },
    ]);
    const answerXml = buildQuestionFormAnswers(result.answers);
    expect(parseQuestionFormAnswers(answerXml)).toEqual([
      { questionIdentifier: ids[0], values: ["Fish & chips <3 \"yes\" 'no' ü ✓ 😀"] },
      { questionIdentifier: ids[1], values: ["A&B", "élan vital", "a<b>"] },
      { questionIdentifier: ids[3], values: ["ü"] },
      { questionIdentifier: ids[4], values: ["  spaced\nout  "] },
    ]);
    // parseQuestionFormAnswers leaves OtherSelectionText out; read it from the XML itself.
    const other = parseXmlDocument(answerXml).children[1]!.children.find((c) => c.name === "OtherSelectionText");
    expect(other?.text).toBe("other & more");
  });

  it("names questions by DisplayName, escaped nowhere in the message, or by position", () => {
    expect(errorsOf(f, []).map((e) => [e.questionIdentifier, e.message])).toEqual([
      [ids[0], "Question 1: an answer is required."],
      [ids[4], `Name with "quotes" & <tags>: an answer is required.`],
    ]);
  });
});

describe("the browser's checker is the server's", () => {
  const clientCheck = new vm.Script(`(() => {\n${CLIENT_CHECK_SCRIPT}\nreturn checkQuestion;\n})()`).runInThisContext() as (rule: unknown, re: RegExp, get: (n: string) => string[]) => string | null;
  const f = form(
    freeText("t", {
      name: "Text",
      required: true,
      constraints: `<IsNumeric minValue="1" maxValue="50"/><Length minLength="1" maxLength="4"/><AnswerFormatRegex regex="^\\d+$" errorText="Digits only."/>`,
    }) +
      freeText("o", { constraints: `<AnswerFormatRegex regex="\\S"/>` }) +
      selection("s", ["a", "b", "c"], { name: "Sel", min: 2, max: 2, other: `<Constraints><Length maxLength="3"/></Constraints>` }) +
      selection("r", ["a", "b"], { required: true }),
  );
  const samples: [string, string][][] = [
    [],
    [["q.0", ""]],
    [["q.0", "abc"]],
    [["q.0", "0"]],
    [["q.0", "51"]],
    [["q.0", "1.5"]],
    [["q.0", "00050"]],
    [["q.0", " 7"]],
    [
      ["q.0", "42"],
      ["q.1", "   "],
    ],
    [["q.1", "x"]],
    [["q.2", "0"]],
    [
      ["q.2", "0"],
      ["q.2", "1"],
    ],
    [
      ["q.2", "0"],
      ["q.2", "0"],
    ],
    [
      ["q.2", "0"],
      ["q.2", "other"],
    ],
    [
      ["q.2", "0"],
      ["q.2", "other"],
      ["q.2.other", "abcd"],
    ],
    [
      ["q.2", "0"],
      ["q.2", "other"],
      ["q.2.other", "ab\r\nc"],
    ],
    [
      ["q.2", "0"],
      ["q.2", "other"],
      ["q.2.other", "abc"],
    ],
    [["q.2", "9"]],
    [
      ["q.2", ""],
      ["q.2", "2"],
    ],
    [["q.3", "1"]],
    [
      ["q.3", "1"],
      ["q.3", "0"],
    ],
  ];
  const rules = questionFormRules(f);
  const re = new RegExp(rules.numberPattern);

  it.each(samples.map((s) => [JSON.stringify(s), s] as const))("%s", (_, sample) => {
    const params = fields(sample);
    const get = (n: string) => params.getAll(n);
    // Through JSON, exactly as the document embeds the rules.
    const clientRules = JSON.parse(JSON.stringify(rules)) as { questions: QuestionRule[] };
    const server = rules.questions.map((r) => checkQuestion(r, re, get));
    const client = clientRules.questions.map((r) => clientCheck(r, re, get));
    expect(client).toEqual(server);
  });

  it("the samples exercise every kind of message", () => {
    const seen = new Set<string | null>();
    for (const s of samples) {
      const params = fields(s);
      for (const r of rules.questions) seen.add(checkQuestion(r, re, (n) => params.getAll(n)));
    }
    expect([...seen].sort()).toEqual(
      [
        null,
        "Text: an answer is required.",
        "Text: enter a number from 1 to 50.",
        "Text: use 1 to 4 characters.",
        "Text: Digits only.",
        "Question 2: Invalid input supplied.",
        "Sel: choose exactly 2 options.",
        "Sel: fill in your “Other” answer.",
        "Sel (Other): use at most 3 characters.",
        "Sel: choose from the listed options.",
        "Question 4: choose one option.",
      ].sort(),
    );
  });
});

describe("the document", () => {
  const f = form(
    `<Overview><Title>Tag &amp; rate</Title><Text>Line one
line two &lt;script&gt;alert(1)&lt;/script&gt;</Text><FormattedContent><![CDATA[<p>Keep <b>this</b><a name="x"/> as is</p>]]></FormattedContent>
     <Application><Flash><FlashMovieURL>http://x.test/a.swf</FlashMovieURL><Width>1</Width><Height>1</Height></Flash></Application></Overview>` +
      freeText("secret-id-1", { name: `Tricky "name" <i>` }) +
      selection("secret-id-2", ["correct-answer", "wrong"], { required: true }),
    "2005-10-01",
  );
  const html = renderQuestionFormDocument(f, { action: "https://hitdesk.test/submit?a=1&b=2", hiddenFields: { assignmentId: `A"<1>` }, preview: false });

  it("escapes text and attributes and inserts FormattedContent as is (self-closing XHTML closed)", () => {
    expect(html).toContain(`<h2 class="c-title">Tag &amp; rate</h2>`);
    expect(html).toContain(`line two &lt;script&gt;alert(1)&lt;/script&gt;`);
    expect(html).toContain(`<p>Keep <b>this</b><a name="x"></a> as is</p>`);
    expect(html).toContain(`Tricky &quot;name&quot; &lt;i&gt;`);
    expect(html).toContain(`action="https://hitdesk.test/submit?a=1&amp;b=2"`);
    expect(html).toContain(`<input type="hidden" name="assignmentId" value="A&quot;&lt;1&gt;">`);
    expect(html).toContain("MTurk no longer supports");
    expect(html).not.toContain("<script>alert");
  });

  it("names fields by position and never shows identifiers", () => {
    expect(html).toContain(`name="q.0"`);
    expect(html).toContain(`name="q.1" value="0"`);
    expect(html).not.toContain("secret-id");
    // The choice's text is shown; its SelectionIdentifier is in no attribute.
    expect(html).toContain("correct-answer label");
    expect(html).not.toMatch(/="[^"]*correct-answer/);
  });

  it("preview disables submitting", () => {
    const preview = renderQuestionFormDocument(f, { action: "/x", hiddenFields: {}, preview: true });
    expect(preview).toMatch(/<button type="submit" id="hd-submit" class="submit" form="hd-form" disabled>Accept the HIT to submit<\/button>/);
    expect(html).toMatch(/<button type="submit" id="hd-submit" class="submit" form="hd-form">Submit<\/button>/);
  });

  it("refuses hidden fields that would pass for answers", () => {
    expect(() => renderQuestionFormDocument(f, { action: "/x", hiddenFields: { "q.0": "forged" }, preview: false })).toThrow(/collide/);
  });
});
