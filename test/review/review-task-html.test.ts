import { describe, expect, it } from "vitest";
import { reviewAnswerValues, reviewTaskHtml } from "@/lib/review/review-task-html";

describe("the task re-rendered for review", () => {
  it("opens crowd-form's taskAnswers into values by element name, beside plain fields", () => {
    expect(reviewAnswerValues({ taskAnswers: JSON.stringify([{ sentiment: { label: "Negative" }, stars: "2" }]) })).toEqual({ sentiment: { label: "Negative" }, stars: "2" });
    expect(reviewAnswerValues({ animal: "cat", tags: ["cute", "fluffy"] })).toEqual({ animal: "cat", tags: ["cute", "fluffy"] });
    expect(reviewAnswerValues({ taskAnswers: "not json" })).toEqual({ taskAnswers: "not json" });
    expect(reviewAnswerValues(null)).toEqual({});
  });

  it("sets the answers before the crowd script (served by HITdesk) and cannot be broken out of", () => {
    const html = `<!DOCTYPE html><html><head><script src="https://assets.crowd.aws/crowd-html-elements.js"></script></head><body><crowd-form></crowd-form></body></html>`;
    const out = reviewTaskHtml(html, { taskAnswers: JSON.stringify([{ note: "</script><script>alert(1)</script>" }]) }, "http://127.0.0.1:3000");
    const answers = out.indexOf("HITDESK_REVIEW_ANSWERS=");
    const crowd = out.indexOf('src="http://127.0.0.1:3000/task-assets/crowd-html-elements.js"');
    expect(answers).toBeGreaterThan(out.indexOf("<head>"));
    expect(crowd).toBeGreaterThan(answers);
    expect(out).not.toContain("assets.crowd.aws");
    expect(out).not.toContain("<script>alert(1)");
    expect(out).toContain("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)");
  });

  it("puts the answers first in a fragment without <head>", () => {
    const out = reviewTaskHtml(`<script src="https://assets.crowd.aws/crowd-html-elements.js"></script><crowd-form></crowd-form>`, { a: "1" }, "https://hitdesk.example");
    expect(out.startsWith(`<script>window.HITDESK_REVIEW_ANSWERS={"a":"1"};</script><script src="https://hitdesk.example/task-assets/`)).toBe(true);
  });
});
