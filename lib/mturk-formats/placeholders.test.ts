import { describe, expect, it } from "vitest";
import { cdata, externalQuestionXml, htmlQuestionXml, placeholdersIn, substitute } from "@/lib/mturk-formats/placeholders";

describe("placeholders", () => {
  it("lists each placeholder once", () => {
    expect(placeholdersIn('<img src="${image_url}"><p>${text}</p><p>${text}</p> $notone {x}')).toEqual(["image_url", "text"]);
  });

  it("fills values escaped for HTML, so a row cannot inject markup", () => {
    expect(substitute('<p title="${t}">${t}</p>', { t: `<script>alert("x")</script> & 'y'` })).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>',
    );
  });

  it("names a missing value instead of leaving a hole", () => {
    expect(() => substitute("${a} ${b}", { a: "1" })).toThrow("No value for placeholder ${b}");
  });

  it("keeps ]]> from ending the CDATA section early", () => {
    const xml = htmlQuestionXml("<p>a]]>b</p>", 600);
    expect(xml).toContain("<![CDATA[<p>a]]]]><![CDATA[>b</p>]]>");
    expect(cdata("plain")).toBe("<![CDATA[plain]]>");
  });

  it("escapes the external URL for XML", () => {
    expect(externalQuestionXml("https://example.com/task?a=1&b=2", 0)).toContain("<ExternalURL>https://example.com/task?a=1&amp;b=2</ExternalURL>");
  });
});
