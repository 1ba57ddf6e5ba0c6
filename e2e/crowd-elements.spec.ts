import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import { test, expect, type Page, type Request } from "@playwright/test";

/**
 * The offline crowd HTML elements (public/task-assets/crowd-html-elements.js) in Chromium,
 * without the HITdesk app: a fake origin http://task.test serves the task template, the script
 * and images, and records what the form posts to /mturk/externalSubmit.
 */

const ORIGIN = "http://task.test";
const SCRIPT_PATH = fileURLToPath(new URL("../public/task-assets/crowd-html-elements.js", import.meta.url));
const MTURK_SCRIPT = "https://assets.crowd.aws/crowd-html-elements.js";
const LOCAL_SCRIPT = "/task-assets/crowd-html-elements.js";

// ---------------------------------------------------------------- a PNG of known natural size

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An RGB PNG: a sky-blue background with a darker "object" rectangle, so screenshots show something. */
function makePng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const inObject = x > width * 0.3 && x < width * 0.6 && y > height * 0.35 && y < height * 0.8;
      const ground = y > height * 0.7;
      const [r, g, b] = inObject ? [196, 120, 60] : ground ? [120, 170, 110] : [170, 205, 235 - Math.round((y / height) * 40)];
      rows[row + 1 + x * 3] = r;
      rows[row + 2 + x * 3] = g;
      rows[row + 3 + x * 3] = b;
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

const PHOTO = { path: "/img/photo.png", width: 1200, height: 800 };
const PHOTO_PNG = makePng(PHOTO.width, PHOTO.height);

// ---------------------------------------------------------------- the fake origin

type Task = {
  /** Every request the page made, in order (method and URL). */
  requests: string[];
  errors: string[];
  /** Clicks `submit` (or runs it) and returns the posted form fields. */
  submit(action: () => Promise<void>): Promise<Record<string, string>>;
};

/**
 * Serves `body` as an MTurk template (with MTurk's script tag, rewritten to the local copy as
 * HITdesk does) and opens it the way the worker site does, with MTurk's query parameters.
 * `sandboxed` puts it in <iframe sandbox="allow-scripts allow-forms"> like the worker site.
 */
async function openTask(page: Page, body: string, opts: { assignmentId?: string; sandboxed?: boolean } = {}): Promise<Task> {
  const script = readFileSync(SCRIPT_PATH, "utf8");
  const template = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Task</title></head><body>\n<script src="${MTURK_SCRIPT}"></script>\n${body}\n</body></html>`;
  const html = template.split(MTURK_SCRIPT).join(LOCAL_SCRIPT);
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("request", (r) => requests.push(`${r.method()} ${r.url()}`));
  page.on("pageerror", (e) => errors.push(e.message));

  const query = new URLSearchParams({ assignmentId: opts.assignmentId ?? "A1", hitId: "H1", workerId: "W1", turkSubmitTo: ORIGIN });
  const taskUrl = `${ORIGIN}/task?${query}`;
  await page.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort(); // nothing may leave the fake origin
    if (url.pathname === "/host") {
      return route.fulfill({
        contentType: "text/html",
        body: `<!DOCTYPE html><body style="margin:0"><iframe sandbox="allow-scripts allow-forms" src="${taskUrl}" style="border:0;width:100vw;height:100vh"></iframe></body>`,
      });
    }
    if (url.pathname === "/task") return route.fulfill({ contentType: "text/html; charset=utf-8", body: html });
    if (url.pathname === LOCAL_SCRIPT) return route.fulfill({ contentType: "text/javascript; charset=utf-8", body: script });
    if (url.pathname === PHOTO.path) return route.fulfill({ contentType: "image/png", body: PHOTO_PNG });
    if (url.pathname === "/mturk/externalSubmit" && route.request().method() === "POST") {
      return route.fulfill({ contentType: "text/html", body: "<!DOCTYPE html><p>Thanks, your answers were submitted.</p>" });
    }
    return route.fulfill({ status: 404, body: "not found" });
  });
  await page.goto(opts.sandboxed ? `${ORIGIN}/host` : taskUrl);

  return {
    requests,
    errors,
    async submit(action) {
      const posted = page.waitForRequest((r: Request) => r.method() === "POST" && r.url() === `${ORIGIN}/mturk/externalSubmit`);
      await action();
      const request = await posted;
      expect(request.headers()["content-type"]).toContain("application/x-www-form-urlencoded");
      return Object.fromEntries(new URLSearchParams(request.postData() ?? ""));
    },
  };
}

/** taskAnswers parsed, checking MTurk's envelope: a JSON array holding exactly one object. */
function taskAnswers(fields: Record<string, string>): Record<string, unknown> {
  const parsed: unknown = JSON.parse(fields.taskAnswers ?? "null");
  expect(Array.isArray(parsed)).toBe(true);
  expect(parsed).toHaveLength(1);
  return (parsed as Record<string, unknown>[])[0]!;
}

// ---------------------------------------------------------------- templates

const SENTIMENT = `
<crowd-form answer-format="flatten-objects">
  <crowd-classifier
    name="sentiment"
    categories="['Strongly Negative', 'Negative', 'Neutral', 'Positive', 'Strongly Positive']"
    header="What sentiment does this text convey?"
    required
  >
    <classification-target>
      The new update made the app so much faster — I love it!
    </classification-target>
    <full-instructions header="Sentiment Analysis Instructions">
      <p><strong>Positive</strong> sentiment include: joy, excitement, delight</p>
      <p><strong>Negative</strong> sentiment include: anger, sarcasm, anxiety</p>
      <p><strong>Neutral</strong>: neither positive or negative, such as stating a fact</p>
    </full-instructions>
    <short-instructions>
      Choose the primary sentiment that is expressed by the text.
    </short-instructions>
  </crowd-classifier>
</crowd-form>`;

const SURVEY = `
<crowd-form>
  <h2>About this product page</h2>
  <crowd-radio-group>
    <crowd-radio-button name="useful" value="yes">Useful</crowd-radio-button>
    <crowd-radio-button name="notUseful">Not useful</crowd-radio-button>
  </crowd-radio-group>
  <crowd-checkbox name="website-found">Website found</crowd-checkbox>
  <crowd-checkbox name="image_attributes" value="blurry" checked>Blurry</crowd-checkbox>
  <crowd-checkbox name="image_attributes" value="dim">Too dim</crowd-checkbox>
  <crowd-input name="company" label="Company name"></crowd-input>
  <crowd-input name="employees" label="Number of employees" type="number"></crowd-input>
  <crowd-input name="unused" label="Optional note"></crowd-input>
  <crowd-text-area name="summary" label="Summary" rows="3" char-counter max-length="200"></crowd-text-area>
  <input type="hidden" name="source" value="csv-row-7">
  <select name="country"><option>FR</option><option selected>DE</option></select>
  <crowd-button form-action="submit">Submit answers</crowd-button>
</crowd-form>`;

// ---------------------------------------------------------------- tests

test("a sentiment template (crowd-classifier) is answered with the keyboard and posts MTurk's taskAnswers", async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  const task = await openTask(page, SENTIMENT, { sandboxed: true });
  const frame = page.frameLocator("iframe");

  await expect(frame.getByRole("heading", { name: "What sentiment does this text convey?" })).toBeVisible();
  await expect(frame.getByText("The new update made the app so much faster")).toBeVisible();
  await expect(frame.getByText("Choose the primary sentiment that is expressed by the text.")).toBeVisible();
  // Full instructions sit behind a disclosure.
  await expect(frame.getByText("anger, sarcasm, anxiety")).toBeHidden();
  await frame.getByText("View full instructions").click();
  await expect(frame.getByText("anger, sarcasm, anxiety")).toBeVisible();
  await frame.getByText("View full instructions").click();

  const categories = frame.getByRole("group", { name: "Choose a category" });
  await expect(categories.getByRole("radio")).toHaveCount(5);
  // Number keys pick categories; the last key wins.
  await frame.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("2");
  await expect(categories.getByRole("radio", { name: "Negative", exact: true })).toBeChecked();
  await page.keyboard.press("4");
  await expect(categories.getByRole("radio", { name: "Positive", exact: true })).toBeChecked();
  await expect(categories.getByRole("radio", { name: "Negative", exact: true })).not.toBeChecked();
  // Keys beyond the categories do nothing.
  await page.keyboard.press("9");
  await expect(categories.getByRole("radio", { name: "Positive", exact: true })).toBeChecked();
  await page.screenshot({ path: "test-results/crowd-classifier.png" });

  const submitButton = frame.getByRole("button", { name: "Submit" });
  await expect(submitButton).toBeEnabled();
  await submitButton.focus();
  const fields = await task.submit(() => page.keyboard.press("Enter"));
  expect(Object.keys(fields).sort()).toEqual(["assignmentId", "taskAnswers"]);
  expect(fields.assignmentId).toBe("A1");
  expect(taskAnswers(fields)).toEqual({ sentiment: { label: "Positive" } });
  await expect(frame.getByText("Thanks, your answers were submitted.")).toBeVisible();
  expect(task.errors).toEqual([]);
});

test("radio buttons, checkboxes, inputs, text areas and plain fields post the documented taskAnswers shapes", async ({ page }) => {
  const task = await openTask(page, SURVEY);

  await page.getByRole("radio", { name: "Not useful" }).check();
  await page.getByRole("radio", { name: "Useful", exact: true }).check();
  await expect(page.getByRole("radio", { name: "Not useful" })).not.toBeChecked();
  await page.getByRole("checkbox", { name: "Website found" }).check();
  await page.getByRole("checkbox", { name: "Blurry" }).uncheck();
  await page.getByRole("checkbox", { name: "Too dim" }).check();
  await page.getByLabel("Company name").fill("Acme Corp");
  await page.getByLabel("Number of employees").fill("42");
  await page.getByLabel("Summary").fill("Line one\nLine two");
  await expect(page.getByText("17 / 200 characters")).toBeVisible();
  // Only the template's own submit button: no default one is added.
  await expect(page.getByRole("button")).toHaveCount(1);

  const fields = await task.submit(() => page.getByRole("button", { name: "Submit answers" }).click());
  expect(Object.keys(fields).sort()).toEqual(["assignmentId", "taskAnswers"]);
  const answers = taskAnswers(fields);
  expect(answers).toEqual({
    useful: { yes: true },
    notUseful: { on: false },
    "website-found": { on: true },
    image_attributes: { blurry: false, dim: true },
    company: "Acme Corp",
    employees: 42,
    summary: "Line one\nLine two",
    source: "csv-row-7",
    country: "DE",
  });
  expect(typeof answers.employees).toBe("number");
  expect(answers).not.toHaveProperty("unused"); // empty inputs are left out, as on MTurk
  expect(task.errors).toEqual([]);
});

test("required fields block submission and say what is missing next to each field", async ({ page }) => {
  const task = await openTask(
    page,
    `<crowd-form>
      <crowd-input name="tag1" label="Word/phrase 1" required></crowd-input>
      <crowd-text-area name="why" label="Why?" required></crowd-text-area>
      <crowd-radio-group required>
        <crowd-radio-button name="yes">Yes</crowd-radio-button>
        <crowd-radio-button name="no">No</crowd-radio-button>
      </crowd-radio-group>
      <crowd-checkbox name="agree" required>Instructions were clear</crowd-checkbox>
      <crowd-classifier name="kind" categories='["News", "Opinion"]' header="What kind of text is this?" required>
        <classification-target>Rates will rise next quarter.</classification-target>
      </crowd-classifier>
      <crowd-input name="code" label="Code" min-length="4"></crowd-input>
    </crowd-form>`,
  );
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(r.url());
  });

  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.locator("crowd-input[name=tag1] .crowd-error")).toHaveText("This field is required.");
  await expect(page.locator("crowd-text-area[name=why] .crowd-error")).toHaveText("This field is required.");
  await expect(page.locator("crowd-radio-group .crowd-error")).toHaveText("Please choose an option.");
  await expect(page.locator("crowd-checkbox[name=agree] .crowd-error")).toHaveText("Please check this box to continue.");
  await expect(page.locator("crowd-classifier .crowd-error")).toHaveText("Please choose a category.");
  await expect(page.locator("crowd-input[name=code] .crowd-error")).toBeHidden(); // optional and empty
  await expect(page.getByRole("alert").filter({ hasText: "highlighted fields" })).toHaveText("Please fix the 5 highlighted fields before submitting.");
  // The first invalid field has focus, is marked invalid and described by its message.
  const tag1 = page.getByLabel("Word/phrase 1");
  await expect(tag1).toBeFocused();
  await expect(tag1).toHaveAttribute("aria-invalid", "true");
  await expect(tag1).toHaveAccessibleDescription("This field is required.");

  // Fixing a field clears its message; one still missing keeps the form from posting.
  await tag1.fill("sunset");
  await expect(page.locator("crowd-input[name=tag1] .crowd-error")).toBeHidden();
  await page.getByLabel("Why?").fill("Because");
  await page.getByRole("radio", { name: "No" }).check();
  await page.getByRole("checkbox", { name: "Instructions were clear" }).check();
  await page.getByLabel("Code").fill("ab");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.locator("crowd-classifier .crowd-error")).toHaveText("Please choose a category.");
  await expect(page.locator("crowd-input[name=code] .crowd-error")).toHaveText("Enter at least 4 characters.");
  await expect(page.getByRole("alert").filter({ hasText: "highlighted" })).toHaveText("Please fix the 2 highlighted fields before submitting.");
  // crowd-form builds its post form and submits it in the same task that would have shown this
  // message instead: no post form means nothing was or will be posted.
  await expect(page.locator("crowd-form input[name=taskAnswers]")).toHaveCount(0);
  expect(posts).toEqual([]);

  await page.getByRole("radio", { name: "Opinion" }).check();
  await page.getByLabel("Code").fill("abcd");
  const fields = await task.submit(() => page.getByRole("button", { name: "Submit" }).click());
  expect(taskAnswers(fields)).toEqual({ tag1: "sunset", why: "Because", yes: { on: false }, no: { on: true }, agree: { on: true }, kind: { label: "Opinion" }, code: "abcd" });
  expect(task.errors).toEqual([]);
});

test("a template's own submit handler can cancel the submission", async ({ page }) => {
  const task = await openTask(
    page,
    `<crowd-form>
      <crowd-input name="answer" label="Answer"></crowd-input>
    </crowd-form>
    <script>
      document.querySelector("crowd-form").onsubmit = function (e) {
        if (document.querySelector("crowd-input").value !== "42") { e.preventDefault(); document.title = "rejected"; }
      };
    </script>`,
  );
  await page.getByLabel("Answer").fill("41");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page).toHaveTitle("rejected");
  await page.getByLabel("Answer").fill("42");
  const fields = await task.submit(() => page.getByLabel("Answer").press("Enter"));
  expect(taskAnswers(fields)).toEqual({ answer: "42" });
});

test("in preview (ASSIGNMENT_ID_NOT_AVAILABLE) the task renders but cannot be submitted", async ({ page }) => {
  const task = await openTask(page, SURVEY.replace('<crowd-button form-action="submit">Submit answers</crowd-button>', ""), { assignmentId: "ASSIGNMENT_ID_NOT_AVAILABLE" });
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(r.url());
  });
  await page.getByLabel("Company name").fill("Acme");
  const submit = page.getByRole("button", { name: "Submit" });
  await expect(submit).toBeDisabled();
  await expect(page.getByText("Accept the HIT to submit", { exact: true })).toBeVisible();
  // Neither Enter in a field nor a script call posts anything.
  await page.getByLabel("Company name").press("Enter");
  await page.evaluate(() => (document.querySelector("crowd-form") as unknown as { submit(): void }).submit());
  // The refusal the worker sees, set where a submission would have built its post form.
  await expect(page.getByText("Accept the HIT to submit.", { exact: true })).toBeVisible();
  await expect(page.locator("crowd-form input[name=taskAnswers]")).toHaveCount(0);
  expect(posts).toEqual([]);
  expect(task.errors).toEqual([]);
});

test("a template's own crowd-button is disabled in preview too", async ({ page }) => {
  await openTask(page, `<crowd-form><crowd-input name="a" label="A"></crowd-input><crowd-button form-action="submit">Send</crowd-button></crowd-form>`, {
    assignmentId: "ASSIGNMENT_ID_NOT_AVAILABLE",
  });
  await expect(page.getByRole("button", { name: "Send" })).toBeDisabled();
  await expect(page.getByText("Accept the HIT to submit", { exact: true })).toBeVisible();
  await expect(page.getByRole("button")).toHaveCount(1);
});

test("a bounding box drawn with the mouse is posted in the image's natural pixels, as integers", async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 900 });
  const task = await openTask(
    page,
    `<crowd-form>
      <crowd-bounding-box
        name="annotatedResult"
        src="${PHOTO.path}"
        header="Draw a box around each vehicle"
        labels="['Car', 'Truck']"
        required
      >
        <full-instructions header="Bounding Box Instructions">
          <p>Draw a rectangle using your mouse over each instance of the target.</p>
        </full-instructions>
        <short-instructions>Draw boxes tightly around each vehicle.</short-instructions>
      </crowd-bounding-box>
    </crowd-form>`,
  );
  const img = page.locator("crowd-bounding-box img");
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(PHOTO.width);

  // Required: no box yet, no post.
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.locator("crowd-bounding-box .crowd-error")).toHaveText("Please draw at least one box.");
  await expect(page.getByRole("alert").filter({ hasText: "highlighted" })).toHaveText("Please fix the highlighted field before submitting.");

  const shown = (await img.boundingBox())!;
  expect(Math.abs(shown.width - PHOTO.width)).toBeGreaterThan(100); // displayed at another size than natural
  const scale = PHOTO.width / shown.width;
  const drag = async (x0: number, y0: number, x1: number, y1: number) => {
    await page.mouse.move(shown.x + x0, shown.y + y0);
    await page.mouse.down();
    await page.mouse.move(shown.x + (x0 + x1) / 2, shown.y + (y0 + y1) / 2, { steps: 3 });
    await page.mouse.move(shown.x + x1, shown.y + y1, { steps: 3 });
    await page.mouse.up();
  };
  // A Car box dragged top-left to bottom-right, then a Truck box dragged the other way round.
  await drag(101.3, 62.7, 301.6, 212.2);
  await page.getByRole("radio", { name: "Truck" }).check();
  await drag(420, 300, 350, 240);
  // A third box, deleted from the list.
  await drag(20, 20, 60, 60);
  await expect(page.getByRole("list", { name: "Boxes drawn" }).getByRole("listitem")).toHaveCount(3);
  await page.getByRole("button", { name: "Delete box 3 (Truck)" }).click();
  await expect(page.getByRole("list", { name: "Boxes drawn" }).getByRole("listitem")).toHaveCount(2);
  await expect(page.locator("crowd-bounding-box .crowd-error")).toBeHidden();
  await expect(page.getByRole("alert").filter({ hasText: "highlighted" })).toHaveCount(0); // the form's summary line clears too
  await page.mouse.move(0, 0);
  await page.screenshot({ path: "test-results/crowd-bounding-box.png" });

  const fields = await task.submit(() => page.getByRole("button", { name: "Submit" }).click());
  const answers = taskAnswers(fields) as { annotatedResult: { boundingBoxes: Record<string, unknown>[]; inputImageProperties: unknown } };
  expect(Object.keys(answers)).toEqual(["annotatedResult"]);
  expect(answers.annotatedResult.inputImageProperties).toEqual({ height: PHOTO.height, width: PHOTO.width });
  const boxes = answers.annotatedResult.boundingBoxes;
  expect(boxes).toHaveLength(2);
  for (const box of boxes) {
    expect(Object.keys(box).sort()).toEqual(["height", "label", "left", "top", "width"]);
    for (const k of ["height", "left", "top", "width"]) expect(Number.isInteger(box[k])).toBe(true);
  }
  // Expected natural coordinates from the CSS drag and the displayed scale (±1 px for rounding).
  const near = (actual: unknown, expected: number) => expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1);
  const [car, truck] = boxes as { label: string; left: number; top: number; width: number; height: number }[];
  expect(car!.label).toBe("Car");
  near(car!.left, 101.3 * scale);
  near(car!.top, 62.7 * scale);
  near(car!.width, (301.6 - 101.3) * scale);
  near(car!.height, (212.2 - 62.7) * scale);
  expect(truck!.label).toBe("Truck");
  near(truck!.left, 350 * scale);
  near(truck!.top, 240 * scale);
  near(truck!.width, 70 * scale);
  near(truck!.height, 60 * scale);
  expect(task.errors).toEqual([]);
});

test("bounding box: initial-value boxes load, can be moved with the keyboard and relabelled", async ({ page }) => {
  const task = await openTask(
    page,
    `<crowd-form>
      <crowd-bounding-box name="boxes" src="${PHOTO.path}" header="Check the boxes" labels="['Cat', 'Dog']"
        initial-value="[{ label: 'Cat', left: 100, top: 120, width: 300, height: 200, }]"></crowd-bounding-box>
    </crowd-form>`,
  );
  await expect.poll(() => page.locator("crowd-bounding-box img").evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(PHOTO.width);
  await page.getByRole("button", { name: "Select box 1, Cat" }).click();
  await page.getByRole("radio", { name: "Dog" }).check();
  await page.getByRole("application").focus();
  await page.keyboard.press("ArrowRight");
  const fields = await task.submit(() => page.getByRole("button", { name: "Submit" }).click());
  const value = taskAnswers(fields).boxes as { boundingBoxes: { label: string; left: number; top: number; width: number; height: number }[]; initialValueModified: boolean };
  expect(value.initialValueModified).toBe(true);
  expect(value.boundingBoxes).toHaveLength(1);
  const [box] = value.boundingBoxes;
  expect(box!.label).toBe("Dog");
  expect(box!.left).toBeGreaterThan(100);
  expect([box!.top, box!.width, box!.height]).toEqual([120, 300, 200]);
});

test("crowd-image-classifier shows the image and posts the chosen label", async ({ page }) => {
  const task = await openTask(
    page,
    `<crowd-form>
      <crowd-image-classifier
        src="${PHOTO.path}"
        categories="['Cat', 'Dog', 'Bird', 'None of the Above']"
        header="Choose the correct category for the image"
        name="category">
        <short-instructions><p>Read the task carefully and inspect the image.</p></short-instructions>
        <full-instructions header="Classification Instructions"><p>Use <b>None of the Above</b> if nothing fits.</p></full-instructions>
      </crowd-image-classifier>
    </crowd-form>`,
  );
  const img = page.getByRole("img", { name: "Choose the correct category for the image" });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(PHOTO.width);
  await page.getByText("Bird").click();
  await expect(page.getByRole("radio", { name: "Bird" })).toBeChecked();
  await page.keyboard.press("2");
  await expect(page.getByRole("radio", { name: "Dog" })).toBeChecked();
  const fields = await task.submit(() => page.getByRole("button", { name: "Submit" }).click());
  expect(taskAnswers(fields)).toEqual({ category: { label: "Dog" } });
  expect(task.errors).toEqual([]);
});

test("the script makes no network requests beyond what the template itself loads", async ({ page }) => {
  const task = await openTask(
    page,
    `<crowd-form>
      <crowd-instructions link-text="View instructions">
        <short-summary><p>Label the photo.</p></short-summary>
        <detailed-instructions><p>Look closely.</p></detailed-instructions>
        <positive-example><p>A clear photo.</p></positive-example>
        <negative-example><p>A blurry photo.</p></negative-example>
      </crowd-instructions>
      <crowd-alert type="warning" dismissible>Take your time.</crowd-alert>
      <crowd-card heading="Context"><p>Shot at dawn.</p></crowd-card>
      <crowd-image-classifier name="c" src="${PHOTO.path}" categories="['A', 'B']" header="Pick one"></crowd-image-classifier>
      <crowd-bounding-box name="b" src="${PHOTO.path}" labels="['A']" header="Box it"></crowd-bounding-box>
      <crowd-input name="i" label="Input"></crowd-input>
      <crowd-text-area name="t" label="Text"></crowd-text-area>
      <crowd-checkbox name="x">X</crowd-checkbox>
      <crowd-radio-group><crowd-radio-button name="r">R</crowd-radio-button></crowd-radio-group>
    </crowd-form>`,
  );
  await expect(page.getByRole("heading", { name: "Box it" })).toBeVisible();
  await page.getByText("View instructions").click();
  await expect(page.getByText("A blurry photo.")).toBeVisible();
  await page.getByRole("radio", { name: "B" }).check();
  await page.getByRole("button", { name: "Dismiss" }).click();
  await expect(page.getByText("Take your time.")).toBeHidden();
  await page.waitForLoadState("networkidle");

  const taskUrl = task.requests[0]!;
  expect(taskUrl).toMatch(/^GET http:\/\/task\.test\/task\?assignmentId=A1&/);
  // The page, the (rewritten) script tag and the template's image: nothing else, no fonts, no crowd.aws.
  expect(new Set(task.requests.filter((r) => !r.endsWith("/favicon.ico")))).toEqual(new Set([taskUrl, `GET ${ORIGIN}${LOCAL_SCRIPT}`, `GET ${ORIGIN}${PHOTO.path}`]));

  const before = task.requests.length;
  const fields = await task.submit(() => page.getByRole("button", { name: "Submit" }).click());
  expect(task.requests.slice(before, before + 1)).toEqual([`POST ${ORIGIN}/mturk/externalSubmit`]);
  expect(taskAnswers(fields)).toMatchObject({ c: { label: "B" }, b: { boundingBoxes: [], inputImageProperties: { width: PHOTO.width, height: PHOTO.height } }, x: { on: false }, r: { on: false } });
  expect(task.errors).toEqual([]);
});

test("the action attribute overrides turkSubmitTo", async ({ page }) => {
  const task = await openTask(page, `<crowd-form action="${ORIGIN}/mturk/externalSubmit?custom=1"><crowd-input name="a" label="A" value="preset"></crowd-input></crowd-form>`);
  const posted = page.waitForRequest((r) => r.method() === "POST");
  await page.getByRole("button", { name: "Submit" }).click();
  const request = await posted;
  expect(request.url()).toBe(`${ORIGIN}/mturk/externalSubmit?custom=1`);
  expect(JSON.parse(new URLSearchParams(request.postData() ?? "").get("taskAnswers")!)).toEqual([{ a: "preset" }]);
  expect(task.errors).toEqual([]);
});
