import { describe, expect, it } from "vitest";
import { AnswerKeyError, parseAnswerKey, scoreAnswers } from "@/lib/mturk-formats/answer-key";
import { parseQuestionForm, QuestionFormError } from "@/lib/mturk-formats/question-form";
import { ANSWER_KEY_XML, answerKeyWithMapping, FILE_UPLOAD_2017_XML, FREE_TEXT_2005_XML, TEST_XML } from "./fixtures/qualification-xml";

describe("QuestionForm parsing", () => {
  it("returns questions with identifiers, answer specs and content in order", () => {
    const form = parseQuestionForm(TEST_XML);
    expect(form.version).toBe("2017-11-06");
    expect(form.items.map((i) => i.kind)).toEqual(["Overview", "Question", "Question"]);
    const [colour, primes] = form.questions;
    expect(colour).toMatchObject({ identifier: "colour", displayName: "Sky colour", isRequired: true, content: [{ kind: "Text", text: "What colour is a clear sky?" }] });
    expect(colour!.answer).toMatchObject({ type: "Selection", minSelectionCount: 1, maxSelectionCount: 1, style: "radiobutton" });
    expect(primes!.isRequired).toBe(false);
    expect(primes!.content).toEqual([{ kind: "FormattedContent", text: "<p>Pick the <b>primes</b></p>" }]);
    expect(primes!.answer).toMatchObject({
      type: "Selection",
      maxSelectionCount: 4,
      selections: [{ identifier: "2", content: { kind: "Text", text: "2" } }, { identifier: "3" }, { identifier: "4" }, { identifier: "9" }],
      otherSelection: { type: "FreeText", constraints: { length: { maxLength: 10 } } },
    });
  });

  it("reads free-text constraints and accepts FileUploadAnswer in the 2005-10-01 schema", () => {
    const form = parseQuestionForm(FREE_TEXT_2005_XML);
    expect(form.version).toBe("2005-10-01");
    expect(form.questions[0]!.answer).toEqual({
      type: "FreeText",
      constraints: { isNumeric: { minValue: 1, maxValue: 9 }, length: { minLength: 1, maxLength: 3 }, regexes: [{ regex: "^\\d$", errorText: "one digit", flags: undefined }] },
      defaultText: "5",
      numberOfLinesSuggestion: 1,
    });
    expect(form.questions[1]!.answer).toEqual({ type: "FileUpload", maxFileSizeInBytes: 1000, minFileSizeInBytes: 1 });
  });

  it.each([
    ["FileUploadAnswer in 2017-11-06", FILE_UPLOAD_2017_XML, /FileUploadAnswer/],
    ["malformed XML", "<QuestionForm><Question></QuestionForm>", /not well-formed/],
    ["a wrong namespace", TEST_XML.replace("2017-11-06/QuestionForm.xsd", "2099-01-01/QuestionForm.xsd"), /root element/],
    ["a duplicate question id", TEST_XML.replace("<QuestionIdentifier>primes", "<QuestionIdentifier>colour"), /duplicate QuestionIdentifier/],
    ["an unknown element", TEST_XML.replace("<DisplayName>Sky colour</DisplayName>", "<Bogus/>"), /unexpected element <Bogus>/],
    [
      "elements out of order",
      TEST_XML.replace("<DisplayName>Sky colour</DisplayName>\n    <IsRequired>true</IsRequired>", "<IsRequired>true</IsRequired><DisplayName>x</DisplayName>"),
      /out of order/,
    ],
    ["a bad style", TEST_XML.replace(">radiobutton<", ">slider<"), /StyleSuggestion/],
    ["min above max", TEST_XML.replace("<MinSelectionCount>1</MinSelectionCount>", "<MinSelectionCount>5</MinSelectionCount>"), /MinSelectionCount is greater/],
  ])("refuses %s", (_label, xml, message) => {
    expect(() => parseQuestionForm(xml)).toThrow(QuestionFormError);
    expect(() => parseQuestionForm(xml)).toThrow(message);
  });
});

describe("AnswerKey scoring", () => {
  const form = parseQuestionForm(TEST_XML);
  const answers = (colour: string[], primes: string[]) => [
    { questionIdentifier: "colour", values: colour },
    { questionIdentifier: "primes", values: primes },
  ];

  it("scores exact selection sets and maps the sum to a percentage", () => {
    const key = parseAnswerKey(ANSWER_KEY_XML, form);
    expect(scoreAnswers(key, answers(["blue"], ["3", "2"]))).toBe(100);
    expect(scoreAnswers(key, answers([" blue "], ["2"]))).toBe(33); // partial set: DefaultScore 0; 1/3 rounded down
    expect(scoreAnswers(key, answers(["green"], ["2", "3"]))).toBe(66);
    expect(scoreAnswers(key, [])).toBe(0);
  });

  it("applies scale and range mappings, and the raw sum without one", () => {
    const scale = parseAnswerKey(answerKeyWithMapping("<QualificationValueMapping><ScaleMapping><SummedScoreMultiplier>10.5</SummedScoreMultiplier></ScaleMapping></QualificationValueMapping>"));
    expect(scoreAnswers(scale, answers(["blue"], ["2", "3"]))).toBe(31);
    const range = parseAnswerKey(
      answerKeyWithMapping(
        "<QualificationValueMapping><RangeMapping><SummedScoreRange><InclusiveLowerBound>0</InclusiveLowerBound><InclusiveUpperBound>1</InclusiveUpperBound><QualificationValue>10</QualificationValue></SummedScoreRange><SummedScoreRange><InclusiveLowerBound>2</InclusiveLowerBound><InclusiveUpperBound>2</InclusiveUpperBound><QualificationValue>50</QualificationValue></SummedScoreRange><OutOfRangeQualificationValue>99</OutOfRangeQualificationValue></RangeMapping></QualificationValueMapping>",
      ),
    );
    expect(scoreAnswers(range, answers(["blue"], []))).toBe(10);
    expect(scoreAnswers(range, answers([], ["2", "3"]))).toBe(50);
    expect(scoreAnswers(range, answers(["blue"], ["2", "3"]))).toBe(99);
    expect(scoreAnswers(parseAnswerKey(answerKeyWithMapping("")), answers(["blue"], ["2", "3"]))).toBe(3);
  });

  it.each([
    ["a question missing from the Test", ANSWER_KEY_XML.replace("<QuestionIdentifier>colour", "<QuestionIdentifier>nope"), /"nope" is not in the Test/],
    ["a selection the question does not offer", ANSWER_KEY_XML.replace("<SelectionIdentifier>blue", "<SelectionIdentifier>red"), /"red" is not an option/],
    ["a non-integer score", ANSWER_KEY_XML.replace("<AnswerScore>1<", "<AnswerScore>x<"), /must be an integer/],
    ["the wrong root", ANSWER_KEY_XML.replace(/AnswerKey/g, "Key"), /root element/],
  ])("refuses %s", (_label, xml, message) => {
    expect(() => parseAnswerKey(xml, form)).toThrow(AnswerKeyError);
    expect(() => parseAnswerKey(xml, form)).toThrow(message);
  });
});
