import { describe, expect, it } from "vitest";
import { escapeHtml, scriptJson } from "@/lib/mturk-formats/escape";

describe("escapeHtml", () => {
  it("escapes what could open a tag, an entity or leave a quoted attribute", () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    expect(escapeHtml("plain text")).toBe("plain text");
  });
});

describe("scriptJson", () => {
  it("cannot close the script or start a comment, and parses back to the same value", () => {
    const value = { a: "</script><!-- & \u2028" };
    const json = scriptJson(value);
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
