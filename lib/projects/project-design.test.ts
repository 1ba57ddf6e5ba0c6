import { describe, expect, it } from "vitest";
import { questionContent } from "@/lib/mturk-formats/question";
import { designPlaceholders, questionForRow } from "@/lib/projects/project-design";

const row = { text: `Tom & "Jerry" <script>x</script> ]]> end`, item: "a b&c=d/é", url: "  https://example.com/s?id=1&x=2  " };

describe("a design's Question for one CSV row", () => {
  it("HTMLQuestion: values HTML-escaped inside CDATA that a ]]> in the HTML cannot break", () => {
    const xml = questionForRow({ kind: "HTMLQuestion", html: '<p title="${text}">${text}</p><!-- ]]> -->', frameHeight: 600 }, row);
    const content = questionContent(xml);
    expect(content).toEqual({
      kind: "HTMLQuestion",
      html: '<p title="Tom &amp; &quot;Jerry&quot; &lt;script&gt;x&lt;/script&gt; ]]&gt; end">Tom &amp; &quot;Jerry&quot; &lt;script&gt;x&lt;/script&gt; ]]&gt; end</p><!-- ]]> -->',
      frameHeight: 600,
    });
  });

  it("ExternalQuestion: placeholders in a URL are URL-encoded; a URL that is one placeholder is taken as the row gives it", () => {
    expect(questionContent(questionForRow({ kind: "ExternalQuestion", url: "https://tasks.example.com/t?item=${item}&v=2", frameHeight: 800 }, row))).toEqual({
      kind: "ExternalQuestion",
      url: "https://tasks.example.com/t?item=a%20b%26c%3Dd%2F%C3%A9&v=2",
      frameHeight: 800,
    });
    expect(questionContent(questionForRow({ kind: "ExternalQuestion", url: "${url}", frameHeight: 0 }, row))).toMatchObject({ url: "https://example.com/s?id=1&x=2" });
  });

  it("QuestionForm: values XML-escaped, so the form still parses", () => {
    const xml = questionForRow(
      {
        kind: "QuestionForm",
        xml: `<QuestionForm xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd"><Question><QuestionIdentifier>q</QuestionIdentifier><QuestionContent><Text>\${text}</Text></QuestionContent><AnswerSpecification><FreeTextAnswer/></AnswerSpecification></Question></QuestionForm>`,
      },
      row,
    );
    expect(xml).toContain("<Text>Tom &amp; &quot;Jerry&quot; &lt;script&gt;x&lt;/script&gt; ]]&gt; end</Text>");
  });

  it("lists the placeholders a CSV must provide, whatever the task kind, and names a missing one", () => {
    expect(designPlaceholders({ kind: "HTMLQuestion", html: "${a} ${b} ${a}", frameHeight: 0 })).toEqual(["a", "b"]);
    expect(designPlaceholders({ kind: "ExternalQuestion", url: "https://x.test/?q=${q}", frameHeight: 0 })).toEqual(["q"]);
    expect(() => questionForRow({ kind: "HTMLQuestion", html: "${missing}", frameHeight: 0 }, row)).toThrow("No value for placeholder ${missing}");
  });
});
