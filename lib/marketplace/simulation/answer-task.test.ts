import { describe, expect, it } from "vitest";
import { answerTask } from "@/lib/marketplace/simulation/answer-task";
import { readHtmlTask } from "@/lib/marketplace/simulation/html-form";
import { deriveSeed, mulberry32 } from "@/lib/marketplace/simulation/profiles";
import { parseQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { validateQuestion } from "@/lib/mturk-formats/question";
import { parseQuestionForm, type FreeTextSpec, type SelectionSpec } from "@/lib/mturk-formats/question-form";

const HTML_NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd";
const QF_NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd";
const ANSWERS_SHAPE =
  /^<\?xml version="1\.0" encoding="ASCII"\?><QuestionFormAnswers xmlns="http:\/\/mechanicalturk\.amazonaws\.com\/AWSMechanicalTurkDataSchemas\/2005-10-01\/QuestionFormAnswers\.xsd">(<Answer><QuestionIdentifier>[^<]+<\/QuestionIdentifier>(<FreeText>[^<]*<\/FreeText>|(<SelectionIdentifier>[^<]+<\/SelectionIdentifier>)+)<\/Answer>)*<\/QuestionFormAnswers>$/;

const htmlQuestion = (html: string) => `<HTMLQuestion xmlns="${HTML_NS}"><HTMLContent><![CDATA[${html}]]></HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>`;
const rng = (n: number) => mulberry32(deriveSeed("test", n));

/** Answers as a map of identifier → values, after checking MTurk's XML shape. */
function answersOf(xml: string): Map<string, string[]> {
  expect(xml).toMatch(ANSWERS_SHAPE);
  const parsed = parseQuestionFormAnswers(xml);
  const map = new Map(parsed.map((a) => [a.questionIdentifier, a.values]));
  expect(map.size, "one answer per identifier").toBe(parsed.length);
  return map;
}

const freeText = (answers: Map<string, string[]>, id: string) => {
  const v = answers.get(id);
  expect(v, `answer for ${id}`).toBeDefined();
  expect(v).toHaveLength(1);
  return v![0]!;
};

describe("HTMLQuestion with a plain form", () => {
  const html = `<!DOCTYPE html><html><head>
    <script>document.write('<input name="fromScript">')</script>
    <style>.x > input { color: red }</style></head><body>
    <input name="outsideForm">
    <form name='mturk_form' method=post action="https://www.mturk.com/mturk/externalSubmit">
      <input type="hidden" name="assignmentId" value="">
      <input type="hidden" name="secret" value="42">
      <!-- <input name="commentedOut"> -->
      <p>Is the sentence positive?</p>
      <label><INPUT TYPE=radio name=sentiment value=positive> Positive</label>
      <label><input type="radio" name="sentiment" value="negative"> Negative</label>
      <label><input type="radio" name="sentiment" value="neutral" data-x="a > b"> Neutral</label>
      <input type="checkbox" name="topics" value="price"><input type="checkbox" name="topics" value="quality"><input type="checkbox" name="topics" value="delivery">
      <select name="country"><option value="">Choose one…</option><option>United States</option><option value="IN">India</option></select>
      <input type="number" name="stars" min="1" max="5">
      <input type="email" name="contact">
      <input name="zip" pattern="[0-9]{5}">
      <input name="nickname" maxlength="6">
      <input name="disabledField" disabled>
      <textarea name="comments" rows="3"><b>not a tag</b></textarea>
      <input type="submit" name="go" value="Submit">
    </form></body></html>`;

  it("reads the form's controls, skipping hidden, disabled, submit and out-of-form ones", () => {
    const task = readHtmlTask(html);
    expect(task.form).toBe("native");
    expect(task.controls.map((c) => c.name)).toEqual(["sentiment", "topics", "country", "stars", "contact", "zip", "nickname", "comments"]);
    const byName = new Map(task.controls.map((c) => [c.name, c]));
    expect(byName.get("sentiment")).toMatchObject({ kind: "choice", via: "radio", options: ["positive", "negative", "neutral"] });
    expect(byName.get("topics")).toMatchObject({ kind: "checkboxes", options: ["price", "quality", "delivery"] });
    expect(byName.get("country")).toMatchObject({ kind: "choice", via: "select", options: ["United States", "IN"] });
  });

  it("fills every field within its rules, in the shape a browser's submission gives", () => {
    for (let seed = 0; seed < 60; seed++) {
      const answers = answersOf(answerTask(htmlQuestion(html), rng(seed), 0.9));
      expect([...answers.keys()].sort()).toEqual(expect.arrayContaining(["comments", "contact", "country", "nickname", "sentiment", "stars", "zip"]));
      for (const absent of ["assignmentId", "secret", "outsideForm", "fromScript", "commentedOut", "disabledField", "go"]) expect(answers.has(absent)).toBe(false);
      expect(["positive", "negative", "neutral"]).toContain(freeText(answers, "sentiment"));
      expect(["United States", "IN"]).toContain(freeText(answers, "country"));
      const stars = Number(freeText(answers, "stars"));
      expect(Number.isInteger(stars) && stars >= 1 && stars <= 5).toBe(true);
      expect(freeText(answers, "contact")).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
      expect(freeText(answers, "zip")).toMatch(/^[0-9]{5}$/);
      expect(freeText(answers, "nickname").length).toBeLessThanOrEqual(6);
      expect(freeText(answers, "comments").length).toBeGreaterThan(0);
      // Ticked checkboxes post their values joined with "|", as answersFromSubmittedFields does.
      const topics = answers.get("topics")?.[0];
      if (topics !== undefined) for (const t of topics.split("|")) expect(["price", "quality", "delivery"]).toContain(t);
    }
  });

  it("picks plausibly at random without gold", () => {
    const seen = new Map<string, number>();
    for (let seed = 0; seed < 300; seed++) {
      const v = freeText(answersOf(answerTask(htmlQuestion(html), rng(seed), 0.9)), "sentiment");
      seen.set(v, (seen.get(v) ?? 0) + 1);
    }
    expect([...seen.keys()].sort()).toEqual(["negative", "neutral", "positive"]);
    for (const n of seen.values()) expect(n).toBeGreaterThan(60);
  });
});

describe("gold answers in HTML", () => {
  const gold = (extra = "") =>
    htmlQuestion(`<meta name="hitdesk:gold" content='{"sentiment": "negative", "animal": "Dog", "summary": "a red car"${extra}}'>
      <form><input type="radio" name="sentiment" value="positive"><input type="radio" name="sentiment" value="negative"><input type="radio" name="sentiment" value="neutral">
      <input name="summary"></form>`);

  it("answers correctly with probability = accuracy, otherwise a different option", () => {
    const rate = (accuracy: number) => {
      let right = 0;
      for (let seed = 0; seed < 1000; seed++) if (freeText(answersOf(answerTask(gold(), rng(seed), accuracy)), "sentiment") === "negative") right++;
      return right / 1000;
    };
    expect(rate(1)).toBe(1);
    expect(rate(0)).toBe(0);
    expect(Math.abs(rate(0.7) - 0.7)).toBeLessThan(0.05);
  });

  it("types the gold text when right and something else when wrong", () => {
    expect(freeText(answersOf(answerTask(gold(), rng(1), 1)), "summary")).toBe("a red car");
    for (let seed = 0; seed < 50; seed++) expect(freeText(answersOf(answerTask(gold(), rng(seed), 0)), "summary")).not.toBe("a red car");
  });

  it("ignores a malformed gold tag", () => {
    const q = htmlQuestion(`<meta name="hitdesk:gold" content="{not json"><form><input type="radio" name="a" value="x"><input type="radio" name="a" value="y"></form>`);
    expect(["x", "y"]).toContain(freeText(answersOf(answerTask(q, rng(3), 1)), "a"));
  });
});

interface Box {
  height: number;
  label: string;
  left: number;
  top: number;
  width: number;
}
/** The taskAnswers object of the template below. */
interface CrowdAnswers {
  animal: { label: string };
  scene: { label: string };
  kinds: { labels: string[] };
  pos: { on: boolean };
  neg: { on: boolean };
  agree: { on: boolean };
  title: string;
  why: string;
  confidence: number;
  vehicle: { annotatedResult: { boundingBoxes: Box[]; inputImageProperties: { height: number; width: number } } };
}

describe("crowd-form tasks", () => {
  const template = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
    <meta name="hitdesk:gold" content='{"animal": "Dog", "sentimentGroup": "neg", "agree": true, "kinds": ["Cat", "Bird"], "vehicle": "truck"}'>
    <crowd-form answer-format="flatten-objects">
      <crowd-classifier name="animal" categories="['Cat', 'Dog', 'Bird']" header="What animal?"><classification-target>…</classification-target></crowd-classifier>
      <crowd-image-classifier name="scene" src="https://example.com/a.jpg" categories='["Indoor", "Outdoor"]' header="Where?"></crowd-image-classifier>
      <crowd-classifier-multi-select name="kinds" categories="['Cat', 'Dog', 'Bird']" header="Which?"></crowd-classifier-multi-select>
      <crowd-radio-group name="sentimentGroup">
        <crowd-radio-button name="pos" value="positive">Positive</crowd-radio-button>
        <crowd-radio-button name="neg" value="negative">Negative</crowd-radio-button>
      </crowd-radio-group>
      <crowd-checkbox name="agree">I agree</crowd-checkbox>
      <crowd-input name="title" label="A title" max-length="20" required></crowd-input>
      <crowd-text-area name="why" rows="3"></crowd-text-area>
      <crowd-slider name="confidence" min="1" max="10" step="1"></crowd-slider>
      <crowd-bounding-box name="vehicle" src="https://example.com/street.jpg" header="Box the vehicles" labels="['car', 'truck']"></crowd-bounding-box>
    </crowd-form>`;

  it("submits one taskAnswers field holding [ { … } ] in the crowd elements' shapes", () => {
    for (let seed = 0; seed < 40; seed++) {
      const answers = answersOf(answerTask(htmlQuestion(template), rng(seed), 0.8));
      expect([...answers.keys()]).toEqual(["taskAnswers"]);
      const parsed = JSON.parse(freeText(answers, "taskAnswers")) as CrowdAnswers[];
      expect(Array.isArray(parsed) && parsed.length === 1).toBe(true);
      const t = parsed[0]!;
      expect(Object.keys(t)).toEqual(["animal", "scene", "kinds", "pos", "neg", "agree", "title", "why", "confidence", "vehicle"]);
      expect(["Cat", "Dog", "Bird"]).toContain(t.animal.label);
      expect(Object.keys(t.animal)).toEqual(["label"]);
      expect(["Indoor", "Outdoor"]).toContain(t.scene.label);
      expect(t.kinds.labels.length).toBeGreaterThan(0);
      for (const l of t.kinds.labels) expect(["Cat", "Dog", "Bird"]).toContain(l);
      expect(typeof t.pos.on).toBe("boolean");
      expect(t.pos.on).toBe(!t.neg.on);
      expect(typeof t.agree.on).toBe("boolean");
      expect(typeof t.title).toBe("string");
      expect(t.title.length).toBeGreaterThan(0);
      expect(typeof t.why).toBe("string");
      expect(Number.isInteger(t.confidence) && t.confidence >= 1 && t.confidence <= 10).toBe(true);
      const { boundingBoxes, inputImageProperties } = t.vehicle.annotatedResult;
      expect(Object.keys(inputImageProperties).sort()).toEqual(["height", "width"]);
      expect(boundingBoxes.length).toBeGreaterThan(0);
      for (const b of boundingBoxes) {
        expect(Object.keys(b).sort()).toEqual(["height", "label", "left", "top", "width"]);
        expect(["car", "truck"]).toContain(b.label);
        expect(b.left + b.width).toBeLessThanOrEqual(inputImageProperties.width);
        expect(b.top + b.height).toBeLessThanOrEqual(inputImageProperties.height);
        expect(b.width).toBeGreaterThan(0);
        expect(b.height).toBeGreaterThan(0);
      }
    }
  });

  it("gives the gold label, button, checkbox and set with accuracy 1, and never with accuracy 0", () => {
    const read = (seed: number, accuracy: number) => (JSON.parse(freeText(answersOf(answerTask(htmlQuestion(template), rng(seed), accuracy)), "taskAnswers")) as CrowdAnswers[])[0]!;
    for (let seed = 0; seed < 30; seed++) {
      const right = read(seed, 1);
      expect(right.animal).toEqual({ label: "Dog" });
      expect(right.neg).toEqual({ on: true });
      expect(right.pos).toEqual({ on: false });
      expect(right.agree).toEqual({ on: true });
      expect(right.kinds).toEqual({ labels: ["Cat", "Bird"] });
      for (const b of right.vehicle.annotatedResult.boundingBoxes) expect(b.label).toBe("truck");
      const wrong = read(seed, 0);
      expect(wrong.animal.label).not.toBe("Dog");
      expect(wrong.neg).toEqual({ on: false });
      expect(wrong.agree).toEqual({ on: false });
      expect([...wrong.kinds.labels].sort()).not.toEqual(["Bird", "Cat"]);
      for (const b of wrong.vehicle.annotatedResult.boundingBoxes) expect(b.label).toBe("car");
    }
  });
});

describe("QuestionForm tasks", () => {
  const form = `<?xml version="1.0" encoding="UTF-8"?>
<!-- hitdesk:gold {"color": "blue", "count": "7", "tags": ["b", "c"]} -->
<QuestionForm xmlns="${QF_NS}">
  <Overview><Text>Answer the questions.</Text></Overview>
  <Question><QuestionIdentifier>color</QuestionIdentifier><IsRequired>true</IsRequired><QuestionContent><Text>Sky color?</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><StyleSuggestion>radiobutton</StyleSuggestion><Selections>
      <Selection><SelectionIdentifier>red</SelectionIdentifier><Text>Red</Text></Selection>
      <Selection><SelectionIdentifier>blue</SelectionIdentifier><Text>Blue</Text></Selection>
      <Selection><SelectionIdentifier>green</SelectionIdentifier><Text>Green</Text></Selection>
    </Selections></SelectionAnswer></AnswerSpecification></Question>
  <Question><QuestionIdentifier>tags</QuestionIdentifier><QuestionContent><Text>Pick two or three</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><MinSelectionCount>2</MinSelectionCount><MaxSelectionCount>3</MaxSelectionCount><StyleSuggestion>checkbox</StyleSuggestion><Selections>
      <Selection><SelectionIdentifier>a</SelectionIdentifier><Text>A</Text></Selection>
      <Selection><SelectionIdentifier>b</SelectionIdentifier><Text>B</Text></Selection>
      <Selection><SelectionIdentifier>c</SelectionIdentifier><Text>C</Text></Selection>
      <Selection><SelectionIdentifier>d</SelectionIdentifier><Text>D</Text></Selection>
    </Selections></SelectionAnswer></AnswerSpecification></Question>
  <Question><QuestionIdentifier>count</QuestionIdentifier><IsRequired>true</IsRequired><QuestionContent><Text>How many?</Text></QuestionContent>
    <AnswerSpecification><FreeTextAnswer><Constraints><IsNumeric minValue="3" maxValue="12"/></Constraints></FreeTextAnswer></AnswerSpecification></Question>
  <Question><QuestionIdentifier>zip</QuestionIdentifier><QuestionContent><Text>Zip?</Text></QuestionContent>
    <AnswerSpecification><FreeTextAnswer><Constraints><Length minLength="5" maxLength="5"/><AnswerFormatRegex regex="\\d{5}" errorText="Five digits"/></Constraints></FreeTextAnswer></AnswerSpecification></Question>
  <Question><QuestionIdentifier>essay</QuestionIdentifier><QuestionContent><Text>Explain</Text></QuestionContent>
    <AnswerSpecification><FreeTextAnswer><Constraints><Length minLength="40" maxLength="200"/></Constraints><NumberOfLinesSuggestion>4</NumberOfLinesSuggestion></FreeTextAnswer></AnswerSpecification></Question>
</QuestionForm>`;

  /** Checks each answer against its question's specification, independently of the generator. */
  function expectValid(xml: string) {
    const spec = parseQuestionForm(form);
    const answers = answersOf(xml);
    expect([...answers.keys()]).toEqual(spec.questions.map((q) => q.identifier));
    for (const q of spec.questions) {
      const values = answers.get(q.identifier)!;
      if (q.answer.type === "Selection") {
        const s: SelectionSpec = q.answer;
        expect(values.length).toBeGreaterThanOrEqual(Math.max(1, s.minSelectionCount));
        expect(values.length).toBeLessThanOrEqual(s.maxSelectionCount);
        expect(new Set(values).size).toBe(values.length);
        for (const v of values) expect(s.selections.map((x) => x.identifier)).toContain(v);
      } else {
        const f = q.answer as FreeTextSpec;
        const text = values[0]!;
        if (f.constraints.isNumeric) {
          expect(text).toMatch(/^-?\d+$/);
          expect(Number(text)).toBeGreaterThanOrEqual(f.constraints.isNumeric.minValue ?? -Infinity);
          expect(Number(text)).toBeLessThanOrEqual(f.constraints.isNumeric.maxValue ?? Infinity);
        }
        if (f.constraints.length?.minLength !== undefined) expect(text.length).toBeGreaterThanOrEqual(f.constraints.length.minLength);
        if (f.constraints.length?.maxLength !== undefined) expect(text.length).toBeLessThanOrEqual(f.constraints.length.maxLength);
        for (const r of f.constraints.regexes) expect(text).toMatch(new RegExp(`^(?:${r.regex})$`));
      }
    }
  }

  it("is a valid QuestionForm (the marketplace accepts it)", () => {
    expect(validateQuestion(form)).toBe("QuestionForm");
  });

  it("answers every question within its constraints", () => {
    for (let seed = 0; seed < 80; seed++) expectValid(answerTask(form, rng(seed), 0.6));
  });

  it("follows the gold comment with probability = accuracy", () => {
    for (let seed = 0; seed < 40; seed++) {
      const right = answersOf(answerTask(form, rng(seed), 1));
      expect(right.get("color")).toEqual(["blue"]);
      expect(right.get("count")).toEqual(["7"]);
      expect(right.get("tags")).toEqual(["b", "c"]);
      const wrongXml = answerTask(form, rng(seed), 0);
      expectValid(wrongXml);
      const wrong = answersOf(wrongXml);
      expect(wrong.get("color")).not.toEqual(["blue"]);
      expect(wrong.get("count")).not.toEqual(["7"]);
      expect(wrong.get("tags")).not.toEqual(["b", "c"]);
    }
  });
});

describe("ExternalQuestion tasks", () => {
  it("submits a completion code", () => {
    const q = `<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd"><ExternalURL>https://example.com/survey?x=1&amp;y=2</ExternalURL><FrameHeight>600</FrameHeight></ExternalQuestion>`;
    const answers = answersOf(answerTask(q, rng(9), 0.9));
    expect([...answers.keys()]).toEqual(["completionCode"]);
    expect(freeText(answers, "completionCode")).toMatch(/^[A-Z0-9]{8}$/);
  });
});

describe("reproducibility", () => {
  it("gives the same answers for the same seed and different ones for another", () => {
    const q = htmlQuestion(`<form><textarea name="notes"></textarea><input name="title"><select name="s"><option>a</option><option>b</option><option>c</option></select></form>`);
    expect(answerTask(q, rng(5), 0.8)).toBe(answerTask(q, rng(5), 0.8));
    const distinct = new Set(Array.from({ length: 10 }, (_, i) => answerTask(q, rng(100 + i), 0.8)));
    expect(distinct.size).toBeGreaterThan(5);
  });
});
