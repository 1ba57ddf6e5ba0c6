import { parseCsv } from "@/lib/csv/parse-csv";
import type { ProjectDesign } from "@/lib/projects/project-design";

/**
 * Starting points for projects, written for HITdesk: they work offline (crowd-* elements are
 * served by HITdesk), answer in MTurk's shapes, and each comes with a sample CSV row.
 */
export interface ProjectTemplate {
  id: string;
  name: string;
  summary: string;
  design: ProjectDesign;
  sampleCsv: string;
}

const CROWD = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>`;

const base = {
  keywords: "",
  reward: "0.05",
  assignmentsPerHit: 3,
  lifetimeSeconds: 3 * 86_400,
  assignmentDurationSeconds: 600,
  autoApprovalDelaySeconds: 3 * 86_400,
  qualificationRequirements: [],
} satisfies Partial<ProjectDesign>;

export const PROJECT_TEMPLATES: ProjectTemplate[] = [
  {
    id: "categorization",
    name: "Categorization",
    summary: "Put an item into one of your categories.",
    design: {
      ...base,
      title: "Choose the best category for a product",
      description: "Read a short product description and pick the category it belongs to.",
      keywords: "categorization, classification, products",
      task: {
        kind: "HTMLQuestion",
        frameHeight: 0,
        html: `${CROWD}
<crowd-form>
  <crowd-classifier name="category" categories='["Electronics", "Clothing", "Home & Garden", "Toys", "Other"]' header="Which category fits this product best?">
    <classification-target>
      <h3>\${product_name}</h3>
      <p>\${product_description}</p>
    </classification-target>
    <full-instructions header="Categorization">Pick the single category a shopper would look in first. Use Other only if none fits.</full-instructions>
    <short-instructions>Pick the category a shopper would look in first.</short-instructions>
  </crowd-classifier>
</crowd-form>`,
      },
    },
    sampleCsv: `product_name,product_description\n"Wireless earbuds","Bluetooth 5.3 earbuds with a charging case"\n`,
  },
  {
    id: "sentiment",
    name: "Sentiment",
    summary: "Rate the sentiment of a text.",
    design: {
      ...base,
      title: "What is the sentiment of this review?",
      description: "Read one customer review and say whether it is positive, negative or neutral.",
      keywords: "sentiment, review, text",
      reward: "0.03",
      task: {
        kind: "HTMLQuestion",
        frameHeight: 0,
        html: `${CROWD}
<crowd-form>
  <crowd-classifier name="sentiment" categories='["Positive", "Negative", "Neutral"]' header="What is the sentiment of this review?">
    <classification-target>\${text}</classification-target>
    <full-instructions header="Sentiment">Positive: the writer is pleased. Negative: unhappy. Neutral: neither, or only facts.</full-instructions>
    <short-instructions>Choose the overall feeling of the writer.</short-instructions>
  </crowd-classifier>
</crowd-form>`,
      },
    },
    sampleCsv: `text\n"The food was wonderful and the staff were kind."\n`,
  },
  {
    id: "image-classification",
    name: "Image classification",
    summary: "Label what an image shows.",
    design: {
      ...base,
      title: "What does this image show?",
      description: "Look at one image and choose the label that describes it.",
      keywords: "image, classification, label",
      task: {
        kind: "HTMLQuestion",
        frameHeight: 0,
        html: `${CROWD}
<crowd-form>
  <crowd-image-classifier name="label" src="\${image_url}" categories='["Cat", "Dog", "Bird", "None of these"]' header="What does this image show?">
    <full-instructions header="Image classification">Choose the animal in the image. If there is none, choose None of these.</full-instructions>
    <short-instructions>Choose the animal shown.</short-instructions>
  </crowd-image-classifier>
</crowd-form>`,
      },
    },
    sampleCsv: `image_url\nhttps://images.example.com/cat-001.jpg\n`,
  },
  {
    id: "bounding-box",
    name: "Bounding box",
    summary: "Draw boxes around objects in an image.",
    design: {
      ...base,
      title: "Draw a box around every car",
      description: "Draw a tight box around each car in the image.",
      keywords: "image, bounding box, annotation",
      reward: "0.10",
      assignmentDurationSeconds: 900,
      task: {
        kind: "HTMLQuestion",
        frameHeight: 0,
        html: `${CROWD}
<crowd-form>
  <crowd-bounding-box name="annotatedResult" src="\${image_url}" header="Draw a box around every car" labels='["Car"]'>
    <full-instructions header="Bounding boxes">Draw one tight box per car, including partly hidden ones. Skip cars smaller than a fingernail on screen.</full-instructions>
    <short-instructions>One tight box per car.</short-instructions>
  </crowd-bounding-box>
</crowd-form>`,
      },
    },
    sampleCsv: `image_url\nhttps://images.example.com/street-017.jpg\n`,
  },
  {
    id: "transcription",
    name: "Text transcription",
    summary: "Type the text shown in an image.",
    design: {
      ...base,
      title: "Transcribe the text in this image",
      description: "Type exactly the text you see in a scanned snippet.",
      keywords: "transcription, OCR, typing",
      task: {
        kind: "HTMLQuestion",
        frameHeight: 0,
        html: `${CROWD}
<crowd-form>
  <crowd-instructions link-text="View instructions" link-type="button">
    <short-summary><p>Type the text exactly as written, keeping line breaks.</p></short-summary>
    <detailed-instructions><p>Do not correct spelling. Write [illegible] for words you cannot read.</p></detailed-instructions>
  </crowd-instructions>
  <p><img src="\${image_url}" alt="Text to transcribe" style="max-width: 100%"></p>
  <crowd-text-area name="transcription" label="Transcription" rows="6" required></crowd-text-area>
</crowd-form>`,
      },
    },
    sampleCsv: `image_url\nhttps://images.example.com/scan-042.png\n`,
  },
  {
    id: "survey-link",
    name: "Survey link with completion code",
    summary: "Send workers to your survey; they paste the code it shows at the end.",
    design: {
      ...base,
      title: "Answer a 10-minute research survey",
      description: "Follow the link, complete the survey, and paste the completion code it gives you.",
      keywords: "survey, research, study",
      reward: "1.50",
      assignmentsPerHit: 9,
      assignmentDurationSeconds: 3600,
      task: {
        kind: "HTMLQuestion",
        frameHeight: 0,
        html: `${CROWD}
<crowd-form>
  <h2>Research survey</h2>
  <p>Open the survey in a new tab, answer every question, and copy the completion code shown at the end.</p>
  <p><a href="\${survey_url}" target="_blank" rel="noopener">Open the survey</a></p>
  <crowd-input name="completion_code" label="Completion code" required max-length="64"></crowd-input>
</crowd-form>`,
      },
    },
    sampleCsv: `survey_url\nhttps://survey.example.com/s/abc123\n`,
  },
  {
    id: "qualification-test",
    name: "Qualification test (QuestionForm)",
    summary: "A QuestionForm like the ones qualification tests use, with choices and free text.",
    design: {
      ...base,
      title: "Check facts about a city",
      description: "Answer two short questions about a city.",
      keywords: "questions, facts",
      task: {
        kind: "QuestionForm",
        xml: `<QuestionForm xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd">
  <Overview><Title>\${city}</Title><Text>Answer both questions about this city.</Text></Overview>
  <Question>
    <QuestionIdentifier>country</QuestionIdentifier>
    <DisplayName>Country</DisplayName>
    <IsRequired>true</IsRequired>
    <QuestionContent><Text>Which country is \${city} in?</Text></QuestionContent>
    <AnswerSpecification><FreeTextAnswer><Constraints><Length minLength="2" maxLength="60"/></Constraints></FreeTextAnswer></AnswerSpecification>
  </Question>
  <Question>
    <QuestionIdentifier>coastal</QuestionIdentifier>
    <DisplayName>Coast</DisplayName>
    <IsRequired>true</IsRequired>
    <QuestionContent><Text>Is it on the coast?</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><StyleSuggestion>radiobutton</StyleSuggestion><Selections>
      <Selection><SelectionIdentifier>yes</SelectionIdentifier><Text>Yes</Text></Selection>
      <Selection><SelectionIdentifier>no</SelectionIdentifier><Text>No</Text></Selection>
    </Selections></SelectionAnswer></AnswerSpecification>
  </Question>
</QuestionForm>`,
      },
    },
    sampleCsv: `city\nLisbon\n`,
  },
];

export function findTemplate(id: string): ProjectTemplate | undefined {
  return PROJECT_TEMPLATES.find((t) => t.id === id);
}

/** The first row of a template's sample CSV, by column: what its previews show. */
export function templateSampleValues(templateId: string | null): Record<string, string> {
  const csv = templateId ? findTemplate(templateId)?.sampleCsv : undefined;
  if (!csv) return {};
  const table = parseCsv(csv);
  return Object.fromEntries(table.header.map((h, i) => [h, table.rows[0]?.values[i] ?? ""]));
}
