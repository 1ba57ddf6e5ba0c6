import { expect, test, type Frame, type Page } from "@playwright/test";
import { buildQuestionFormAnswers, parseQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { parseQuestionForm } from "@/lib/mturk-formats/question-form";
import { renderQuestionFormDocument } from "@/lib/mturk-formats/question-form-document";
import { readQuestionFormSubmission } from "@/lib/mturk-formats/question-form-submission";

// HITdesk's own rendering of a QuestionForm, as a worker meets it: in a sandboxed iframe with an
// opaque origin, posting a plain HTML form. No app server: page.route serves everything.

const ORIGIN = "http://task.test";
const ACTION = `${ORIGIN}/submit`;

const photo = (name: string, from: string, to: string, shape: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200" viewBox="0 0 320 200">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
<rect width="320" height="200" fill="url(#g)"/>${shape}<text x="16" y="186" font-family="sans-serif" font-size="16" fill="#fff">${name}</text></svg>`;
const IMAGES: Record<string, string> = {
  "/img/board.svg": photo("Product: desk lamp", "#334155", "#64748b", `<rect x="130" y="40" width="60" height="100" rx="8" fill="#fbbf24"/>`),
  "/img/a.svg": photo("Photo A", "#0ea5e9", "#1e3a8a", `<circle cx="160" cy="90" r="50" fill="#fde68a"/>`),
  "/img/b.svg": photo("Photo B", "#f97316", "#7c2d12", `<rect x="110" y="40" width="100" height="100" fill="#fef3c7"/>`),
  "/img/c.svg": photo("Photo C", "#22c55e", "#14532d", `<polygon points="160,30 220,150 100,150" fill="#dcfce7"/>`),
};

const image = (path: string, alt: string) => `<Binary><MimeType><Type>image</Type><SubType>svg+xml</SubType></MimeType><DataURL>${ORIGIN}${path}</DataURL><AltText>${alt}</AltText></Binary>`;
const choice = (id: string, text: string) => `<Selection><SelectionIdentifier>${id}</SelectionIdentifier><Text>${text}</Text></Selection>`;

/** A 2005-10-01 form (so FileUploadAnswer and Application are allowed) using every answer type and style. */
const QUESTION_FORM = `<QuestionForm xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionForm.xsd">
  <Overview>
    <Title>Review a product listing</Title>
    <Text>
      Look at the product photo and answer a few questions.
      Take your time: there are no trick questions.
    </Text>
    <List><ListItem>Answers marked Required must be filled in.</ListItem><ListItem>Be honest &amp; specific.</ListItem></List>
    ${image("/img/board.svg", "A desk lamp on a grey background")}
    <FormattedContent><![CDATA[<p>The listing says: <b>“adjustable arm”</b>, <i>warm light</i>.</p><table><tr><th>Price</th><td>$24.99</td></tr><tr><th>Seller</th><td>Lumen &amp; Co.</td></tr></table>]]></FormattedContent>
    <EmbeddedBinary><EmbeddedMimeType><Type>application</Type><SubType>x-shockwave-flash</SubType></EmbeddedMimeType><DataURL>${ORIGIN}/media/tour.swf</DataURL><AltText>A 360° tour of the lamp</AltText><Width>400</Width><Height>300</Height></EmbeddedBinary>
    <Application><Flash><FlashMovieURL>${ORIGIN}/media/game.swf</FlashMovieURL><Width>400</Width><Height>300</Height></Flash></Application>
  </Overview>
  <Question>
    <QuestionIdentifier>nick &amp; "name"</QuestionIdentifier><DisplayName>Nickname</DisplayName><IsRequired>true</IsRequired>
    <QuestionContent><Text>What should we call you?</Text></QuestionContent>
    <AnswerSpecification><FreeTextAnswer><Constraints><Length minLength="2" maxLength="40"/><AnswerFormatRegex regex="\\S" errorText="Your nickname cannot be blank."/></Constraints></FreeTextAnswer></AnswerSpecification>
  </Question>
  <Question>
    <QuestionIdentifier>age</QuestionIdentifier><DisplayName>Age</DisplayName><IsRequired>true</IsRequired>
    <QuestionContent><Text>How old are you?</Text></QuestionContent>
    <AnswerSpecification><FreeTextAnswer><Constraints><IsNumeric minValue="18" maxValue="99"/></Constraints></FreeTextAnswer></AnswerSpecification>
  </Question>
  <Question>
    <QuestionIdentifier>commentaire général</QuestionIdentifier><DisplayName>Anything else?</DisplayName>
    <QuestionContent><Text>Tell us what you think of the listing.</Text></QuestionContent>
    <AnswerSpecification><FreeTextAnswer><Constraints><Length maxLength="200"/></Constraints><DefaultText>No comments.</DefaultText><NumberOfLinesSuggestion>4</NumberOfLinesSuggestion></FreeTextAnswer></AnswerSpecification>
  </Question>
  <Question>
    <QuestionIdentifier>sku</QuestionIdentifier>
    <QuestionContent><Text>If the box shows a product code, copy it here.</Text></QuestionContent>
    <AnswerSpecification><FreeTextAnswer><Constraints><AnswerFormatRegex regex="^[A-Z]{3}-\\d{3}$" flags="i" errorText="Use the format ABC-123."/></Constraints></FreeTextAnswer></AnswerSpecification>
  </Question>
  <Question>
    <QuestionIdentifier>best photo</QuestionIdentifier><DisplayName>Best photo</DisplayName><IsRequired>true</IsRequired>
    <QuestionContent><Text>Which photo shows the product best?</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><Selections>
      <Selection><SelectionIdentifier>photo-a</SelectionIdentifier>${image("/img/a.svg", "Photo A, sunny")}</Selection>
      <Selection><SelectionIdentifier>photo-b</SelectionIdentifier>${image("/img/b.svg", "Photo B, warm")}</Selection>
      <Selection><SelectionIdentifier>photo-c</SelectionIdentifier>${image("/img/c.svg", "Photo C, green")}</Selection>
    </Selections></SelectionAnswer></AnswerSpecification>
  </Question>
  <Question>
    <QuestionIdentifier>colours</QuestionIdentifier><DisplayName>Colours you see</DisplayName><IsRequired>true</IsRequired>
    <QuestionContent><Text>Pick the colours of the lamp.</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><MinSelectionCount>2</MinSelectionCount><MaxSelectionCount>3</MaxSelectionCount><StyleSuggestion>checkbox</StyleSuggestion><Selections>
      ${choice("red", "Red")}${choice("blue", "Blue")}${choice("gold", "Gold")}${choice("black", "Black")}
      <OtherSelection><Constraints><Length minLength="3"/></Constraints></OtherSelection>
    </Selections></SelectionAnswer></AnswerSpecification>
  </Question>
  <Question>
    <QuestionIdentifier>size</QuestionIdentifier><DisplayName>Size</DisplayName><IsRequired>true</IsRequired>
    <QuestionContent><Text>How big does it look?</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><StyleSuggestion>dropdown</StyleSuggestion><Selections>${choice("S", "Small")}${choice("M", "Medium")}${choice("L", "Large")}</Selections></SelectionAnswer></AnswerSpecification>
  </Question>
  <Question>
    <QuestionIdentifier>features</QuestionIdentifier><DisplayName>Features</DisplayName>
    <QuestionContent><Text>Which two features matter most?</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><MaxSelectionCount>2</MaxSelectionCount><StyleSuggestion>list</StyleSuggestion><Selections>${choice("fast", "Fast to set up")}${choice("quiet", "Quiet switch")}${choice("cheap", "Low price")}</Selections></SelectionAnswer></AnswerSpecification>
  </Question>
  <Question>
    <QuestionIdentifier>country</QuestionIdentifier><DisplayName>Country</DisplayName><IsRequired>true</IsRequired>
    <QuestionContent><Text>Where are you shopping from?</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><StyleSuggestion>combobox</StyleSuggestion><Selections>${choice("FR", "France")}${choice("DE", "Germany")}${choice("JP", "Japan")}${choice("US", "United States")}</Selections></SelectionAnswer></AnswerSpecification>
  </Question>
  <Question>
    <QuestionIdentifier>tags</QuestionIdentifier><DisplayName>Tags</DisplayName>
    <QuestionContent><Text>Choose up to three tags.</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><MinSelectionCount>1</MinSelectionCount><MaxSelectionCount>3</MaxSelectionCount><StyleSuggestion>multichooser</StyleSuggestion><Selections>
      ${choice("modern", "Modern")}${choice("retro", "Retro")}<Selection><SelectionIdentifier>cosy</SelectionIdentifier><FormattedContent><![CDATA[<b>Cosy</b> &amp; warm]]></FormattedContent></Selection>${choice("office", "Office")}
    </Selections></SelectionAnswer></AnswerSpecification>
  </Question>
  <Question>
    <QuestionIdentifier>receipt</QuestionIdentifier><DisplayName>Receipt</DisplayName>
    <QuestionContent><Text>Upload a photo of your receipt, if you have one.</Text></QuestionContent>
    <AnswerSpecification><FileUploadAnswer><MaxFileSizeInBytes>3000000</MaxFileSizeInBytes><MinFileSizeInBytes>1000</MinFileSizeInBytes></FileUploadAnswer></AnswerSpecification>
  </Question>
  <Question>
    <QuestionIdentifier>mood</QuestionIdentifier><DisplayName>Mood</DisplayName>
    <QuestionContent><Text>How does the lamp make you feel?</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><StyleSuggestion>radiobutton</StyleSuggestion><Selections>${choice("calm", "Calm")}${choice("happy", "Happy")}<OtherSelection/></Selections></SelectionAnswer></AnswerSpecification>
  </Question>
</QuestionForm>`;

const form = parseQuestionForm(QUESTION_FORM);

/** Serves the task (and a host page framing it as the worker site does); records every POST. */
async function serve(page: Page, preview: boolean): Promise<string[]> {
  const posts: string[] = [];
  const html = renderQuestionFormDocument(form, {
    action: ACTION,
    hiddenFields: { assignmentId: preview ? "ASSIGNMENT_ID_NOT_AVAILABLE" : "A1B2C3" },
    preview,
    title: "Review a product listing",
  });
  await page.route(`${ORIGIN}/**`, async (route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    if (request.method() === "POST" && request.url() === ACTION) {
      posts.push(request.postData() ?? "");
      return route.fulfill({ contentType: "text/html", body: "<!DOCTYPE html><p>Thanks, your answers were sent.</p>" });
    }
    if (path === "/task") return route.fulfill({ contentType: "text/html; charset=utf-8", body: html });
    if (path === "/host") {
      return route.fulfill({
        contentType: "text/html",
        body: `<!DOCTYPE html><title>Worker site</title><iframe title="HIT" sandbox="allow-scripts allow-forms" src="/task" style="width:100%;height:2600px;border:0"></iframe>`,
      });
    }
    const svg = IMAGES[path];
    if (svg) return route.fulfill({ contentType: "image/svg+xml", body: svg });
    return route.fulfill({ status: 404, body: "" });
  });
  return posts;
}

async function taskFrame(page: Page): Promise<Frame> {
  await page.goto(`${ORIGIN}/host`);
  const frame = page.frame({ url: `${ORIGIN}/task` });
  if (!frame) throw new Error("the task frame did not load");
  await expect(frame.getByRole("heading", { name: "Nickname" })).toBeVisible();
  return frame;
}

/** The fields the browser would post right now, read by the server as if posted. */
async function serverView(frame: Frame) {
  const entries = await frame.evaluate(() => [...new FormData(document.getElementById("hd-form") as HTMLFormElement)].map(([k, v]) => [k, typeof v === "string" ? v : v.name]));
  return readQuestionFormSubmission(form, new URLSearchParams(entries));
}

async function shownErrors(frame: Frame): Promise<string[]> {
  return frame.locator(".q-error:not([hidden])").allTextContents();
}

test("a worker fills in every kind of question; the browser and the server agree on what is wrong", async ({ page }) => {
  const posts = await serve(page, false);
  const frame = await taskFrame(page);
  // The sandbox gives the task an opaque origin.
  expect(await frame.evaluate(() => window.origin)).toBe("null");

  const question = (name: string) => frame.locator("section.question").filter({ has: frame.getByRole("heading", { name, exact: true }) });
  const submit = frame.getByRole("button", { name: "Submit" });

  // Content: every kind, text escaped, deprecated kinds explained.
  await expect(frame.getByRole("heading", { name: "Review a product listing" })).toBeVisible();
  await expect(frame.getByText("Be honest & specific.")).toBeVisible();
  await expect(frame.getByRole("img", { name: "A desk lamp on a grey background" })).toBeVisible();
  await expect(frame.getByRole("cell", { name: "Lumen & Co." })).toBeVisible();
  await expect(frame.getByText("Embedded application/x-shockwave-flash content cannot be shown here: A 360° tour of the lamp")).toBeVisible();
  await expect(frame.getByText("a Flash application, which MTurk no longer supports")).toBeVisible();
  await expect(question("Receipt")).toContainText("File upload is not supported on HITdesk. You can leave this question out.");
  await expect(frame.getByRole("heading", { name: "Question 4" })).toBeVisible();
  await expect(question("Nickname").getByText("Required")).toBeVisible();
  await expect(question("Anything else?").getByText("Required")).toHaveCount(0);
  await expect(frame.getByRole("textbox", { name: "Anything else?" })).toHaveValue("No comments.");

  // 1. Submit untouched: every required question is flagged, the first one gets the focus.
  await submit.click();
  const required = [
    "Nickname: an answer is required.",
    "Age: an answer is required.",
    "Best photo: choose one option.",
    "Colours you see: choose 2 to 3 options.",
    "Size: choose one option.",
    "Country: choose one option.",
  ];
  await expect(frame.locator(".q-error:not([hidden])")).toHaveText(required);
  await expect(frame.getByRole("alert").filter({ hasText: "answers need attention" })).toHaveText("6 answers need attention before you can submit.");
  await expect(frame.getByRole("textbox", { name: "Nickname" })).toBeFocused();
  await expect(frame.getByRole("textbox", { name: "Nickname" })).toHaveAttribute("aria-invalid", "true");
  let server = await serverView(frame);
  expect(server.ok ? [] : server.errors.map((e) => e.message)).toEqual(await shownErrors(frame));

  // 2. Wrong answers, typed as a worker would.
  await page.keyboard.type("   ");
  await page.keyboard.press("Tab");
  await expect(frame.getByRole("textbox", { name: "Age" })).toBeFocused();
  await page.keyboard.type("17");
  await frame.getByRole("textbox", { name: "Question 4" }).fill("abc");
  await question("Colours you see").getByRole("checkbox", { name: "Red" }).check();
  await question("Colours you see").getByRole("textbox", { name: "Colours you see: other answer" }).fill("te");
  await expect(question("Colours you see").getByRole("checkbox", { name: "Other:" })).toBeChecked();
  await submit.click();
  await expect(frame.locator(".q-error:not([hidden])")).toHaveText([
    "Nickname: Your nickname cannot be blank.",
    "Age: enter a number from 18 to 99.",
    "Question 4: Use the format ABC-123.",
    "Best photo: choose one option.",
    "Colours you see (Other): use at least 3 characters.",
    "Size: choose one option.",
    "Country: choose one option.",
  ]);
  server = await serverView(frame);
  expect(server.ok ? [] : server.errors.map((e) => e.message)).toEqual(await shownErrors(frame));

  // Fixing a field clears its error as soon as it is right.
  const nickname = frame.getByRole("textbox", { name: "Nickname" });
  await nickname.fill("Ada ✓");
  await expect(question("Nickname").locator(".q-error")).toBeHidden();
  await expect(nickname).not.toHaveAttribute("aria-invalid", "true");

  // 3. Right answers: keyboard for text, radios and the list, clicks elsewhere.
  const age = frame.getByRole("textbox", { name: "Age" });
  await age.press("ControlOrMeta+a");
  await age.pressSequentially("34");
  const feedback = frame.getByRole("textbox", { name: "Anything else?" });
  await feedback.press("ControlOrMeta+a");
  await feedback.pressSequentially('Nice lamp & "cosy" light.');
  await feedback.press("Enter");
  await feedback.pressSequentially("Shipping was slow.");
  await expect(question("Anything else?").locator(".counter")).toHaveText("44 / 200");
  await frame.getByRole("textbox", { name: "Question 4" }).fill("abc-123");

  await question("Best photo").getByRole("radio", { name: "Photo A, sunny" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(question("Best photo").getByRole("radio", { name: "Photo B, warm" })).toBeChecked();

  const colours = question("Colours you see");
  await colours.getByRole("checkbox", { name: "Gold" }).focus();
  await page.keyboard.press("Space");
  await colours.getByRole("textbox", { name: "Colours you see: other answer" }).fill("teal");

  await frame.getByRole("combobox", { name: "Size" }).selectOption({ label: "Medium" });
  await frame.getByRole("listbox", { name: "Features" }).selectOption([{ label: "Quiet switch" }, { label: "Fast to set up" }]);

  const country = question("Country");
  await country.getByRole("searchbox", { name: "Filter the choices for Country" }).fill("ger");
  await expect(country.getByRole("radio", { name: "France" })).toBeHidden();
  await country.getByText("Germany").click();
  await expect(country.getByRole("radio", { name: "Germany" })).toBeChecked();

  const tags = question("Tags");
  await tags.getByText("Cosy").click();
  await tags.getByText("Modern").click();
  await expect(tags.locator(".counter")).toHaveText("2 chosen");

  // Mood: chosen, then cleared again — it is optional.
  await question("Mood").getByRole("radio", { name: "Happy" }).check();
  await question("Mood").getByRole("button", { name: "Clear choice" }).click();
  await expect(question("Mood").getByRole("radio", { name: "Happy" })).not.toBeChecked();

  expect(posts).toEqual([]);
  await submit.click();
  await expect(frame.getByText("Thanks, your answers were sent.")).toBeVisible();

  // The server reads what was posted.
  expect(posts).toHaveLength(1);
  const body = new URLSearchParams(posts[0]);
  expect(body.get("assignmentId")).toBe("A1B2C3");
  const result = readQuestionFormSubmission(form, body);
  expect(result).toEqual({
    ok: true,
    answers: [
      { questionIdentifier: `nick & "name"`, value: { freeText: "Ada ✓" } },
      { questionIdentifier: "age", value: { freeText: "34" } },
      { questionIdentifier: "commentaire général", value: { freeText: `Nice lamp & "cosy" light.\nShipping was slow.` } },
      { questionIdentifier: "sku", value: { freeText: "abc-123" } },
      { questionIdentifier: "best photo", value: { selections: ["photo-b"] } },
      { questionIdentifier: "colours", value: { selections: ["red", "gold"], otherSelectionText: "teal" } },
      { questionIdentifier: "size", value: { selections: ["M"] } },
      { questionIdentifier: "features", value: { selections: ["fast", "quiet"] } },
      { questionIdentifier: "country", value: { selections: ["DE"] } },
      { questionIdentifier: "tags", value: { selections: ["modern", "cosy"] } },
    ],
  });
  if (!result.ok) return;
  expect(parseQuestionFormAnswers(buildQuestionFormAnswers(result.answers)).map((a) => a.values)).toEqual(result.answers.map((a) => ("freeText" in a.value ? [a.value.freeText] : a.value.selections)));
});

test("a required file upload cannot be completed, and says so before anything is sent", async ({ page }) => {
  const upload = parseQuestionForm(QUESTION_FORM.replace("<DisplayName>Receipt</DisplayName>", "<DisplayName>Receipt</DisplayName><IsRequired>true</IsRequired>"));
  await page.route(`${ORIGIN}/**`, (route) => route.fulfill({ contentType: "text/html", body: renderQuestionFormDocument(upload, { action: ACTION, hiddenFields: {}, preview: false }) }));
  await page.goto(`${ORIGIN}/task`);
  const receipt = page.locator("section.question").filter({ has: page.getByRole("heading", { name: "Receipt" }) });
  await expect(receipt).toContainText("This question is required, so this HIT cannot be completed here");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(receipt.locator(".q-error")).toHaveText("Receipt: file upload is not supported here, so this HIT cannot be completed.");
});

test("a preview can be filled in but not submitted", async ({ page }) => {
  const posts = await serve(page, true);
  const frame = await taskFrame(page);
  const button = frame.getByRole("button", { name: "Accept the HIT to submit" });
  await expect(button).toBeDisabled();

  const nickname = frame.getByRole("textbox", { name: "Nickname" });
  await nickname.fill("Ada");
  await expect(nickname).toHaveValue("Ada");
  await frame.getByRole("combobox", { name: "Size" }).selectOption({ label: "Large" });
  await nickname.press("Enter");
  await button.click({ force: true });
  await frame.evaluate(() => (document.getElementById("hd-form") as HTMLFormElement).requestSubmit());

  // Still the same document, nothing posted, no validation run.
  await expect(nickname).toHaveValue("Ada");
  await expect(frame.locator(".q-error:not([hidden])")).toHaveCount(0);
  expect(posts).toEqual([]);
});

test("screenshot of the rendered form", async ({ page }) => {
  await serve(page, false);
  await page.setViewportSize({ width: 860, height: 900 });
  await page.goto(`${ORIGIN}/task`);
  await expect(page.getByRole("img", { name: "Photo C, green" })).toBeVisible();
  await page.screenshot({ path: "test-results/question-form.png", fullPage: true });
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.locator(".q-error:not([hidden])").first()).toBeVisible();
  await page.screenshot({ path: "test-results/question-form-errors.png", fullPage: true });
});
