import { describe, expect, it } from "vitest";
import { buildQuestionFormXml, draftIssues, type FormDraft } from "@/lib/mturk-formats/build-question-form";
import { formFromXml } from "@/lib/mturk-formats/form-from-xml";
import { parseQuestionForm } from "@/lib/mturk-formats/question-form";
import { questionForRow } from "@/lib/projects/project-design";
import { PROJECT_TEMPLATES } from "@/lib/projects/templates";

const tricky = `Tom & Jerry's "best" <b>bit</b> ]]> 5 > 3 — café 東京 😀`;

const form: FormDraft = {
  overview: { title: "Review of ${product}", text: `Read the review & answer.\nSecond line < third` },
  questions: [
    { identifier: "summary", displayName: "Summary & notes", required: true, text: `Summarise ${"${review}"} in a line: ${tricky}`, answer: { kind: "text", minLength: 2, maxLength: 200, lines: 3 } },
    { identifier: "free", required: false, text: "Anything else?", answer: { kind: "text" } },
    { identifier: "stars", required: true, text: "How many stars (1–5)?", answer: { kind: "number", min: 1, max: 5 } },
    { identifier: "count", required: true, text: "Any number", answer: { kind: "number" } },
    {
      identifier: "sentiment",
      required: true,
      text: "Sentiment?",
      answer: {
        kind: "single",
        choices: [
          { identifier: "pos", text: "Positive <3" },
          { identifier: "neg", text: `"Negative" & sad` },
        ],
      },
    },
    {
      identifier: "country",
      required: true,
      text: "Country?",
      answer: {
        kind: "single",
        dropdown: true,
        choices: [
          { identifier: "pt", text: "Portugal" },
          { identifier: "fr", text: "France" },
        ],
      },
    },
    {
      identifier: "topics",
      required: false,
      text: "Topics it covers",
      answer: {
        kind: "multiple",
        minCount: 0,
        maxCount: 2,
        choices: [
          { identifier: "price", text: "Price" },
          { identifier: "quality", text: "Quality" },
          { identifier: "${extra}", text: "${extra_label}" },
        ],
      },
    },
  ],
};

describe("QuestionForm builder", () => {
  it("writes XML the marketplace's parser reads back exactly, every answer type and special characters included", () => {
    const parsed = parseQuestionForm(buildQuestionFormXml(form));
    expect(parsed.version).toBe("2017-11-06");
    expect(parsed.items[0]).toEqual({
      kind: "Overview",
      content: [
        { kind: "Title", text: "Review of ${product}" },
        { kind: "Text", text: "Read the review & answer.\nSecond line < third" },
      ],
    });
    const [summary, free, stars, count, sentiment, country, topics] = parsed.questions;
    expect(summary).toMatchObject({ identifier: "summary", displayName: "Summary & notes", isRequired: true, content: [{ kind: "Text", text: `Summarise \${review} in a line: ${tricky}` }] });
    expect(summary!.answer).toEqual({ type: "FreeText", constraints: { length: { minLength: 2, maxLength: 200 }, regexes: [] }, numberOfLinesSuggestion: 3 });
    expect(free).toMatchObject({ isRequired: false, answer: { type: "FreeText", constraints: { regexes: [] } } });
    expect(stars!.answer).toEqual({ type: "FreeText", constraints: { isNumeric: { minValue: 1, maxValue: 5 }, regexes: [] } });
    expect(count!.answer).toMatchObject({ type: "FreeText", constraints: { isNumeric: {} } });
    expect(sentiment!.answer).toEqual({
      type: "Selection",
      minSelectionCount: 1,
      maxSelectionCount: 1,
      style: "radiobutton",
      selections: [
        { identifier: "pos", content: { kind: "Text", text: "Positive <3" } },
        { identifier: "neg", content: { kind: "Text", text: `"Negative" & sad` } },
      ],
    });
    expect(country!.answer).toMatchObject({ style: "dropdown", maxSelectionCount: 1 });
    expect(topics!.answer).toMatchObject({ minSelectionCount: 0, maxSelectionCount: 2, style: "checkbox" });
  });

  it("escapes markup so text can never become elements", () => {
    const xml = buildQuestionFormXml({ overview: { title: "", text: "" }, questions: [{ identifier: "q", required: true, text: "</Text></QuestionContent><Injected/>", answer: { kind: "text" } }] });
    expect(xml).toContain("&lt;/Text&gt;&lt;/QuestionContent&gt;&lt;Injected/&gt;");
    expect(xml).not.toContain("<Overview>");
    expect(parseQuestionForm(xml).questions[0]!.content).toEqual([{ kind: "Text", text: "</Text></QuestionContent><Injected/>" }]);
  });

  it("drops characters XML cannot carry instead of writing an unparseable form", () => {
    const xml = buildQuestionFormXml({ overview: { title: "a\u0000b\u0007c\uFFFE", text: "" }, questions: [{ identifier: "q", required: true, text: "tab\tok\r\nline", answer: { kind: "text" } }] });
    const parsed = parseQuestionForm(xml);
    expect(parsed.items[0]).toEqual({ kind: "Overview", content: [{ kind: "Title", text: "abc" }] });
    expect(parsed.questions[0]!.content[0]).toMatchObject({ text: expect.stringContaining("tab\tok") });
  });

  it("keeps ${placeholders}, which a batch row then fills escaped for XML", () => {
    const xml = buildQuestionFormXml(form);
    const row = questionForRow({ kind: "QuestionForm", xml }, { product: `Kettle <2L> & "co"`, review: "It's ]]> great", extra: "design", extra_label: "Design & looks" });
    const parsed = parseQuestionForm(row);
    expect(parsed.items[0]).toMatchObject({ content: [{ kind: "Title", text: `Review of Kettle <2L> & "co"` }, { kind: "Text" }] });
    expect(parsed.questions[0]!.content[0]).toMatchObject({ text: expect.stringContaining("Summarise It's ]]> great in a line") });
    expect(parsed.questions[6]!.answer).toMatchObject({ selections: [{}, {}, { identifier: "design", content: { text: "Design & looks" } }] });
  });

  it("reads its own XML back into the same draft, so builder and raw XML switch freely", () => {
    expect(formFromXml(buildQuestionFormXml(form))).toEqual({ ok: true, form });
  });

  it("reads the QuestionForm templates into the builder", () => {
    for (const t of PROJECT_TEMPLATES.filter((t) => t.design.task.kind === "QuestionForm")) {
      const read = formFromXml((t.design.task as { xml: string }).xml);
      expect(read.ok, t.id).toBe(true);
    }
    const city = formFromXml((PROJECT_TEMPLATES.find((t) => t.id === "qualification-test")!.design.task as { xml: string }).xml);
    expect(city.ok && city.form.questions[0]).toMatchObject({ identifier: "country", displayName: "Country", answer: { kind: "text", minLength: 2, maxLength: 60 } });
  });

  it("says why XML stays raw when the builder cannot represent it", () => {
    const ns = 'xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd"';
    const q = (content: string, answer = "<FreeTextAnswer/>") =>
      `<QuestionForm ${ns}><Question><QuestionIdentifier>q1</QuestionIdentifier><QuestionContent>${content}</QuestionContent><AnswerSpecification>${answer}</AnswerSpecification></Question></QuestionForm>`;
    expect(formFromXml(q("<FormattedContent><![CDATA[<b>x</b>]]></FormattedContent>"))).toEqual({ ok: false, reason: 'Question "q1" has formatted content (XHTML), which the builder does not edit' });
    expect(formFromXml(q("<Text>a</Text>", '<FreeTextAnswer><Constraints><AnswerFormatRegex regex="^a$"/></Constraints></FreeTextAnswer>'))).toEqual({
      ok: false,
      reason: 'Question "q1" checks its answer with a regular expression',
    });
    expect(
      formFromXml(
        q(
          "<Text>a</Text>",
          "<SelectionAnswer><StyleSuggestion>list</StyleSuggestion><Selections><Selection><SelectionIdentifier>a</SelectionIdentifier><Text>A</Text></Selection></Selections></SelectionAnswer>",
        ),
      ),
    ).toEqual({
      ok: false,
      reason: 'Question "q1" shows its choices as "list"',
    });
    expect(formFromXml("<QuestionForm>")).toMatchObject({ ok: false, reason: expect.stringMatching(/^Invalid QuestionForm/) });
  });

  it("names the question and field of each problem in a draft", () => {
    expect(draftIssues(form)).toEqual([]);
    const bad: FormDraft = {
      overview: { title: "", text: "" },
      questions: [
        { identifier: "a b", required: true, text: "", answer: { kind: "number", min: 5, max: 1 } },
        {
          identifier: "x",
          required: true,
          text: "Q",
          answer: {
            kind: "multiple",
            minCount: 2,
            maxCount: 3,
            choices: [
              { identifier: "c", text: "C" },
              { identifier: "c", text: "" },
            ],
          },
        },
      ],
    };
    expect(draftIssues(bad)).toEqual([
      "Question 1: identifier — use 1–64 letters, digits, dots, dashes or underscores",
      "Question 1: write the question",
      "Question 1: minimum is above the maximum",
      'Question 2, choice 2: identifier "c" is used twice',
      "Question 2, choice 2: write the choice",
      "Question 2: choose between 0 and 2 as the minimum and 1 to 2 as the maximum, minimum not above maximum",
    ]);
  });
});
