import type { ProjectDesign } from "@/lib/projects/project-design";

/** Empty designs of each kind, valid as they are so a new project saves at once. */
export function blankDesign(kind: ProjectDesign["task"]["kind"]): ProjectDesign {
  const common = {
    title: "Untitled task",
    description: "Describe the task for workers",
    keywords: "",
    reward: "0.10",
    assignmentsPerHit: 1,
    lifetimeSeconds: 3 * 86_400,
    assignmentDurationSeconds: 1800,
    autoApprovalDelaySeconds: 3 * 86_400,
    qualificationRequirements: [],
  };
  switch (kind) {
    case "HTMLQuestion":
      return {
        ...common,
        task: {
          kind,
          frameHeight: 0,
          html: `<!DOCTYPE html>
<html>
<body>
  <form method="post" action="https://www.mturk.com/mturk/externalSubmit">
    <input type="hidden" name="assignmentId" id="assignmentId">
    <p>\${question}</p>
    <label>Your answer <input name="answer" required></label>
    <button type="submit">Submit</button>
  </form>
  <script>document.getElementById("assignmentId").value = new URLSearchParams(location.search).get("assignmentId");</script>
</body>
</html>`,
        },
      };
    case "ExternalQuestion":
      return { ...common, task: { kind, url: "https://example.com/task?item=${item_id}", frameHeight: 800 } };
    case "QuestionForm":
      return {
        ...common,
        task: {
          kind,
          xml: `<QuestionForm xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd">
  <Question>
    <QuestionIdentifier>answer</QuestionIdentifier>
    <IsRequired>true</IsRequired>
    <QuestionContent><Text>\${question}</Text></QuestionContent>
    <AnswerSpecification><FreeTextAnswer/></AnswerSpecification>
  </Question>
</QuestionForm>`,
        },
      };
  }
}
